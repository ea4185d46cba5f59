import { describe, expect, it } from 'vitest';
import { customerOriginIn, soleInstanceOrigin } from './search-origin';

const seen = (url: string, lastSeenAt: number, app = 'salesforce') => ({ app, url, lastSeenAt });

describe('customerOriginIn', () => {
  it("takes the customer's newest record in the app, whatever other apps they were seen in", () => {
    const records = [
      seen('https://acme.lightning.force.com/lightning/r/Contact/1/view', 1),
      seen('https://acme2.lightning.force.com/lightning/r/Contact/2/view', 2),
      seen('https://globex.zendesk.com/agent/tickets/3', 3, 'zendesk'),
    ];
    expect(customerOriginIn('salesforce', records)).toBe('https://acme2.lightning.force.com');
    expect(customerOriginIn('hubspot', records)).toBeUndefined();
  });
});

describe('soleInstanceOrigin', () => {
  it('takes the newest host of one instance that answers at two', () => {
    const records = [
      seen('https://acme.my.salesforce.com/003000000000001', 2),
      seen('https://acme.lightning.force.com/lightning/r/Contact/1/view', 1),
    ];
    expect(soleInstanceOrigin(records)).toBe('https://acme.my.salesforce.com');
  });

  it('offers none for two clients, even on one shared origin (HubSpot portals)', () => {
    expect(
      soleInstanceOrigin([
        seen('https://acme.lightning.force.com/lightning/r/Contact/1/view', 1),
        seen('https://globex.lightning.force.com/lightning/r/Contact/1/view', 2),
      ]),
    ).toBeUndefined();
    expect(
      soleInstanceOrigin([
        seen('https://app.hubspot.com/contacts/111/record/0-1/5', 1, 'hubspot'),
        seen('https://app.hubspot.com/contacts/222/record/0-1/5', 2, 'hubspot'),
      ]),
    ).toBeUndefined();
  });

  it('offers none for an app never seen', () => {
    expect(soleInstanceOrigin([])).toBeUndefined();
  });
});
