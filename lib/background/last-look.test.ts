import { describe, expect, it } from 'vitest';
import { osticket } from '../adapters/osticket';
import { salesforce } from '../adapters/salesforce';
import { zendesk } from '../adapters/zendesk';
import { lastLookAfterLoad } from './last-look';

const ticket1 = {
  recordKey: 'help.acme.test|osticket:ticket:1',
  app: 'osticket',
  appName: 'osTicket',
  url: 'https://help.acme.test/scp/tickets.php?id=1',
};

describe('lastLookAfterLoad', () => {
  it('names the ticket a page load left, where only its page shows the status (osTicket’s close goes to the queue)', () => {
    expect(lastLookAfterLoad(ticket1, osticket, 'https://help.acme.test/scp/tickets.php')).toEqual({
      url: ticket1.url,
      pageKey: 'osticket:ticket:1',
    });
  });

  it('looks at nothing for the same address, another app, an app with an API or single-page app, or an older record without its address', () => {
    expect(lastLookAfterLoad(ticket1, osticket, ticket1.url)).toBeNull();
    expect(lastLookAfterLoad(undefined, osticket, ticket1.url)).toBeNull();
    const { url: _url, ...withoutUrl } = ticket1;
    expect(lastLookAfterLoad(withoutUrl, osticket, 'https://help.acme.test/scp/')).toBeNull();
    const zendeskTicket = {
      ...ticket1,
      recordKey: 'acme|zendesk:ticket:42',
      app: 'zendesk',
      url: 'https://acme.zendesk.com/agent/tickets/42',
    };
    // Zendesk's API is read once more by the page itself before it leaves (record-watcher).
    expect(lastLookAfterLoad(zendeskTicket, zendesk, 'https://acme.zendesk.com/agent')).toBeNull();
    expect(lastLookAfterLoad(zendeskTicket, osticket, 'https://help.acme.test/scp/')).toBeNull();
    // Salesforce reads its status from the page, but its address gives back an app shell.
    const salesforceCase = {
      recordKey: 'acme|salesforce:case:500000000001026',
      app: 'salesforce',
      appName: 'Salesforce',
      url: 'https://acme.lightning.force.com/lightning/r/Case/500000000001026/view',
    };
    const next = 'https://acme.lightning.force.com/lightning/r/Case/500000000001027/view';
    expect(lastLookAfterLoad(salesforceCase, salesforce, next)).toBeNull();
  });
});
