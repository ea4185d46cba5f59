// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { salesforce } from '.';
import { recordKeyOf } from '../../../contract/record-fields';
import { recordContextSchema } from '../../context/record-context';
import { fieldSelectorOf, matchRecordUrl } from '../read-record';
import { recordPartChange } from '../../content/record-observers';
import {
  describeAdapterFixtures,
  extractFixturePage,
  readFixtureHtml,
} from '../../../tests/adapter-fixtures';

describeAdapterFixtures(salesforce);

const CONTACT_URL = 'https://acme.lightning.force.com/lightning/r/Contact/003000000000001AAA/view';

async function read(url: string, html: string) {
  const result = await extractFixturePage(salesforce, url, html, {});
  if (!result.ok) throw new Error(result.reason);
  return result.context;
}

describe('Salesforce Service Console', () => {
  it('reads the record view in front, not the hidden Console tab before it', async () => {
    const context = await read(CONTACT_URL, readFixtureHtml('salesforce', 'contact-003.html'));
    expect(context.matchedBy.scope).toBe('scope:.windowViewMode-normal.oneContent.active');
    expect(Object.values(context)).not.toContain('Grace Hopper');
    expect(context.customerName).toBe('Ada Lovelace');
    expect(context.customerPhone).toBe('+1 415 555 0100');
    expect(context.customerEmail).not.toBe('grace@navy.test');
  });

  it('reads the phone from inside the lightning-formatted-phone shadow root', async () => {
    const context = await read(CONTACT_URL, readFixtureHtml('salesforce', 'contact-003.html'));
    expect(context.matchedBy.customerPhone).toBe('selector:a[href^="tel:"]');
  });

  it('falls back to the tab title for a person, but not for an auto-numbered case', async () => {
    const lead = await read(
      'https://acme.lightning.force.com/lightning/r/Lead/00Q000000000007AAA/view',
      '<html><head><title>Linus Pauling | Salesforce</title></head><body></body></html>',
    );
    expect(lead.recordType).toBe('lead');
    expect(lead.customerName).toBe('Linus Pauling');
    expect(lead.matchedBy.customerName).toBe('document.title');

    const caseWithoutDom = await read(
      'https://acme.lightning.force.com/lightning/r/Case/500000000001026AAA/view',
      '<html><head><title>00001026 | Salesforce</title></head><body></body></html>',
    );
    expect(caseWithoutDom.customerName).toBeUndefined();
  });

  it('tells record types apart by SObject and accepts only 15- or 18-character ids', () => {
    const base = 'https://acme.lightning.force.com/lightning/r';
    expect(matchRecordUrl(salesforce, `${base}/Account/001000000000001AAA/view`)?.type).toBe(
      'account',
    );
    expect(matchRecordUrl(salesforce, `${base}/Case/500000000001026/view?ws=1`)?.type).toBe('case');
    expect(
      matchRecordUrl(
        salesforce,
        'https://acme.my.salesforce.com/lightning/r/Lead/00Q000000000007/view',
      )?.recordId,
    ).toBe('00Q000000000007');
    expect(matchRecordUrl(salesforce, `${base}/Contact/0030000000000001AAA/view`)).toBeNull();
    expect(matchRecordUrl(salesforce, `${base}/Opportunity/006000000000001AAA/view`)).toBeNull();
  });
});

describe('addresses without the object name (type from the id’s key prefix)', () => {
  // Key prefixes: Salesforce Help 000385203 (001 Account, 003 Contact, 00Q Lead) and 500 Case.
  const kinds = [
    ['500000000001026', 'case'],
    ['003000000000001AAA', 'contact'],
    ['001000000000042AAA', 'account'],
    ['00Q000000000007AAA', 'lead'],
  ] as const;

  it('reads a Classic record page, https://{domain}.my.salesforce.com/{id}', () => {
    for (const [id, type] of kinds) {
      const match = matchRecordUrl(salesforce, `https://acme.my.salesforce.com/${id}`);
      expect(match, id).toMatchObject({ type, recordId: id });
    }
    // Classic adds search-result parameters to the address; a sandbox has a host of its own.
    expect(
      matchRecordUrl(salesforce, 'https://acme.my.salesforce.com/500000000001026?srPos=0&srKp=500'),
    ).toMatchObject({ type: 'case', recordId: '500000000001026' });
    expect(
      matchRecordUrl(salesforce, 'https://acme--uat.sandbox.my.salesforce.com/003000000000001'),
    ).toMatchObject({ type: 'contact', recordId: '003000000000001' });
  });

  it('reads the legacy one.app and the short Lightning address', () => {
    for (const [id, type] of kinds) {
      for (const url of [
        `https://acme.lightning.force.com/one/one.app#/sObject/${id}/view`,
        `https://acme.lightning.force.com/one/one.app#/sObject/${id}`,
        // Console subtabs opened by id alone (workspace API openSubtab({ url })).
        `https://acme.lightning.force.com/lightning/r/${id}/view?ws=%2Flightning%2Fr%2FCase%2F500000000001026AAA%2Fview`,
      ]) {
        expect(matchRecordUrl(salesforce, url), url).toMatchObject({ type, recordId: id });
      }
    }
  });

  it('takes no other object, edit form or list for a record', () => {
    for (const url of [
      'https://acme.my.salesforce.com/006000000000001AAA', // Opportunity
      'https://acme.my.salesforce.com/500000000001026/e', // Classic edit form
      'https://acme.my.salesforce.com/5000000000010261', // 16 characters
      'https://acme.lightning.force.com/one/one.app#/sObject/Case/home',
      'https://acme.lightning.force.com/one/one.app#/sObject/500/list',
    ]) {
      expect(matchRecordUrl(salesforce, url), url).toBeNull();
    }
  });

  it('keys a Classic case link and its Lightning page as one record', async () => {
    const page = '<html><body></body></html>';
    const classic = recordContextSchema.parse(
      await read('https://acme.my.salesforce.com/500d000000A3nBw', page),
    );
    const lightning = recordContextSchema.parse(
      await read('https://acme.lightning.force.com/lightning/r/Case/500d000000A3nBwAAJ/view', page),
    );
    expect(recordKeyOf(classic)).toBe(recordKeyOf(lightning));
  });
});

describe('record ids (15 or 18 characters for the same record)', () => {
  const base = 'https://acme.lightning.force.com/lightning/r/Case';
  const page = '<html><head><title>00001026 | Salesforce</title></head><body></body></html>';
  /** What the background keeps of a reading: the record as it receives it. */
  const received = async (url: string) => recordContextSchema.parse(await read(url, page));

  it('keys a case opened by its 15-character id as the same record as by its 18-character id', async () => {
    // 500d000000A3nBw + AAJ (contract/salesforce-id.test.ts): a report's link and Lightning's own.
    const short = await received(`${base}/500d000000A3nBw/view`);
    const long = await received(`${base}/500d000000A3nBwAAJ/view`);
    expect(short.recordId).toBe('500d000000A3nBwAAJ');
    expect(recordKeyOf(short)).toBe(recordKeyOf(long));
    expect(recordKeyOf(long)).toBe('acme|salesforce:case:500d000000A3nBwAAJ');
  });

  it('keeps ids that differ only in case apart, and an 18-character id whose suffix is not its own', async () => {
    const idOf = async (id: string) => (await received(`${base}/${id}/view`)).recordId;
    expect(await idOf('500D000000a3NbW')).toBe('500D000000a3NbWIAU');
    expect(await idOf('500d000000A3nBwaaj')).toBe('500d000000A3nBwAAJ');
    expect(await idOf('500d000000A3nBwAAA')).toBe('500d000000A3nBwAAA');
  });
});

describe('a case on its Feed tab (only the highlights panel shows its fields)', () => {
  const CASE_URL = 'https://acme.lightning.force.com/lightning/r/Case/500000000001027AAA/view';

  it('sees a status changed in place there as a change of a read field', async () => {
    document.documentElement.innerHTML = readFixtureHtml('salesforce', 'case-feed-500.html');
    const status = [...document.querySelectorAll('force-highlights-details-item')]
      .find((item) => item.querySelector('p[title="Status"]'))!
      .querySelector('lightning-formatted-text')!;
    status.textContent = 'Working';
    const observed = new MutationObserver(() => undefined);
    observed.observe(document.body, { subtree: true, childList: true, characterData: true });
    status.firstChild!.textContent = 'Closed';
    const [mutation] = observed.takeRecords();
    observed.disconnect();

    expect(recordPartChange(mutation!, document.body, fieldSelectorOf(salesforce, document))).toBe(
      'field',
    );
    const context = await read(CASE_URL, document.documentElement.outerHTML);
    expect(context.status).toBe('Closed');
    expect(context.matchedBy.status).toBe(
      'selector:force-highlights-details-item p[title="Status"] ~ p',
    );
  });

  it('takes no account name in the header for a case number', async () => {
    const account = await read(
      'https://acme.lightning.force.com/lightning/r/Account/001000000000042AAA/view',
      '<div class="windowViewMode-normal"><h1 class="slds-page-header__title"><lightning-formatted-text>Harbour Logistics KK</lightning-formatted-text></h1></div>',
    );
    expect(account.recordNumber).toBeUndefined();
  });
});
