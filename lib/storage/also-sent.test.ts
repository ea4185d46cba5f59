import { afterEach, describe, expect, it } from 'vitest';
import { alsoSentSince } from './also-sent';
import { openTouchpointDb, type OutboxRow, type TouchpointDb } from './db';

const HOUR = 3_600_000;
const MIDNIGHT = Date.UTC(2026, 11, 7);

const dbs: TouchpointDb[] = [];
afterEach(async () => {
  await Promise.all(dbs.splice(0).map((db) => db.delete()));
});

/** An outbox row of `type` at `occurredAt`; the payload does not matter to the query. */
const row = (id: string, type: string, occurredAt: number, synced: 0 | 1) =>
  ({ id, type, occurredAt, synced, schemaVersion: 1, payload: {} }) as unknown as OutboxRow;

describe("the agent's other events of the day", () => {
  it('lists ratings seen, adapter counts and drop reports, sent or not, and only today', async () => {
    const db = openTouchpointDb(`also-sent-${Math.random()}`);
    dbs.push(db);
    await db.outbox.bulkPut([
      row('rating-sent', 'cx.observed', MIDNIGHT + 9 * HOUR, 1),
      row('count-queued', 'adapter.health', MIDNIGHT + 8 * HOUR, 0),
      row('dropped-queued', 'events.dropped', MIDNIGHT + 10 * HOUR, 0),
      row('rating-yesterday', 'cx.observed', MIDNIGHT - HOUR, 1),
      row('summary', 'interaction.summary', MIDNIGHT + 9 * HOUR, 0),
    ]);
    const events = await alsoSentSince(db, MIDNIGHT);
    expect(events.map((event) => event.id)).toEqual([
      'count-queued',
      'rating-sent',
      'dropped-queued',
    ]);
  });
});
