import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { openTouchpointDb, type TouchpointDb } from '../storage/db';
import { deleteDeadLetters, retryDeadLetters } from './dead-letters';
import { outboxEventSchema, type OutboxEvent } from '../../contract/events';
import {
  evictUnsynced,
  installQuotaRecovery,
  planEviction,
  pruneSyncedOutbox,
  type UnsyncedRef,
} from './outbox-retention';
import { enqueueSyntheticEvents } from './synthetic-events';
import { createUuidV7 } from '../../contract/uuidv7';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 2, 12, 0, 0);
const small = { keepNewest: 3, keepDays: 30 };

const ref = (id: string, daysAgo: number, type: UnsyncedRef['type'] = 'app.hourly') => ({
  id,
  type,
  occurredAt: NOW - daysAgo * DAY,
});

describe('eviction policy', () => {
  it('keeps the newest events and the last 30 days, whichever holds more', () => {
    const events = [
      ref('a', 60),
      ref('b', 50),
      ref('c', 40),
      ref('d', 31),
      ref('e', 29),
      ref('f', 1),
    ];
    // 6 unsynced, keep newest 3 → a, b, c may go; all three are older than 30 days.
    expect(planEviction(events, 6, NOW, small).evict).toEqual(['a', 'b', 'c']);
    // With a larger floor of newest events, fewer go.
    expect(planEviction(events, 6, NOW, { keepNewest: 5, keepDays: 30 }).evict).toEqual(['a']);
    // Everything within 30 days stays even beyond the newest 3.
    const recent = [ref('a', 20), ref('b', 10), ref('c', 5), ref('d', 1), ref('e', 0)];
    expect(planEviction(recent, 5, NOW, small)).toEqual({ evict: [], report: null });
  });

  it('never evicts prompt outcomes or drop reports', () => {
    const events = [
      ref('a', 90, 'prompt.outcome'),
      ref('b', 80, 'events.dropped'),
      ref('c', 70, 'interaction.summary'),
      ref('d', 1),
      ref('e', 1),
      ref('f', 1),
    ];
    const { evict, report } = planEviction(events, 6, NOW, small);
    expect(evict).toEqual(['c']);
    expect(report).toEqual({
      count: 1,
      reason: 'quota',
      byType: { 'interaction.summary': 1 },
      oldestOccurredAt: NOW - 70 * DAY,
      newestOccurredAt: NOW - 70 * DAY,
    });
  });

  it('counts what it evicts by type, with the time span', () => {
    const events = [ref('a', 60), ref('b', 50, 'interaction.summary'), ref('c', 40)];
    const { report } = planEviction(events, 10, NOW, small);
    expect(report).toMatchObject({
      count: 3,
      byType: { 'app.hourly': 2, 'interaction.summary': 1 },
      oldestOccurredAt: NOW - 60 * DAY,
      newestOccurredAt: NOW - 40 * DAY,
    });
  });
});

let dbs: TouchpointDb[] = [];
afterEach(async () => {
  for (const db of dbs) {
    db.close();
    await Dexie.delete(db.name);
  }
  dbs = [];
});
const openDb = () => {
  const db = openTouchpointDb(`retention-${Math.random()}`);
  dbs.push(db);
  return db;
};

describe('outbox storage', () => {
  it('prunes synced rows after a while, never unsynced ones', async () => {
    const db = openDb();
    const newId = createUuidV7();
    const ids = await enqueueSyntheticEvents(db, 4, NOW - 10 * DAY, newId);
    await db.outbox.bulkUpdate(
      ids.slice(0, 2).map((key) => ({ key, changes: { synced: 1 as const, syncedAt: NOW } })),
    );
    await db.outbox.add({
      ...(await db.outbox.get(ids[3]!))!,
      id: newId(NOW),
      occurredAt: NOW,
      synced: 1,
    });
    expect(await pruneSyncedOutbox(db, NOW - 7 * DAY)).toBe(2);
    expect((await db.outbox.toArray()).map((row) => row.synced)).toEqual([0, 0, 1]);
  });

  it('under quota, evicts by the floor and queues one events.dropped report for the next sync', async () => {
    const db = openDb();
    const newId = createUuidV7();
    await enqueueSyntheticEvents(db, 50_010, NOW - 40 * DAY, newId);
    const report = await evictUnsynced(db, NOW, newId);
    expect(report).toMatchObject({ count: 10, reason: 'quota', byType: { 'app.hourly': 10 } });
    const dropped = (await db.outbox.toArray()).filter((event) => event.type === 'events.dropped');
    expect(dropped).toHaveLength(1);
    expect(outboxEventSchema.parse(dropped[0])).toMatchObject({ payload: { count: 10 } });
    expect(dropped[0]!.synced).toBe(0);
    expect(await db.outbox.count()).toBe(50_001);
  }, 60_000);

  it('retries a write that hit the quota after freeing synced data, and keeps unsynced events', async () => {
    const db = openDb();
    const newId = createUuidV7();
    const ids = await enqueueSyntheticEvents(db, 3, NOW - DAY, newId);
    await db.outbox.update(ids[0]!, { synced: 1, syncedAt: NOW });
    installQuotaRecovery(db, { now: () => NOW, newId });
    let attempts = 0;
    const event: OutboxEvent = { ...(await db.outbox.get(ids[1]!))!, id: newId(NOW) };
    await db.transaction('rw', db.outbox, async () => {
      attempts += 1;
      await db.outbox.add(event);
      if (attempts === 1) throw new DOMException('disk full', 'QuotaExceededError');
    });
    expect(attempts).toBe(2);
    expect((await db.outbox.toArray()).map((row) => row.id).sort()).toEqual(
      [ids[1], ids[2], event.id].sort(),
    );
  });

  it('lets a write that starts while another frees space wait for it and try again, not fail', async () => {
    const db = openDb();
    const newId = createUuidV7();
    const ids = await enqueueSyntheticEvents(db, 2, NOW - DAY, newId);
    await db.outbox.update(ids[0]!, { synced: 1, syncedAt: NOW });
    const template = (await db.outbox.get(ids[1]!))!;
    /** Adds one event; the first attempt finds the disk full. */
    const addAfterFullDisk = () => {
      let attempts = 0;
      const event: OutboxEvent = { ...template, id: newId(NOW) };
      return {
        event,
        attempts: () => attempts,
        scope: async () => {
          attempts += 1;
          await db.outbox.add(event);
          if (attempts === 1) throw new DOMException('disk full', 'QuotaExceededError');
        },
      };
    };
    const first = addAfterFullDisk();
    const second = addAfterFullDisk();
    // The relief's own transaction starts the second write, as the tracker's next step might.
    const real = db.transaction.bind(db) as unknown as (...args: unknown[]) => Promise<unknown>;
    let secondWrite: Promise<unknown> | undefined;
    let started = false;
    (db as unknown as { transaction: typeof real }).transaction = (...args) => {
      if (first.attempts() === 1 && !started) {
        started = true;
        secondWrite = db.transaction('rw', db.outbox, second.scope).then(
          () => 'written',
          (error: unknown) => (error as Error).name,
        );
      }
      return real(...args);
    };
    installQuotaRecovery(db, { now: () => NOW, newId });
    await db.transaction('rw', db.outbox, first.scope);
    expect(await secondWrite).toBe('written');
    expect([first.attempts(), second.attempts()]).toEqual([2, 2]);
    expect((await db.outbox.toArray()).map((row) => row.id).sort()).toEqual(
      [ids[1], first.event.id, second.event.id].sort(),
    );
  });

  it('passes other errors through untouched', async () => {
    const db = openDb();
    installQuotaRecovery(db, { now: () => NOW, newId: createUuidV7() });
    await expect(
      db.transaction('rw', db.outbox, async () => {
        throw new Error('not a quota problem');
      }),
    ).rejects.toThrow('not a quota problem');
  });
});

describe('dead letters', () => {
  it('Retry moves an event back to the outbox as unsynced; Delete removes it', async () => {
    const db = openDb();
    const [id] = await enqueueSyntheticEvents(db, 1, NOW, createUuidV7());
    const event = (await db.outbox.get(id!))!;
    await db.transaction('rw', [db.outbox, db.deadLetters], async () => {
      await db.outbox.delete(id!);
      await db.deadLetters.add({ id: id!, event, reason: 'refused', failedAt: NOW, attempts: 1 });
    });
    expect(await retryDeadLetters(db, [id!])).toBe(1);
    expect(await db.outbox.get(id!)).toMatchObject({ synced: 0, deadLetterCount: 1 });
    expect(await db.deadLetters.count()).toBe(0);

    await db.deadLetters.add({ id: 'x', event, reason: 'refused', failedAt: NOW, attempts: 2 });
    expect(await deleteDeadLetters(db, ['x', 'missing'])).toBe(1);
    expect(await db.deadLetters.count()).toBe(0);
  });
});
