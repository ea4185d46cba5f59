// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { defineAdapter } from './definition';
import { compileMatchPattern, readRecord } from './read-record';
import { hostPatternSchema } from '../../contract/ids';
import { recordContextSchema } from '../context/record-context';

const URL_OF_CASE = 'https://desk.acme.test/cases/7';

function pageWith(html: string) {
  const document = window.document.implementation.createHTMLDocument('case');
  document.body.innerHTML = html;
  return { url: URL_OF_CASE, document };
}

describe('readRecord: what an admin adapter may ask of a page', () => {
  it('keeps a record whose rules are long: the background takes it, it is not lost', () => {
    // Each rule at the schema's 300 characters; named with its kind (`scope:`, `url:`) it is longer.
    const scope = `main.case${' > div'.repeat(48)}`;
    const adapter = defineAdapter({
      id: 'acme-desk',
      name: 'Acme Desk',
      hosts: ['https://desk.acme.test/*'],
      records: [
        { type: 'ticket', url: `^https://desk\\.acme\\.test/cases/(\\d+)${'(?:)'.repeat(65)}` },
      ],
      scope: [scope],
      fields: { customerName: [{ selector: '.name' }] },
    });
    const nested = `${'<div>'.repeat(48)}<span class="name">Ada Lovelace</span>${'</div>'.repeat(48)}`;
    const result = readRecord(adapter, pageWith(`<main class="case">${nested}</main>`), 1);
    if (!result.ok) throw new Error(result.reason);
    expect(result.context.customerName).toBe('Ada Lovelace');
    expect(recordContextSchema.safeParse(result.context).success).toBe(true);
  });

  it("runs a pattern on the element's first 2,000 characters only, not a whole conversation", () => {
    const adapter = defineAdapter({
      id: 'acme-desk',
      name: 'Acme Desk',
      hosts: ['https://desk.acme.test/*'],
      records: [{ type: 'ticket', url: '^https://desk\\.acme\\.test/cases/(\\d+)' }],
      fields: {
        customerEmail: [{ selector: '.conversation', pattern: '([\\w.+-]+@[\\w-]+\\.[\\w.]+)' }],
      },
    });
    const early = `<div class="conversation">ada@example.com ${'word '.repeat(8_000)}</div>`;
    const late = `<div class="conversation">${'word '.repeat(8_000)} ada@example.com</div>`;
    const read = (html: string) => {
      const result = readRecord(adapter, pageWith(html), 1);
      if (!result.ok) throw new Error(result.reason);
      return result.context.customerEmail;
    };
    expect(read(early)).toBe('ada@example.com');
    expect(read(late)).toBeUndefined();
  });

  it('reads a field from a whole conversation at once, from the text after its indentation', () => {
    const adapter = defineAdapter({
      id: 'acme-desk',
      name: 'Acme Desk',
      hosts: ['https://desk.acme.test/*'],
      records: [{ type: 'ticket', url: '^https://desk\\.acme\\.test/cases/(\\d+)' }],
      fields: { subject: [{ selector: '.conversation' }] },
    });
    const document = pageWith('<div class="conversation"></div>').document;
    // 10 MB of text, as a long thread pane an admin's selector may name by mistake.
    const indentation = `\n${' '.repeat(3_000)}`;
    document.querySelector('.conversation')!.textContent =
      `${indentation}Order   arrived\n damaged ${'and more words '.repeat(700_000)}`;
    const started = performance.now();
    const result = readRecord(adapter, { url: URL_OF_CASE, document }, 1);
    const tookMs = performance.now() - started;
    if (!result.ok) throw new Error(result.reason);
    expect(result.context.subject).toMatch(/^Order arrived damaged and more words/);
    expect(result.context.subject).toHaveLength(500);
    // Folding the whitespace of all of it took about 600 ms here: a long task on every read.
    expect(tookMs).toBeLessThan(40);
  });
});

describe('compileMatchPattern', () => {
  it.each([
    ['https://*.zendesk.com/*', 'https://acme.zendesk.com/agent/tickets/42', true],
    ['https://*.zendesk.com/*', 'https://zendesk.com/', true],
    ['https://*.zendesk.com/*', 'https://acme.zendesk.com.evil.test/', false],
    ['*://help.acme.test/scp/*', 'http://help.acme.test/scp/tickets.php?id=1', true],
    ['*://help.acme.test/scp/*', 'https://help.acme.test/other/scp/', false],
    ['https://desk.acme.test/cases/*/view', 'https://desk.acme.test/cases/7/view', true],
    ['https://desk.acme.test/cases/*/view', 'https://desk.acme.test/cases/7/edit', false],
    ['https://*/*', 'https://anything.example/', true],
    ['https://desk.acme.test/a.b', 'https://desk.acme.test/aXb', false],
    // No port in the pattern: any port, as in Chrome; a port in it: that port only.
    ['https://help.acme.test/*', 'https://help.acme.test:8443/tickets/1', true],
    ['https://*.acme.test/*', 'https://help.acme.test:8443/', true],
    ['https://*/*', 'https://help.acme.test:8443/', true],
    ['https://help.acme.test:8443/*', 'https://help.acme.test:8443/tickets/1', true],
    ['https://help.acme.test:8443/*', 'https://help.acme.test/tickets/1', false],
    ['https://help.acme.test:8443/*', 'https://help.acme.test:9443/', false],
    ['https://help.acme.test/*', 'https://help.acme.test.evil:8443/', false],
  ])('%s covers %s: %s', (pattern, url, covered) => {
    expect(compileMatchPattern(pattern).test(url)).toBe(covered);
  });

  it('covers the pages of an admin pattern as the schema reads it (default port, case)', () => {
    const read = (pattern: string) => compileMatchPattern(hostPatternSchema.parse(pattern));
    expect(read('https://wiki.acme.test:443/*').test('https://wiki.acme.test/page')).toBe(true);
    expect(read('HTTPS://Wiki.Acme.test/*').test('https://wiki.acme.test/page')).toBe(true);
    expect(read('https://help.acme.test/*').test('https://help.acme.test:8443/x')).toBe(true);
  });

  it('answers at once for a pattern full of wildcards on a long address (no backtracking)', () => {
    const pattern = `*://*/${'*e'.repeat(12)}*Q`;
    const url = `https://www.example.com/search?q=${'e'.repeat(200)}`;
    expect(compileMatchPattern(pattern).test(url)).toBe(false);
    expect(compileMatchPattern(pattern).test(`${url}Q`)).toBe(true);
  });
});
