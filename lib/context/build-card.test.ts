import { describe, expect, it } from 'vitest';
import { buildCustomerCard } from './build-card';
import type { StoredContext } from '../storage/db';

const ada: StoredContext = {
  key: 'zendesk:ticket:42',
  app: 'zendesk',
  appName: 'Zendesk',
  recordType: 'ticket',
  recordId: '42',
  url: 'https://acme.zendesk.com/agent/tickets/42',
  matchedBy: {},
  observedAt: 1,
  customerName: 'Ada Lovelace',
  customerPhone: '020 7946 0958 ext. 12',
  identityKeys: ['phone:+442079460958;ext=12'],
  firstSeenAt: 1,
  lastSeenAt: 1,
};
const search = {
  app: 'hubspot',
  appName: 'HubSpot',
  origin: 'https://app.hubspot.com',
  phone: '{origin}/search?q={phone}',
};

describe('buildCustomerCard: phones', () => {
  it('shows the extension, and searches other apps for the number without it', () => {
    const card = buildCustomerCard(ada, [], [search], '44');
    expect(card.phones.map((phone) => phone.display)).toEqual(['020 7946 0958 x12']);
    expect(card.links).toEqual([
      expect.objectContaining({ url: 'https://app.hubspot.com/search?q=%2B442079460958' }),
    ]);
  });

  it("shows each number of a field that lists two, not the second as the first one's extension", () => {
    const card = buildCustomerCard(
      { ...ada, customerPhone: '020 7946 0018, 07911 123456', identityKeys: [] },
      [],
      [],
      '44',
    );
    expect(card.phones.map((phone) => phone.display)).toEqual(['020 7946 0018', '07911 123456']);
  });

  it('shows no phone for a number no country has (a placeholder in the CRM)', () => {
    const card = buildCustomerCard({ ...ada, customerPhone: '123-456-7890' }, [], [], '1');
    expect(card.phones).toEqual([]);
  });
});
