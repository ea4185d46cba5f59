import { describe, expect, it } from 'vitest';
import { readManagedValues } from '../../settings/policy';
import {
  draftToDefinition,
  managedPolicyJson,
  suggestIdentity,
  type BuilderDraft,
} from './draft-adapter';

const draft: BuilderDraft = {
  address: 'https://tools.acme.test/app/requests/1042',
  id: 'tools-acme',
  name: 'Acme Tools',
  recordType: 'ticket',
  recordPattern: '/app/requests/(\\d+)(?:[/?#]|$)',
  fields: {
    customerName: [
      { selector: '[data-testid="requester-name"]', read: 'text', deep: false },
      { selector: '#requester span.name', read: 'text', deep: false },
      { selector: 'body > main > span', read: 'text', deep: false },
    ],
    customerEmail: [
      {
        selector: '#requester a',
        read: 'attribute',
        attribute: 'href',
        pattern: '^mailto:([^?]+)',
        deep: false,
      },
    ],
  },
};

describe('draftToDefinition', () => {
  it('makes a definition the custom-adapter schema accepts, keeping two alternatives per field', () => {
    const result = draftToDefinition(draft);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.input).toEqual({
      id: 'tools-acme',
      name: 'Acme Tools',
      hosts: ['https://tools.acme.test/*'],
      records: [{ type: 'ticket', url: '/app/requests/(\\d+)(?:[/?#]|$)' }],
      fields: {
        customerName: [
          { selector: '[data-testid="requester-name"]' },
          { selector: '#requester span.name' },
        ],
        customerEmail: [
          {
            selector: '#requester a',
            read: 'attribute',
            attribute: 'href',
            pattern: '^mailto:([^?]+)',
          },
        ],
      },
    });
    expect(result.definition.fields.customerName).toHaveLength(2);
  });

  it('names what the schema refuses', () => {
    expect(draftToDefinition({ ...draft, id: 'Tools!' })).toEqual({
      ok: false,
      problem: 'id: app id must be 2-40 characters: lower-case letters, digits, -',
    });
    expect(draftToDefinition({ ...draft, fields: {} })).toEqual({ ok: false, problem: null });
  });

  it('exports managed-policy JSON that the policy reader takes as one custom adapter', () => {
    const result = draftToDefinition(draft);
    if (!result.ok) throw new Error(String(result.problem));
    const policy = JSON.parse(managedPolicyJson(result.input)) as { customAdapters: unknown[] };
    expect(typeof policy.customAdapters[0]).toBe('string');
    const managed = readManagedValues(policy);
    expect(managed.diagnostics).toEqual([]);
    expect(managed.values.customAdapters).toEqual([result.definition]);
  });
});

describe('suggestIdentity', () => {
  it.each([
    ['https://tools.acme.test/app/requests/1', { id: 'tools-acme', name: 'tools.acme.test' }],
    [
      'https://www.helpdesk.example.com/x/1',
      { id: 'helpdesk-example', name: 'helpdesk.example.com' },
    ],
    ['http://127.0.0.1:5301/tickets/1', { id: 'app-127-0-0-1', name: '127.0.0.1' }],
  ])('%s → %o', (address, expected) => {
    expect(suggestIdentity(address)).toEqual(expected);
  });
});
