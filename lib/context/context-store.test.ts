import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTouchpointDb, type TouchpointDb } from '../storage/db';
import { createContextStore, type ContextStore } from './context-store';
import type { RecordContext } from './record-context';
import { zendesk } from '../adapters/zendesk';
import type { AdapterDefinition } from '../adapters/definition';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 25, 12);
const identity = { defaultCallingCode: '1', idLinks: [] as string[][] };
const salesforceSearch: AdapterDefinition = {
  ...zendesk,
  id: 'salesforce',
  name: 'Salesforce',
  search: { email: '{origin}/_ui/search/ui/UnifiedSearchResults?str={email}' },
};
const cardOptions = { ...identity, retentionDays: 7, adapters: [zendesk, salesforceSearch] };
const TICKET_KEY = 'acme|zendesk:ticket:42';

const salesforceContact: RecordContext = {
  app: 'salesforce',
  appName: 'Salesforce',
  recordType: 'contact',
  recordId: '003000000000001AAA',
  url: 'https://acme.lightning.force.com/lightning/r/Contact/003000000000001AAA/view',
  customerName: 'Ada Lovelace',
  customerEmail: 'ada@example.com',
  customerPhone: '+1 415 555 0100',
  organisation: 'Analytical Engines Ltd',
  matchedBy: {},
  observedAt: NOW - 60_000,
};
const zendeskTicket: RecordContext = {
  app: 'zendesk',
  appName: 'Zendesk',
  recordType: 'ticket',
  recordId: '42',
  url: 'https://acme.zendesk.com/agent/tickets/42',
  subject: 'Order arrived damaged',
  customerName: 'Ada Lovelace',
  customerEmail: 'ADA@example.com',
  matchedBy: {},
  observedAt: NOW,
};

let db: TouchpointDb;
beforeEach(() => {
  db = openTouchpointDb(`test-${Math.random()}`);
});
afterEach(async () => {
  await db.delete();
});

describe('customer card across apps', () => {
  it('merges a Salesforce contact and a Zendesk ticket of the same email into one card', async () => {
    const store = createContextStore(db);
    await store.recordObservation(salesforceContact, identity);
    await store.recordObservation(zendeskTicket, identity);
    const card = await store.cardFor(TICKET_KEY, cardOptions, NOW);
    expect(card?.name).toEqual({ value: 'Ada Lovelace', sources: ['zendesk', 'salesforce'] });
    expect(card?.emails).toEqual([
      { value: 'ada@example.com', sources: ['zendesk', 'salesforce'] },
    ]);
    expect(card?.phones).toEqual([
      { value: '+14155550100', display: '(415) 555-0100', sources: ['salesforce'] },
    ]);
    expect(card?.organisations[0]?.value).toBe('Analytical Engines Ltd');
    expect(card?.seenIn.map((seen) => seen.app)).toEqual(['zendesk', 'salesforce']);
    expect(card?.records.find((record) => record.current)?.key).toBe(TICKET_KEY);
    expect(card?.links).toEqual([
      {
        app: 'salesforce',
        appName: 'Salesforce',
        url: 'https://acme.lightning.force.com/_ui/search/ui/UnifiedSearchResults?str=ada%40example.com',
      },
    ]);
  });

  it('forgets the old requester’s phone when the ticket’s new requester has none', async () => {
    const store = createContextStore(db);
    await store.recordObservation({ ...zendeskTicket, customerPhone: '+1 415 555 0100' }, identity);
    // The agent changed the requester to Bob: Zendesk's API answers his user, `phone: null`.
    const stored = await store.recordObservation(
      {
        ...zendeskTicket,
        customerName: 'Bob Stone',
        customerEmail: 'bob@example.com',
        emptied: ['customerPhone'],
        observedAt: NOW + 60_000,
      },
      identity,
    );
    expect(stored.customerPhone).toBeUndefined();
    expect(stored.identityKeys).toEqual(['email:bob@example.com']);
    expect(stored).not.toHaveProperty('emptied');
    // A later read that merely missed a field still keeps it.
    const missed = await store.recordObservation(
      {
        ...zendeskTicket,
        customerName: undefined,
        customerEmail: undefined,
        observedAt: NOW + 90_000,
      },
      identity,
    );
    expect(missed.customerName).toBe('Bob Stone');
  });

  it('does not merge different customers', async () => {
    const store = createContextStore(db);
    await store.recordObservation(
      { ...salesforceContact, customerEmail: 'grace@example.com', customerPhone: undefined },
      identity,
    );
    await store.recordObservation(zendeskTicket, identity);
    const card = await store.cardFor(TICKET_KEY, cardOptions, NOW);
    expect(card?.seenIn.map((seen) => seen.app)).toEqual(['zendesk']);
    expect(card?.phones).toEqual([]);
  });

  it('follows a chain of identities: email links to a record whose phone links to a third', async () => {
    const store = createContextStore(db);
    await store.recordObservation(zendeskTicket, identity);
    await store.recordObservation(salesforceContact, identity);
    await store.recordObservation(
      {
        ...salesforceContact,
        app: 'freshdesk',
        appName: 'Freshdesk',
        recordType: 'ticket',
        recordId: '7',
        customerEmail: undefined,
        customerName: 'A. Lovelace',
      },
      identity,
    );
    const card = await store.cardFor(TICKET_KEY, cardOptions, NOW);
    expect(card?.seenIn.map((seen) => seen.app).sort()).toEqual([
      'freshdesk',
      'salesforce',
      'zendesk',
    ]);
  });

  it('keeps an earlier value when a later reading of the same record misses it', async () => {
    const store = createContextStore(db);
    await store.recordObservation(zendeskTicket, identity);
    await store.recordObservation(
      { ...zendeskTicket, customerEmail: undefined, observedAt: NOW + 1 },
      identity,
    );
    const stored = await db.contexts.get(TICKET_KEY);
    expect(stored?.customerEmail).toBe('ADA@example.com');
    expect(stored?.lastSeenAt).toBe(NOW + 1);
  });

  it('keeps ticket 42 of two Zendesk instances apart: neither lends the other its customer', async () => {
    const store = createContextStore(db);
    await store.recordObservation(zendeskTicket, identity);
    // An outsourcer's agent opens another client's ticket 42, whose requester's email the page
    // has not shown yet.
    const otherClients = await store.recordObservation(
      {
        ...zendeskTicket,
        url: 'https://globex.zendesk.com/agent/tickets/42',
        subject: 'Invoice missing',
        customerName: 'Hank Scorpio',
        customerEmail: undefined,
        observedAt: NOW + 1_000,
      },
      identity,
    );
    expect(otherClients.key).toBe('globex|zendesk:ticket:42');
    expect(otherClients.customerEmail).toBeUndefined();
    const card = await store.cardFor('globex|zendesk:ticket:42', cardOptions, NOW + 2_000);
    expect(card?.name?.value).toBe('Hank Scorpio');
    expect(card?.emails).toEqual([]);
    expect(card?.records.map((record) => record.key)).toEqual(['globex|zendesk:ticket:42']);
    const first = await store.cardFor(TICKET_KEY, cardOptions, NOW + 2_000);
    expect(first?.name?.value).toBe('Ada Lovelace');
  });

  describe('"Open in" links of an app with several instances (an outsourcer’s clients)', () => {
    /** A Salesforce contact of someone other than Ada, in a client's instance. */
    const someoneElseAt = (client: string, email: string, observedAt: number): RecordContext => ({
      ...salesforceContact,
      recordId: '003000000000002AAA',
      url: `https://${client}.lightning.force.com/lightning/r/Contact/003000000000002AAA/view`,
      customerName: undefined,
      customerEmail: email,
      customerPhone: undefined,
      observedAt,
    });
    const salesforceLinks = async (store: ContextStore) =>
      (await store.cardFor(TICKET_KEY, cardOptions, NOW))?.links.filter(
        (link) => link.app === 'salesforce',
      );

    it('links to the instance where this customer was seen, not the one seen last', async () => {
      const store = createContextStore(db);
      await store.recordObservation(salesforceContact, identity);
      await store.recordObservation(
        someoneElseAt('globex', 'hank@globex.test', NOW - 30_000),
        identity,
      );
      await store.recordObservation(zendeskTicket, identity);
      expect((await salesforceLinks(store))?.map((link) => link.url)).toEqual([
        'https://acme.lightning.force.com/_ui/search/ui/UnifiedSearchResults?str=ada%40example.com',
      ]);
    });

    it('offers no link when the customer was seen in none of several instances', async () => {
      const store = createContextStore(db);
      await store.recordObservation(
        someoneElseAt('acme', 'grace@example.com', NOW - 60_000),
        identity,
      );
      await store.recordObservation(
        someoneElseAt('globex', 'hank@globex.test', NOW - 30_000),
        identity,
      );
      await store.recordObservation(zendeskTicket, identity);
      expect(await salesforceLinks(store)).toEqual([]);
    });

    it('links to the one instance the app has when the customer was not seen there', async () => {
      const store = createContextStore(db);
      await store.recordObservation(
        someoneElseAt('acme', 'grace@example.com', NOW - 60_000),
        identity,
      );
      await store.recordObservation(zendeskTicket, identity);
      expect((await salesforceLinks(store))?.map((link) => link.url)).toEqual([
        'https://acme.lightning.force.com/_ui/search/ui/UnifiedSearchResults?str=ada%40example.com',
      ]);
    });
  });

  it('forgets customers after the retention period', async () => {
    const store = createContextStore(db);
    await store.recordObservation({ ...salesforceContact, observedAt: NOW - 8 * DAY }, identity);
    await store.recordObservation(zendeskTicket, identity);
    const card = await store.cardFor(TICKET_KEY, cardOptions, NOW);
    expect(card?.phones).toEqual([]);
    expect(await store.prune(NOW, 7)).toBe(1);
    expect(await db.contexts.count()).toBe(1);
    expect(await store.cardFor(TICKET_KEY, cardOptions, NOW + 8 * DAY)).toBeNull();
  });
});
