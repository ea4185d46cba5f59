import { describe, expect, it } from 'vitest';
import { identityKeysOf, normaliseEmail, normalisePhone } from './identity';
import type { RecordContext } from './record-context';

describe('normaliseEmail', () => {
  it('matches the same mailbox however it was typed', () => {
    expect(normaliseEmail('  Ada@Example.COM ')).toBe('ada@example.com');
  });
  it('rejects values that are not addresses', () => {
    expect(normaliseEmail('Ada Lovelace')).toBeUndefined();
    expect(normaliseEmail('<ada@example.com>')).toBeUndefined();
  });
});

describe('normalisePhone (E.164)', () => {
  it.each([
    ['+1 (415) 555-0100', '1', '+14155550100'],
    ['415.555.0100', '1', '+14155550100'],
    ['1-415-555-0100', '1', '+14155550100'],
    ['0049 30 1234567', '1', '+49301234567'],
    ['030 1234567', '49', '+49301234567'],
    ['+44 20 7946 0958 ext. 12', '1', '+442079460958'],
  ])('%s (default +%s) → %s', (raw, callingCode, expected) => {
    expect(normalisePhone(raw, callingCode)).toBe(expected);
  });

  it.each(['call me', '12', '+1234567890123456789', ''])('rejects %j', (raw) => {
    expect(normalisePhone(raw, '1')).toBeUndefined();
  });
});

describe('identityKeysOf', () => {
  const base: RecordContext = {
    app: 'salesforce',
    appName: 'Salesforce',
    recordType: 'contact',
    recordId: '003000000000001AAA',
    url: 'https://acme.lightning.force.com/lightning/r/Contact/003000000000001AAA/view',
    matchedBy: {},
    observedAt: 1,
  };

  it('keys a record by email, phone and its app-scoped customer id', () => {
    const keys = identityKeysOf(
      {
        ...base,
        customerEmail: 'ADA@example.com',
        customerPhone: '415 555 0100',
        customerId: '42',
      },
      { defaultCallingCode: '1', idLinks: [] },
    );
    expect(keys).toEqual(['email:ada@example.com', 'phone:+14155550100', 'id:salesforce:42']);
  });

  it('adds the admin-declared link so ids in different apps meet', () => {
    const links = [['zendesk:9001', 'salesforce:42']];
    const salesforce = identityKeysOf(
      { ...base, customerId: '42' },
      { defaultCallingCode: '1', idLinks: links },
    );
    const zendesk = identityKeysOf(
      { ...base, app: 'zendesk', customerId: '9001' },
      { defaultCallingCode: '1', idLinks: links },
    );
    expect(salesforce).toContain('link:zendesk:9001');
    expect(zendesk).toContain('link:zendesk:9001');
  });

  it('gives a record without customer identity no keys (it merges with nothing)', () => {
    expect(identityKeysOf(base, { defaultCallingCode: '1', idLinks: [] })).toEqual([]);
  });
});
