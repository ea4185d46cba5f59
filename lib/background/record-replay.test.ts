import { describe, expect, it } from 'vitest';
import type { StoredContext } from '../storage/db';
import { openRecordsSeen } from './record-replay';

const stored = (key: string, status?: string) =>
  ({ key, app: 'zendesk', status, identityKeys: ['email:ada@example.com'] }) as StoredContext;

describe('the open tabs’ records, told again', () => {
  it('tells each open tab’s record with its last status and customer, and skips tabs without one', async () => {
    const records = new Map([
      [1, { recordKey: 'acme|zendesk:ticket:42', app: 'zendesk', appName: 'Zendesk' }],
      [3, { recordKey: 'acme|zendesk:ticket:9', app: 'zendesk', appName: 'Zendesk' }],
    ]);
    const contexts = new Map([
      ['acme|zendesk:ticket:42', stored('acme|zendesk:ticket:42', 'open')],
    ]);
    const seen = await openRecordsSeen({
      tabIds: async () => [1, 2, 3],
      recordOf: async (tabId) => records.get(tabId),
      // Ticket 9's context was pruned meanwhile: nothing to tell.
      contextOf: async (key) => contexts.get(key),
    });
    expect(seen).toEqual([
      expect.objectContaining({
        type: 'record.seen',
        tabId: 1,
        recordKey: 'acme|zendesk:ticket:42',
        status: 'open',
        identityKeys: ['email:ada@example.com'],
      }),
    ]);
  });
});
