// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { hubspot } from '.';
import { adapterCoversUrl, matchRecordUrl } from '../read-record';
import {
  describeAdapterFixtures,
  extractFixturePage,
  readFixtureHtml,
} from '../../../tests/adapter-fixtures';

describeAdapterFixtures(hubspot);

describe('HubSpot records', () => {
  it('names the associated contact on a ticket, not the ticket itself', async () => {
    const result = await extractFixturePage(
      hubspot,
      'https://app.hubspot.com/contacts/1234567/record/0-5/9876',
      readFixtureHtml('hubspot', 'ticket-9876.html'),
      {},
    );
    if (!result.ok) throw new Error(result.reason);
    expect(result.context.customerName).toBe('Priya Raman');
    expect(result.context.customerName).not.toBe(result.context.subject);
    expect(result.context.matchedBy.customerName).toContain('contact-chicklet-title-link');
  });

  it('reads the object type from the URL, including legacy contact links', () => {
    const portal = 'https://app.hubspot.com/contacts/1234567';
    expect(matchRecordUrl(hubspot, `${portal}/record/0-2/8801`)?.type).toBe('company');
    expect(matchRecordUrl(hubspot, `${portal}/record/0-3/4242/?tab=activity`)?.type).toBe('deal');
    expect(matchRecordUrl(hubspot, `${portal}/contact/51`)).toMatchObject({
      type: 'contact',
      recordId: '51',
    });
    // Custom objects (2-…) are not customer records Touchpoint understands.
    expect(matchRecordUrl(hubspot, `${portal}/record/2-123456/77`)).toBeNull();
  });

  it('reads the legacy company, deal and ticket links integrations still build', () => {
    const portal = 'https://app.hubspot.com/contacts/1234567';
    expect(matchRecordUrl(hubspot, `${portal}/company/8801`)).toMatchObject({
      type: 'company',
      recordId: '8801',
    });
    expect(matchRecordUrl(hubspot, `${portal}/deal/4242`)?.type).toBe('deal');
    expect(matchRecordUrl(hubspot, `${portal}/ticket/9876`)?.type).toBe('ticket');
    expect(matchRecordUrl(hubspot, `${portal}/companies`)).toBeNull();
    expect(matchRecordUrl(hubspot, `${portal}/tickets/list/view/all`)).toBeNull();
  });

  it('reads records in every data centre HubSpot serves its app from', () => {
    // uiDomain of the account-info API; the record URLs as public integrations build them.
    for (const host of ['app-eu1', 'app-na2', 'app-na3', 'app-ap1']) {
      const url = `https://${host}.hubspot.com/contacts/1234567/record/0-3/4242`;
      expect(adapterCoversUrl(hubspot, url), url).toBe(true);
      expect(matchRecordUrl(hubspot, url), url).toMatchObject({ type: 'deal', recordId: '4242' });
    }
    expect(adapterCoversUrl(hubspot, 'https://knowledge.hubspot.com/contacts/1/record/0-1/2')).toBe(
      false,
    );
  });

  it('reads a help desk ticket opened from a view or from search', () => {
    const desk = 'https://app.hubspot.com/help-desk/1234567/view';
    expect(matchRecordUrl(hubspot, `${desk}/search/ticket/9876`)).toMatchObject({
      type: 'ticket',
      recordId: '9876',
    });
    expect(
      matchRecordUrl(hubspot, `${desk}/95291824/ticket/9876?messageId=88897188107`)?.recordId,
    ).toBe('9876');
  });
});
