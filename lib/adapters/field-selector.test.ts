// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { defineAdapter } from './definition';
import { fieldSelectorOf } from './read-record';

const adapter = (fields: Parameters<typeof defineAdapter>[0]['fields']) =>
  defineAdapter({
    id: 'desk',
    name: 'Desk',
    hosts: ['https://desk.acme.test/*'],
    records: [{ type: 'ticket', url: '/tickets/(\\d+)' }],
    fields,
  });

describe('fieldSelectorOf (issue #15 item 7)', () => {
  it('lists every selector a field is read with, the title left to the head’s observer', () => {
    const desk = adapter({
      customerName: [{ selector: '.requester' }, { selector: '#from', read: 'value' }],
      status: [{ selector: '[data-field="status"]' }],
      subject: [{ documentTitle: true }],
    });
    expect(fieldSelectorOf(desk, document)).toBe('.requester, #from, [data-field="status"]');
  });

  it('lists the element a record id is read from, so that a record changed in place is read again', () => {
    const desk = defineAdapter({
      id: 'desk',
      name: 'Desk',
      hosts: ['https://desk.acme.test/*'],
      records: [
        { type: 'ticket', url: '/tickets/(\\d+)' },
        { type: 'ticket', url: '/ticket\\?number=', idFrom: { selector: '#ticket-id' } },
      ],
      fields: { status: [{ selector: '.status' }] },
    });
    expect(fieldSelectorOf(desk, document)).toBe('.status, #ticket-id');
  });

  it('leaves out a selector the browser rejects (that field is never read either)', () => {
    // The schema refuses such a selector; one whose grammar differs between css-what and the
    // browser could still get past it, so the page's own answer decides.
    const desk = adapter({ customerName: [{ selector: '.requester' }] });
    const rejected = { selector: 'div[', read: 'text', deep: false } as const;
    desk.fields.customerName = [rejected, ...desk.fields.customerName!];
    expect(fieldSelectorOf(desk, document)).toBe('.requester');
  });

  it('cannot tell for an adapter that reads inside shadow roots, or reads nothing from the page', () => {
    const lightning = adapter({ customerName: [{ selector: 'records-name', deep: true }] });
    expect(fieldSelectorOf(lightning, document)).toBeNull();
    expect(fieldSelectorOf(adapter({ subject: [{ documentTitle: true }] }), document)).toBeNull();
  });
});
