// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import {
  checkExtractors,
  judgeStability,
  proposeFieldReadings,
  type BuilderField,
} from './field-pick';

function page(body: string) {
  const doc = document.implementation.createHTMLDocument('in-house tool');
  doc.body.innerHTML = body;
  return doc;
}

const best = (doc: Document, target: string, field: BuilderField) =>
  proposeFieldReadings(doc.querySelector(target)!, field, doc)[0]!;

describe('proposeFieldReadings', () => {
  it('reads an address from a mailto link whose text is not the address', () => {
    const doc = page(
      `<section id="customer"><a href="mailto:grace@navy.test?subject=Hi"><b>write</b></a></section>`,
    );
    const reading = best(doc, 'b', 'customerEmail');
    expect(reading.extractor).toEqual({
      selector: '#customer a',
      read: 'attribute',
      attribute: 'href',
      pattern: '^mailto:([^?]+)',
      deep: false,
    });
    expect(reading.value).toBe('grace@navy.test');
  });

  it('keeps what follows a label written in the same element', () => {
    const doc = page(`<p data-testid="state">Status: Waiting on customer</p>`);
    const reading = best(doc, 'p', 'status');
    expect(reading.extractor.pattern).toBe('^Status:\\s*(.+)$');
    expect(reading.value).toBe('Waiting on customer');
  });

  it('reads the value of a form field', () => {
    const doc = page(`<input name="subject" value="Invoice charged twice">`);
    expect(best(doc, 'input', 'subject')).toMatchObject({
      extractor: { selector: 'input[name="subject"]', read: 'value' },
      value: 'Invoice charged twice',
    });
  });

  it('notes the label beside the element', () => {
    const doc = page(`<table id="details"><tr><th>Email</th><td>grace@navy.test</td></tr></table>`);
    expect(best(doc, 'td', 'customerEmail').label).toBe('Email');
  });
});

describe('stability across two records', () => {
  // Record 1042 shows no phone row; record 2077 does, so every row below it moves down by one.
  const first = page(`
    <table id="details">
      <tr><th>Name</th><td class="css-a1b2c3">Grace Hopper</td></tr>
      <tr><th>Email</th><td class="css-a1b2c3" data-field="email">grace@navy.test</td></tr>
    </table>`);
  const second = page(`
    <table id="details">
      <tr><th>Name</th><td class="css-z9y8x7">Alan Turing</td></tr>
      <tr><th>Phone</th><td class="css-z9y8x7">+44 20 7946 0000</td></tr>
      <tr><th>Email</th><td class="css-z9y8x7" data-field="email">alan@bletchley.test</td></tr>
    </table>`);

  it('keeps a selector anchored on the field and drops one that lands on another field', () => {
    const candidates = proposeFieldReadings(
      first.querySelector('[data-field]')!,
      'customerEmail',
      first,
    );
    const selectors = candidates.map((candidate) => candidate.extractor.selector);
    expect(selectors).toContain('#details > tbody > tr:nth-of-type(2) > td');
    const verdicts = judgeStability(
      candidates,
      checkExtractors(
        candidates.map((candidate) => candidate.extractor),
        second,
      ),
    );
    expect(verdicts[0]).toMatchObject({
      extractor: { selector: '[data-field="email"]' },
      stable: true,
      value: 'grace@navy.test',
      secondValue: 'alan@bletchley.test',
    });
    const positional = verdicts.find(
      (verdict) => verdict.extractor.selector === '#details > tbody > tr:nth-of-type(2) > td',
    );
    // Unique on both pages, but beside "Phone" on the second: not stable.
    expect(positional).toMatchObject({ stable: false, secondValue: '+44 20 7946 0000' });
  });

  it('drops a selector that is unique on the first record and repeated on the second', () => {
    const one = page(`<ul id="tags"><li class="tag">vip</li></ul>`);
    const two = page(`<ul id="tags"><li class="tag">vip</li><li class="tag">late</li></ul>`);
    const candidates = proposeFieldReadings(one.querySelector('li')!, 'status', one);
    const verdicts = judgeStability(
      candidates,
      checkExtractors(
        candidates.map((candidate) => candidate.extractor),
        two,
      ),
    );
    expect(verdicts.find((v) => v.extractor.selector === 'li.tag')).toMatchObject({
      stable: false,
    });
    expect(checkExtractors([{ selector: 'li.tag', read: 'text', deep: false }], two)).toEqual([
      { count: 2, value: 'vip', label: null },
    ]);
  });

  it('reports an invalid selector as finding nothing instead of throwing', () => {
    expect(checkExtractors([{ selector: 'td[', read: 'text', deep: false }], second)).toEqual([
      { count: 0, value: null, label: null },
    ]);
  });
});
