// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { zendesk } from '.';
import { matchRecordUrl } from '../read-record';
import {
  describeAdapterFixtures,
  extractFixturePage,
  loadFixtureSpec,
  readFixtureHtml,
} from '../../../tests/adapter-fixtures';

describeAdapterFixtures(zendesk);

describe('Zendesk panes', () => {
  it('reads the active pane, not the first one in the DOM', async () => {
    const result = await extractFixturePage(
      zendesk,
      'https://acme.zendesk.com/agent/tickets/42',
      readFixtureHtml('zendesk', 'ticket-42.html'),
      {},
    );
    if (!result.ok) throw new Error(result.reason);
    expect(result.context.subject).toBe('Order arrived damaged');
    expect(result.context.matchedBy.scope).toContain('data-is-active');
  });

  it('keeps the page values and notes the failure when the API refuses', async () => {
    const result = await extractFixturePage(
      zendesk,
      'https://acme.zendesk.com/agent/tickets/42',
      readFixtureHtml('zendesk', 'ticket-42.html'),
      {},
    );
    if (!result.ok) throw new Error(result.reason);
    expect(result.context.customerName).toBe('Ada Lovelace');
    expect(result.context.customerEmail).toBeUndefined();
    expect(result.context.matchedBy.api).toMatch(/failed \/api\/v2\/tickets\/42\.json/);
  });
});

describe('Zendesk agent addresses', () => {
  it('keeps the ticket and the user on their sub-pages', () => {
    expect(
      matchRecordUrl(zendesk, 'https://acme.zendesk.com/agent/tickets/42/events'),
    ).toMatchObject({ type: 'ticket', recordId: '42', number: '42' });
    expect(
      matchRecordUrl(zendesk, 'https://acme.zendesk.com/agent/users/9001/requested_tickets'),
    ).toMatchObject({ type: 'user', recordId: '9001' });
  });

  it("names a user page's customer from the API, not a requester of a ticket open in another tab", async () => {
    // The agent opened user 9001 while two tickets stay open in other tabs: no pane is active.
    const page = readFixtureHtml('zendesk', 'ticket-42.html').replaceAll(
      'data-is-active="true"',
      'data-is-active="false"',
    );
    const url = 'https://acme.zendesk.com/agent/users/9001/requested_tickets';
    const result = await extractFixturePage(zendesk, url, page, loadFixtureSpec('zendesk').api);
    if (!result.ok) throw new Error(result.reason);
    expect(result.context).toMatchObject({ recordType: 'user', customerName: 'Ada Lovelace' });
    expect(result.context.matchedBy.customerName).toMatch(/^api:/);
  });

  it('reads an organization page as the company, its name from the Organizations API', async () => {
    const url = 'https://acme.zendesk.com/agent/organizations/6001/tickets';
    const result = await extractFixturePage(
      zendesk,
      url,
      '<html><body></body></html>',
      loadFixtureSpec('zendesk').api,
    );
    if (!result.ok) throw new Error(result.reason);
    expect(result.context).toMatchObject({
      recordType: 'company',
      recordId: '6001',
      organisation: 'Analytical Engines Ltd',
    });
  });
});
