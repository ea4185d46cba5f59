// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { defineAdapter } from './definition';
import { readRecord } from './read-record';
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
});
