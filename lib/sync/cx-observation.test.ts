import { afterEach, describe, expect, it } from 'vitest';
import { openTouchpointDb, type TouchpointDb } from '../storage/db';
import { createCxObserver, csatScoreOf, pruneForgottenRatingMarks } from './cx-observation';
import { outboxEventSchema } from '../../contract/events';
import { createUuidV7 } from '../../contract/uuidv7';

const NOW = Date.UTC(2026, 10, 25, 12);
const dbs: TouchpointDb[] = [];
afterEach(async () => {
  await Promise.all(dbs.splice(0).map((db) => db.delete()));
});

const ticket = (csat?: string) => ({
  key: 'zendesk:ticket:4711',
  app: 'zendesk',
  recordType: 'ticket' as const,
  recordId: '4711',
  ...(csat === undefined ? {} : { csat }),
});

function setup(secret: string | null = 'f'.repeat(64)) {
  const db = openTouchpointDb(`cx-${Math.random()}`);
  dbs.push(db);
  const observe = createCxObserver(db, {
    newId: createUuidV7(),
    hashRecord: async () => secret,
  });
  const sent = async () =>
    (await db.outbox.toArray()).map((event) => outboxEventSchema.parse(event).payload);
  return { db, observe, sent };
}

describe('CSAT ratings read on CRM pages', () => {
  it.each([
    ['good', 5],
    ['Bad', 1],
    ['4', 4],
    ['offered', null],
    ['unoffered', null],
    ['9', null],
  ])('reads %s as %s on the 1–5 scale', (raw, expected) => {
    expect(csatScoreOf(raw)).toBe(expected);
  });

  it('sends a rating once per record and value, keyed by the hash, never by the ticket id', async () => {
    const { observe, sent } = setup();
    expect(await observe(ticket('good'), NOW)).toBe(true);
    expect(await observe(ticket('good'), NOW + 1000)).toBe(false);
    expect(await observe(ticket('bad'), NOW + 2000)).toBe(true);
    const payloads = await sent();
    expect(payloads).toEqual([
      { app: 'zendesk', recordType: 'ticket', recordHash: 'f'.repeat(64), csat: 5 },
      { app: 'zendesk', recordType: 'ticket', recordHash: 'f'.repeat(64), csat: 1 },
    ]);
    expect(JSON.stringify(payloads)).not.toContain('4711');
  });

  it('sends nothing for a page without a rating, or without a team secret to join it by', async () => {
    const withoutSecret = setup(null);
    expect(await withoutSecret.observe(ticket('good'), NOW)).toBe(false);
    expect(await withoutSecret.sent()).toEqual([]);
    const noRating = setup();
    expect(await noRating.observe(ticket(), NOW)).toBe(false);
    expect(await noRating.observe(ticket('offered'), NOW)).toBe(false);
    expect(await noRating.sent()).toEqual([]);
  });

  it('forgets that a rating was sent once its record’s context is gone, not before', async () => {
    const { db, observe, sent } = setup();
    const seen = { ...ticket('good'), url: 'https://acme.zendesk.com/agent/tickets/4711' };
    await db.contexts.put({
      ...seen,
      appName: 'Zendesk',
      matchedBy: {},
      observedAt: NOW,
      identityKeys: [],
      firstSeenAt: NOW,
      lastSeenAt: NOW,
    });
    expect(await observe(seen, NOW)).toBe(true);
    expect(await pruneForgottenRatingMarks(db)).toBe(0);
    expect(await observe(seen, NOW + 1000)).toBe(false);

    await db.contexts.delete(seen.key); // as the retention prune does after `retentionDays`
    expect(await pruneForgottenRatingMarks(db)).toBe(1);
    expect(await db.meta.get(`cx-sent:${seen.key}`)).toBeUndefined();
    expect(await observe(seen, NOW + 2000)).toBe(true);
    expect(await sent()).toHaveLength(2);
  });
});
