// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { zohoDesk } from '.';
import { adapterCoversUrl, matchRecordUrl } from '../read-record';
import {
  describeAdapterFixtures,
  extractFixturePage,
  readFixtureHtml,
} from '../../../tests/adapter-fixtures';

describeAdapterFixtures(zohoDesk);

describe('Zoho Desk tickets', () => {
  it('keeps the long ticket id from the URL, not the short number on screen', async () => {
    const result = await extractFixturePage(
      zohoDesk,
      'https://desk.zoho.com/agent/acmesupport/customer-care/tickets/details/471235000001234567',
      readFixtureHtml('zoho-desk', 'ticket.html'),
      {},
    );
    if (!result.ok) throw new Error(result.reason);
    expect(result.context.recordId).toBe('471235000001234567');
    expect(result.context.subject).toBe('Invoice PDF is blank');
    expect(result.context.subject).not.toContain('#4821');
  });

  it('works on the EU data centre too', () => {
    const url = 'https://desk.zoho.eu/agent/acme/support/tickets/details/20000000123';
    expect(adapterCoversUrl(zohoDesk, url)).toBe(true);
    expect(matchRecordUrl(zohoDesk, url)?.recordId).toBe('20000000123');
  });

  it('works on the Indian and Australian data centres', () => {
    // desk.zoho.in and desk.zoho.com.au: public userscripts' @match and the webUrl Zoho Desk's
    // API returns there.
    for (const host of ['desk.zoho.in', 'desk.zoho.com.au']) {
      const url = `https://${host}/agent/acme/it/tickets/details/1892000000123456`;
      expect(adapterCoversUrl(zohoDesk, url), url).toBe(true);
      expect(matchRecordUrl(zohoDesk, url)?.recordId, url).toBe('1892000000123456');
    }
    expect(matchRecordUrl(zohoDesk, 'https://desk.zoho.in/agent/acme/it/tickets/new')).toBeNull();
    expect(
      adapterCoversUrl(zohoDesk, 'https://desk.zoho.com.evil.example/agent/a/b/tickets/details/1'),
    ).toBe(false);
  });
});
