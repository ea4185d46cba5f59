// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { isGeneratedClass, isUnstableId } from './generated-names';
import { proposeSelectors } from './propose-selector';

function page(body: string) {
  const doc = document.implementation.createHTMLDocument('in-house tool');
  doc.body.innerHTML = body;
  return doc;
}

const selectorsFor = (doc: Document, target: string) =>
  proposeSelectors(doc.querySelector(target)!, doc).map((candidate) => candidate.selector);

describe('generated names', () => {
  it.each(['css-1x2y3z', 'sc-abcdef', '_3kX9q', 'Card_title__a1B2c', 'jsx-2983412', 'x9f3k2'])(
    'treats the class %s as generated',
    (name) => expect(isGeneratedClass(name)).toBe(true),
  );
  it.each(['customer-name', 'col-12', 'h1', 'btn-primary', 'ticket_subject', 'step2'])(
    'keeps the class %s',
    (name) => expect(isGeneratedClass(name)).toBe(false),
  );
  it.each(['ember123', ':r1:', 'ticket-4711', 'react-select-2-input', '3f2a9c1e-0b1d'])(
    'treats the id %s as unstable',
    (id) => expect(isUnstableId(id)).toBe(true),
  );
  it.each(['customer', 'ticket-subject', 'requester_email'])('keeps the id %s', (id) =>
    expect(isUnstableId(id)).toBe(false),
  );
});

describe('proposeSelectors', () => {
  it('prefers a stable id, then data-* test hooks, then ARIA', () => {
    const doc = page(
      `<span id="customer-name" data-role="value" data-testid="customer-name" aria-label="Customer name">Grace Hopper</span>`,
    );
    expect(proposeSelectors(doc.querySelector('span')!, doc).slice(0, 4)).toEqual([
      { selector: '#customer-name', kind: 'id' },
      { selector: '[data-testid="customer-name"]', kind: 'data' },
      { selector: '[data-role="value"]', kind: 'data' },
      { selector: 'span[aria-label="Customer name"]', kind: 'aria' },
    ]);
  });

  it('never uses hashed class names or generated ids', () => {
    const doc = page(`
      <div id="ember412" class="css-1x2y3z">
        <section class="sc-abcdef customer-card" aria-label="Customer">
          <p class="_3kX9q">Ticket</p>
          <p class="_3kX9q"><span id=":r7:" class="css-9q8w7e name">Grace Hopper</span></p>
        </section>
      </div>`);
    const selectors = selectorsFor(doc, '.name');
    expect(selectors.length).toBeGreaterThan(0);
    for (const selector of selectors) {
      expect(selector).not.toMatch(/css-|sc-abcdef|_3kX9q|ember412|:r7:/);
    }
    expect(selectors[0]).toBe('section[aria-label="Customer"] span.name');
  });

  it('does not anchor on attributes holding the record’s own value', () => {
    const doc = page(
      `<div data-ticket="4711"><a title="grace@navy.test" aria-label="Grace Hopper">Grace Hopper</a></div>`,
    );
    const selectors = selectorsFor(doc, 'a');
    expect(selectors.join(' ')).not.toMatch(/4711|Grace|grace@/);
  });

  it('offers only selectors that find the clicked element and nothing else', () => {
    // Two elements share data-field="name" (the agent's and the customer's): not unique alone.
    const doc = page(`
      <header data-testid="agent-bar"><span data-field="name">Ada (agent)</span></header>
      <main><section data-testid="requester"><span data-field="name">Grace Hopper</span></section></main>`);
    const target = doc.querySelectorAll('[data-field="name"]')[1]!;
    const selectors = proposeSelectors(target, doc).map((candidate) => candidate.selector);
    expect(selectors).not.toContain('[data-field="name"]');
    expect(selectors[0]).toBe('[data-testid="requester"] span');
    for (const selector of selectors) {
      const found = doc.querySelectorAll(selector);
      expect([found.length, found[0]], selector).toEqual([1, target]);
    }
  });

  it('anchors a value on the label before it', () => {
    const doc = page(`
      <dl class="css-1q2w3e">
        <dt id="label-status">Status</dt><dd class="css-4r5t6y">Open</dd>
        <dt data-label="priority">Priority</dt><dd class="css-4r5t6y">High</dd>
      </dl>`);
    expect(proposeSelectors(doc.querySelectorAll('dd')[0]!, doc)[0]).toEqual({
      selector: '#label-status + dd',
      kind: 'label',
    });
    expect(selectorsFor(doc, 'dt[data-label] + dd')[0]).toBe('[data-label="priority"] + dd');
  });

  it('anchors an element on the label that names it through aria-labelledby', () => {
    const doc = page(`
      <span id="phone-label">Phone</span><b>·</b>
      <span class="x7y8z9q" aria-labelledby="phone-label">+49 30 1234567</span>
      <span class="x7y8z9q">other</span>`);
    expect(selectorsFor(doc, '[aria-labelledby]')[0]).toBe('span[aria-labelledby="phone-label"]');
  });

  it('falls back to the child path from <body> when nothing else is unique', () => {
    const doc = page(`<div><span>a</span><span>b</span></div><div><span>c</span></div>`);
    const target = doc.querySelectorAll('span')[1]!;
    expect(proposeSelectors(target, doc)).toEqual([
      { selector: 'body > div:nth-of-type(1) > span:nth-of-type(2)', kind: 'position' },
    ]);
  });
});
