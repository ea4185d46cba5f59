// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { hubspot } from '.';
import { matchRecordUrl } from '../read-record';
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
});
