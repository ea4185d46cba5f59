import { describe, expect, it } from 'vitest';
import type { RecordContext } from '../context/record-context';
import { enrichFromApi } from './enrich';
import { zendesk } from './zendesk';

const ticket: RecordContext = {
  app: 'zendesk',
  appName: 'Zendesk',
  recordType: 'ticket',
  recordId: '42',
  url: 'https://acme.zendesk.com/agent/tickets/42',
  matchedBy: { recordId: 'url' },
  observedAt: 0,
};

/** Zendesk's answers for ticket 42, whose requester is `user`. */
const api = (user: Record<string, unknown> | undefined) => async (path: string) => {
  if (path === '/api/v2/tickets/42.json') return { ticket: { requester_id: 7, status: 'open' } };
  if (path === '/api/v2/users/7.json') return user === undefined ? {} : { user };
  throw new Error(`unexpected ${path}`);
};

describe('enrichment from the app’s API', () => {
  it('reads the requester, and lists what the answer holds without a value', async () => {
    const context = await enrichFromApi(
      zendesk,
      ticket,
      api({ id: 7, name: 'Bob Stone', email: 'bob@example.com', phone: null }),
    );
    expect(context).toMatchObject({
      status: 'open',
      customerName: 'Bob Stone',
      customerEmail: 'bob@example.com',
      customerId: '7',
      emptied: ['customerPhone'],
    });
    expect(context.customerPhone).toBeUndefined();
  });

  it('empties nothing when the answer lacks the object itself (no user in it)', async () => {
    const context = await enrichFromApi(zendesk, ticket, api(undefined));
    expect(context.emptied).toBeUndefined();
    expect(context.customerName).toBeUndefined();
  });

  it('leaves a value the page showed alone, empty in the API or not', async () => {
    const shown = { ...ticket, customerPhone: '+1 415 555 0100' };
    const context = await enrichFromApi(
      zendesk,
      shown,
      api({ id: 7, name: 'Bob Stone', email: 'bob@example.com', phone: null }),
    );
    expect(context.customerPhone).toBe('+1 415 555 0100');
    expect(context.emptied).toBeUndefined();
  });
});
