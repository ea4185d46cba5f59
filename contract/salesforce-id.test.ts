import { describe, expect, it } from 'vitest';
import { canonicalRecordId } from './record-fields';
import { toSalesforceId18 } from './salesforce-id';

describe('toSalesforceId18', () => {
  it('gives published 15-character ids their published 18-character form', () => {
    // By hand, chunks of 5, bit i set for an upper-case letter at position i, 0-31 → A-Z0-5:
    // 70130 → 0 A, 00000 → 0 A, 1tcyI → I at 4 = 16 Q (the salesforce_id_formatter gem's README).
    expect(toSalesforceId18('70130000001tcyI')).toBe('70130000001tcyIAAQ');
    // 00558 → A, 00000 → A, 1N0Ke → N at 1 + K at 3 = 2 + 8 = 10 K (salesforce_id_converter on PyPI).
    expect(toSalesforceId18('00558000001N0Ke')).toBe('00558000001N0KeAAK');
    // a0BA0 → B at 2 + A at 3 = 12 M, 00000 → A, 0L2ZC → 2 + 8 + 16 = 26, the first digit: 0.
    expect(toSalesforceId18('a0BA0000000L2ZC')).toBe('a0BA0000000L2ZCMA0');
  });

  it('encodes mixed-case, all-lower-case and all-upper-case chunks', () => {
    // 500d0 → A (d is lower case), 00000 → A, A3nBw → A at 0 + B at 3 = 9 J.
    expect(toSalesforceId18('500d000000A3nBw')).toBe('500d000000A3nBwAAJ');
    // All upper case → 31, the last character: 5; all lower case → 0: A; AbCdE → 1 + 4 + 16 = 21 V.
    expect(toSalesforceId18('ABCDEabcdeAbCdE')).toBe('ABCDEabcdeAbCdE5AV');
    // 00Q00 → Q at 2 = 4 E: a Lead id.
    expect(toSalesforceId18('00Q000000000007')).toBe('00Q000000000007EAA');
  });

  it('keeps the first 15 characters as they are: case tells records apart', () => {
    expect(toSalesforceId18('500D000000a3NbW')).toBe('500D000000a3NbWIAU');
    expect(toSalesforceId18('500D000000a3NbW')).not.toBe(toSalesforceId18('500d000000A3nBw'));
  });

  it('leaves a valid 18-character id alone but for its suffix, which it writes upper case', () => {
    expect(toSalesforceId18('500d000000A3nBwAAJ')).toBe('500d000000A3nBwAAJ');
    expect(toSalesforceId18('500d000000A3nBwaaj')).toBe('500d000000A3nBwAAJ');
  });

  it('does not guess when an 18-character suffix belongs to other first 15 characters', () => {
    // A suffix of a 15 whose case was changed (a spreadsheet's upper-case column, say).
    expect(toSalesforceId18('500d000000A3nBwAAA')).toBe('500d000000A3nBwAAA');
    expect(toSalesforceId18('500D000000A3NBWAAJ')).toBe('500D000000A3NBWAAJ');
  });

  it('returns anything that is not a 15- or 18-character alphanumeric id unchanged', () => {
    for (const id of [
      '',
      '42',
      '500d000000A3nB',
      '500d000000A3nBwA',
      '500d000000A3nB-',
      ' 500d000000A3nBw',
    ])
      expect(toSalesforceId18(id)).toBe(id);
  });
});

describe('canonicalRecordId', () => {
  it('gives Salesforce records their 18-character id and leaves other apps’ ids alone', () => {
    expect(canonicalRecordId('salesforce', '500d000000A3nBw')).toBe('500d000000A3nBwAAJ');
    expect(canonicalRecordId('zendesk', '500d000000A3nBw')).toBe('500d000000A3nBw');
  });
});
