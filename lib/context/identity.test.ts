import { describe, expect, it } from 'vitest';
import { displayPhone, identityKeysOf, normaliseEmail, normalisePhones } from './identity';
import type { RecordContext } from './record-context';

/** The first number a field holds, as the card lists it first. */
const normalisePhone = (raw: string, callingCode: string) => normalisePhones(raw, callingCode)[0];

describe('normaliseEmail', () => {
  it('matches the same mailbox however it was typed', () => {
    expect(normaliseEmail('  Ada@Example.COM ')).toBe('ada@example.com');
  });

  // How CRM pages show one address; each gave a key of its own, or none, before (audit, 2026-12).
  it.each([
    ['zero-width space', '\u200bada@example.com'],
    ['left-to-right mark', 'ada@example.com\u200e'],
    ['bidi isolate', '\u2068ada@example.com\u2069'],
    ['soft hyphen', 'ada@exa\u00admple.com'],
    ['mailto link', 'mailto:ada@example.com'],
    ['mailto link in capitals', 'MAILTO:Ada@Example.com'],
    ['mailto link with a query', 'mailto:Ada@Example.com?subject=Order%2042&cc=bob@example.com'],
    ['display form', 'Ada Lovelace <ada@example.com>'],
    ['quoted display form', '"Ada" <ada@example.com>'],
    ['display form with a mailto link', 'Ada <mailto:ada@example.com>'],
    ['display form naming the address', 'ada@example.com <ada@example.com>'],
    ['bare brackets', '<ada@example.com>'],
    ['trailing dot', 'ada@example.com.'],
    ['double quotes', '"ada@example.com"'],
    ['typographic quotes', '“ada@example.com”'],
    ['parentheses', '(ada@example.com)'],
    ['square brackets', '[ada@example.com]'],
    ['trailing comma', 'ada@example.com,'],
    ['trailing semicolon', 'ada@example.com;'],
    ['trailing colon', 'ada@example.com:'],
    ['fullwidth', 'ａｄａ＠ｅｘａｍｐｌｅ．ｃｏｍ'],
    ['fullwidth capitals', 'ＡＤＡ＠ＥＸＡＭＰＬＥ．ＣＯＭ'],
  ])('reads the address (%s)', (_form, raw) => {
    expect(normaliseEmail(raw)).toBe('ada@example.com');
  });

  it.each([
    ['a name', 'Ada Lovelace'],
    ['empty', ''],
    ['invisible characters only', '\u200b\u200e'],
    ['a bare mailto', 'mailto:'],
    ['no domain', 'ada@'],
    ['no top-level domain', 'ada@example'],
    ['a mailbox with a space', 'ada lovelace@example.com'],
    ['brackets without an address', 'Ada <sales>'],
    ['garbage', '<<@>>'],
  ])('gives no address for %s', (_what, raw) => {
    expect(normaliseEmail(raw)).toBeUndefined();
  });

  // Refused before too: no one of several people is more the customer than the others.
  it.each([
    'a@x.com, b@y.com',
    'a@x.com,b@y.com',
    'a@x.com; b@y.com',
    'Ada <a@x.com>, Bob <b@y.com>',
    'mailto:a@x.com,b@y.com',
  ])('gives no address for the list %j', (raw) => {
    expect(normaliseEmail(raw)).toBeUndefined();
  });
});

// Numbers from 12 countries as their CRMs show them (issue #15): the default calling code reads
// national numbers; each country's trunk prefix is handled by libphonenumber-js's metadata.
const PHONES = [
  // raw, default calling code, E.164, display
  ['+1 (415) 555-0100', '1', '+14155550100', '(415) 555-0100'],
  ['415.555.0100', '1', '+14155550100', '(415) 555-0100'],
  ['1-415-555-0100', '1', '+14155550100', '(415) 555-0100'],
  ['(416) 555-0199', '1', '+14165550199', '(416) 555-0199'],
  ['0049 30 1234567', '1', '+49301234567', '+49 30 1234567'],
  ['030 1234567', '49', '+49301234567', '030 1234567'],
  ['+44 20 7946 0958 ext. 12', '1', '+442079460958;ext=12', '+44 20 7946 0958 x12'],
  ['+442079460018', '49', '+442079460018', '+44 20 7946 0018'],
  ['020 7946 0018', '44', '+442079460018', '020 7946 0018'],
  ['06 6982 1234', '39', '+390669821234', '06 6982 1234'],
  ['333 1234567', '39', '+393331234567', '333 123 4567'],
  ['01 42 68 53 00', '33', '+33142685300', '01 42 68 53 00'],
  ['91 123 45 67', '34', '+34911234567', '911 23 45 67'],
  ['020 123 4567', '31', '+31201234567', '020 123 4567'],
  ['(02) 9374 4000', '61', '+61293744000', '(02) 9374 4000'],
  ['03-1234-5678', '81', '+81312345678', '03-1234-5678'],
  ['(11) 3456-7890', '55', '+551134567890', '(11) 3456-7890'],
  ['98765 43210', '91', '+919876543210', '098765 43210'],
] as const;

describe('the first number of a field (E.164)', () => {
  it.each(PHONES)('%s (default +%s) → %s', (raw, callingCode, e164) => {
    expect(normalisePhone(raw, callingCode)).toBe(e164);
  });

  it('keeps the trunk 0 of an Italian number, which is part of it', () => {
    expect(normalisePhone('06 6982 1234', '39')).toBe('+390669821234');
    expect(normalisePhone('+39 06 6982 1234', '1')).toBe('+390669821234');
  });

  it.each(['call me', '12', '+1234567890123456789', ''])('rejects %j', (raw) => {
    expect(normalisePhone(raw, '1')).toBeUndefined();
  });

  it.each([
    ['123-456-7890', '1'],
    ['1111111111', '1'],
    ['415 555 0100', '44'],
    ['+39 6 6982 1234', '39'],
  ])('rejects %j (default +%s): no such number, so it never merges two customers', (raw, code) => {
    expect(normalisePhone(raw, code)).toBeUndefined();
  });

  it.each([
    ['011 44 20 7946 0018', '1'],
    ['0011 44 20 7946 0018', '61'],
    ['010 44 20 7946 0018', '81'],
    ['0044 20 7946 0018', '1'],
  ])('reads %j (default +%s) with its country’s international prefix', (raw, code) => {
    expect(normalisePhone(raw, code)).toBe('+442079460018');
  });

  it('reads a Mexican mobile kept with the "1" dropped from the plan in 2019 as the number it is today', () => {
    expect(normalisePhone('+52 1 55 1234 5678', '1')).toBe('+525512345678');
    expect(normalisePhone('0052 1 55 1234 5678', '52')).toBe('+525512345678');
    expect(normalisePhone('+52 1 55 1234 5678 ext. 7', '52')).toBe('+525512345678;ext=7');
  });

  it('takes a US number written the North American way under +52 for no Mexican one', () => {
    expect(normalisePhone('1 415 555 0100', '52')).toBeUndefined();
  });

  it('takes the first of two numbers in one field, not the second as its extension', () => {
    expect(normalisePhone('020 7946 0018, 07911 123456', '44')).toBe('+442079460018');
    expect(normalisePhone('020 7946 0018, 12', '44')).toBe('+442079460018;ext=12');
  });

  it('keeps the extension, so people behind one switchboard stay apart', () => {
    expect(normalisePhone('020 7946 0958 x40', '44')).toBe('+442079460958;ext=40');
    expect(normalisePhone('020 7946 0958 ext. 12', '44')).not.toBe(
      normalisePhone('020 7946 0958 x40', '44'),
    );
  });
});

describe('normalisePhones: every number of a field', () => {
  it.each([
    ['020 7946 0018, 07911 123456', ['+442079460018', '+447911123456']],
    ['+44 20 7946 0018 / +44 7911 123456', ['+442079460018', '+447911123456']],
    ['020 7946 0018; 07911 123456', ['+442079460018', '+447911123456']],
    ['Office 020 7946 0018 mobile 07911 123456', ['+442079460018', '+447911123456']],
    ['020 7946 0018 / 020 7946 0018', ['+442079460018']],
    ['020 7946 0958 x40', ['+442079460958;ext=40']],
    ['ask reception', []],
  ])('%j (default +44) → %j', (raw, expected) => {
    expect(normalisePhones(raw, '44')).toEqual(expected);
  });

  it('reads no numbers out of a whole panel that a selector matched', () => {
    const panel = `Ada Lovelace · Analytical Engines Ltd · ${'notes '.repeat(40)} · 020 7946 0018`;
    expect(normalisePhones(panel, '44')).toEqual([]);
  });

  it.each([
    ['030 / 1234567', '49', ['+49301234567']],
    ['0221/1234567; 0171/2345678', '49', ['+492211234567', '+491712345678']],
    ['089/2345678; Fax 089/2345679', '49', ['+49892345678', '+49892345679']],
    ['01/234 56 78, 0664/123 45 67', '43', ['+4312345678', '+436641234567']],
  ])('keeps numbers written with a slash after the area code whole: %j', (raw, code, expected) => {
    expect(normalisePhones(raw, code)).toEqual(expected);
  });
});

describe('a default calling code no country has (an admin typo: 35 for 353)', () => {
  it('reads international numbers only, and never throws', () => {
    expect(normalisePhones('+44 20 7946 0018', '35')).toEqual(['+442079460018']);
    expect(normalisePhones('020 7946 0018', '35')).toEqual([]);
    expect(normalisePhones('020 7946 0018, 07911 123456', '35')).toEqual([]);
    expect(displayPhone('020 7946 0018', '35')).toBe('020 7946 0018');
  });
});

describe('displayPhone', () => {
  it.each(PHONES)('%s (default +%s) shows as written in its country', (raw, code, _e164, shown) => {
    expect(displayPhone(raw, code)).toBe(shown);
  });

  it('shows text that is no phone number as it is', () => {
    expect(displayPhone('ask reception', '44')).toBe('ask reception');
  });

  it('shows the extension of the number it keys on', () => {
    expect(displayPhone(normalisePhone('020 7946 0958 x40', '44')!, '44')).toBe(
      '020 7946 0958 x40',
    );
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

  it('keys no one by a field that lists several numbers: one may be a line coworkers share', () => {
    const options = { defaultCallingCode: '44', idLinks: [] };
    const main = '020 7946 0000';
    const ada = identityKeysOf(
      { ...base, customerPhone: `Main ${main}, direct 020 7946 0018` },
      options,
    );
    const grace = identityKeysOf(
      { ...base, customerPhone: `Main ${main}, direct 020 7946 0019` },
      options,
    );
    expect(ada).toEqual([]);
    expect(grace).toEqual([]);
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

  it('keys no one on an address or id that stands for many people or for none', () => {
    for (const customerEmail of [
      'noreply@shop.example',
      'No-Reply@acme.example',
      'mailer-daemon@x.example',
    ]) {
      expect(
        identityKeysOf({ ...base, customerEmail }, { defaultCallingCode: '1', idLinks: [] }),
      ).toEqual([]);
    }
    for (const customerId of ['0', 'n/a', 'N/A', 'none', '-', ' unknown ']) {
      expect(
        identityKeysOf({ ...base, customerId }, { defaultCallingCode: '1', idLinks: [] }),
      ).toEqual([]);
    }
    expect(
      identityKeysOf(
        { ...base, customerEmail: 'noreplyrita@acme.example', customerId: '10' },
        { defaultCallingCode: '1', idLinks: [] },
      ),
    ).toEqual(['email:noreplyrita@acme.example', 'id:salesforce:10']);
  });

  it('keys a display-form or mailto address as the bare address, and a no-reply one not at all', () => {
    const options = { defaultCallingCode: '1', idLinks: [] };
    for (const customerEmail of ['Ada Lovelace <Ada@Example.com>', 'mailto:ada@example.com']) {
      expect(identityKeysOf({ ...base, customerEmail }, options)).toEqual([
        'email:ada@example.com',
      ]);
    }
    expect(
      identityKeysOf({ ...base, customerEmail: 'mailto:noreply@shop.example' }, options),
    ).toEqual([]);
  });

  it('gives a record without customer identity no keys (it merges with nothing)', () => {
    expect(identityKeysOf(base, { defaultCallingCode: '1', idLinks: [] })).toEqual([]);
  });
});
