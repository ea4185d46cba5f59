import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createContextStore } from '../../context/context-store';
import { defaultSettings } from '../../settings/definitions';
import { openTouchpointDb, type StoredContext, type TouchpointDb } from '../../storage/db';
import { storedPrompt } from '../../../tests/support/feedback/stored-prompt';
import { createRetentionService } from './retention';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 7, 12);
const OLD_TICKET = 'acme|zendesk:ticket:1001';
const RECENT_TICKET = 'acme|zendesk:ticket:1002';

let db: TouchpointDb;
beforeEach(() => {
  fakeBrowser.reset();
  db = openTouchpointDb(`retention-service-${Math.random()}`);
});
afterEach(async () => {
  await db.delete();
});

function context(key: string, lastSeenAt: number): StoredContext {
  return {
    key,
    app: 'zendesk',
    appName: 'Zendesk',
    recordType: 'ticket',
    recordId: key.split(':').at(-1)!,
    url: `https://acme.zendesk.com/agent/tickets/${key.split(':').at(-1)}`,
    matchedBy: {},
    observedAt: lastSeenAt,
    identityKeys: [],
    firstSeenAt: lastSeenAt,
    lastSeenAt,
  };
}

const dismissed = { state: 'dismissed', final: true, dueAt: null } as const;

describe('local data retention', () => {
  it('deletes final prompts and sent-rating marks past retentionDays with the contexts, and the prompt history past a day, keeping open and recent prompts', async () => {
    await db.contexts.bulkPut([
      context(OLD_TICKET, NOW - 30 * DAY),
      context(RECENT_TICKET, NOW - 2 * DAY),
    ]);
    await db.meta.bulkPut([
      { key: `cx-sent:${OLD_TICKET}`, value: 5 },
      { key: `cx-sent:${RECENT_TICKET}`, value: 4 },
      // The last prompt was shown a week ago: no rule looks back that far.
      {
        key: 'prompt-history',
        value: { shown: [{ at: NOW - 7 * DAY, recordKey: OLD_TICKET }], snoozedUntil: null },
      },
    ]);
    await db.prompts.bulkPut([
      storedPrompt('final-old', OLD_TICKET, NOW - 30 * DAY, dismissed),
      storedPrompt('final-recent', RECENT_TICKET, NOW - 2 * DAY, dismissed),
      storedPrompt('open-old', OLD_TICKET, NOW - 30 * DAY, {
        state: 'pending',
        final: false,
        dueAt: NOW - 30 * DAY,
      }),
    ]);
    createRetentionService({
      db,
      now: () => NOW,
      policy: { settings: async () => ({ ...defaultSettings(), retentionDays: 7 }) },
      contexts: createContextStore(db),
      tracking: { prune: async () => undefined },
      sync: { pruneSynced: async () => 0 },
    });

    await fakeBrowser.runtime.onStartup.trigger();

    await vi.waitFor(async () => {
      expect(await db.prompts.get('final-old')).toBeUndefined();
      expect(await db.meta.get(`cx-sent:${OLD_TICKET}`)).toBeUndefined();
    });
    expect((await db.prompts.toArray()).map((row) => row.id).sort()).toEqual([
      'final-recent',
      'open-old',
    ]);
    expect(await db.meta.get(`cx-sent:${RECENT_TICKET}`)).toEqual({
      key: `cx-sent:${RECENT_TICKET}`,
      value: 4,
    });
    expect((await db.contexts.toArray()).map((row) => row.key)).toEqual([RECENT_TICKET]);
    expect((await db.meta.get('prompt-history'))?.value).toEqual({ shown: [], snoozedUntil: null });
  });
});
