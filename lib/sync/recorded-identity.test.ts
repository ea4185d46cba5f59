import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { openTouchpointDb, type RecordedIdentity, type TouchpointDb } from '../storage/db';
import { retryDeadLetters } from './dead-letters';
import { readBatch } from './sync-engine';
import { queueEvents } from './outbox-admission';
import { leastRevealing, mayGoAs, noteIdentityInForce } from './recorded-identity';
import type { OutboxEvent } from '../../contract/events';

const anonymous: RecordedIdentity = { mode: 'anonymous', agentId: null };
const pseudonymous: RecordedIdentity = { mode: 'pseudonymous', agentId: null };
const agent = (agentId: string | null): RecordedIdentity => ({ mode: 'identified', agentId });
const T0 = Date.UTC(2026, 10, 2, 9, 0, 0);

let dbs: TouchpointDb[] = [];
afterEach(async () => {
  for (const db of dbs) db.close();
  for (const name of new Set(dbs.map((db) => db.name))) await Dexie.delete(name);
  dbs = [];
});

const hourly = (n: number): OutboxEvent => ({
  id: `018f0000-0000-7000-8000-${String(n).padStart(12, '0')}`,
  type: 'app.hourly',
  occurredAt: T0 + n,
  schemaVersion: 1,
  payload: { hourStart: T0 - 3_600_000, app: 'zendesk', ms: 1000 },
});

describe('which identity an event may go as', () => {
  it('the same one or a less revealing one; never a more revealing one, never another agent', () => {
    const identities = [anonymous, pseudonymous, agent('a'), agent('b'), agent(null)];
    const table = identities.map((recorded) =>
      identities.map((sender) => (mayGoAs(recorded, sender) ? 'y' : '.')).join(''),
    );
    // Rows: recorded as; columns: sent as (anonymous, pseudonymous, a, b, identified unknown).
    expect(table).toEqual(['y....', 'yy...', 'yyy..', 'yy.y.', 'yy...']);
  });

  it('of two identities, the less revealing; two agents make "an agent not known"', () => {
    expect(leastRevealing(agent('a'), anonymous)).toEqual(anonymous);
    expect(leastRevealing(pseudonymous, agent('a'))).toEqual(pseudonymous);
    expect(leastRevealing(agent('a'), agent('a'))).toEqual(agent('a'));
    expect(leastRevealing(agent('a'), agent('b'))).toEqual(agent(null));
  });
});

describe('the identity each outbox row is recorded under', () => {
  it('is stamped on every row and dead letter queued, and kept for the next worker life', async () => {
    const name = `recorded-${Math.random()}`;
    const db = openTouchpointDb(name);
    dbs.push(db);
    await noteIdentityInForce(db, agent('a'));
    const bad = { ...hourly(2), payload: { hourStart: 0, app: 'zendesk', ms: -1 } };
    await queueEvents(db, [hourly(1), bad as OutboxEvent], T0);
    expect((await db.outbox.get(hourly(1).id))?.recordedAs).toEqual(agent('a'));
    expect((await db.deadLetters.get(bad.id))?.recordedAs).toEqual(agent('a'));
    db.close();
    const next = openTouchpointDb(name);
    dbs.push(next);
    await queueEvents(next, [hourly(3)], T0);
    expect((await next.outbox.get(hourly(3).id))?.recordedAs).toEqual(agent('a'));
  });

  it('rows and dead letters from before are adopted once, as the less revealing of enrolment and settings', async () => {
    const db = openTouchpointDb(`legacy-${Math.random()}`);
    dbs.push(db);
    await db.outbox.bulkAdd([hourly(1), { ...hourly(2), synced: 1 }]);
    await db.deadLetters.put({
      id: hourly(3).id,
      event: hourly(3),
      reason: 'refused',
      failedAt: T0,
      attempts: 1,
    });
    await noteIdentityInForce(db, agent('a'), async () => pseudonymous);
    expect((await db.outbox.get(hourly(1).id))?.recordedAs).toEqual(pseudonymous);
    expect((await db.outbox.get(hourly(2).id))?.recordedAs).toBeUndefined();
    expect((await db.deadLetters.get(hourly(3).id))?.recordedAs).toEqual(pseudonymous);
    // Adopted once: later rows carry the identity in force when queued.
    await noteIdentityInForce(db, anonymous, async () => pseudonymous);
    await queueEvents(db, [hourly(4)], T0);
    expect((await db.outbox.get(hourly(4).id))?.recordedAs).toEqual(anonymous);
    expect((await db.outbox.get(hourly(1).id))?.recordedAs).toEqual(pseudonymous);
    // A retried dead letter keeps the identity it was recorded under.
    await retryDeadLetters(db, [hourly(3).id]);
    expect((await db.outbox.get(hourly(3).id))?.recordedAs).toEqual(pseudonymous);
  });

  it('stamps rows queued while the first adoption runs: every one goes, none is dead-lettered', async () => {
    const db = openTouchpointDb(`race-${Math.random()}`);
    dbs.push(db);
    await db.outbox.bulkAdd([1, 2, 3].map(hourly));
    // A fresh profile: the identity becomes known while events are being queued: one write
    // issued at each of the next microtasks, while the adoption's transaction cannot commit.
    const adoption = noteIdentityInForce(db, pseudonymous);
    const writes: Promise<unknown>[] = [];
    for (let n = 4; n < 60; n++) {
      writes.push(queueEvents(db, [hourly(n)], T0));
      await Promise.resolve();
    }
    await adoption;
    await Promise.all(writes);
    const queued = await db.outbox.count();
    expect(queued).toBe(59);
    const batch = await readBatch(db, null, pseudonymous, { maxEvents: 100, maxBytes: 1e6 });
    expect(batch.refused.map(({ row, reason }) => [row.occurredAt - T0, reason])).toEqual([]);
    expect(batch.rows).toHaveLength(queued);
  });
});
