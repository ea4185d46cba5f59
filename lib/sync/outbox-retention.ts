import { queueEvents } from './outbox-admission';
import { Dexie } from 'dexie';
import type { z } from 'zod';
import type { TouchpointDb } from '../storage/db';
import type { eventsDroppedSchema, OutboxEvent, OutboxType } from '../../contract/events';

const DAY_MS = 86_400_000;

/**
 * What the outbox keeps unsynced under storage pressure (issue #5): at least the newest 50,000
 * events or the last 30 days, whichever holds more; prompt outcomes (the agents' own answers) and
 * drop reports never go.
 */
export const UNSYNCED_FLOOR = { keepNewest: 50_000, keepDays: 30 } as const;
const NEVER_EVICTED: ReadonlySet<OutboxType> = new Set(['prompt.outcome', 'events.dropped']);

export type UnsyncedRef = Pick<OutboxEvent, 'id' | 'type' | 'occurredAt'>;
export type DroppedReport = z.infer<typeof eventsDroppedSchema>;

/**
 * Which unsynced events may go, given the oldest ones (oldest first; a prefix of the unsynced
 * events is enough) and how many are unsynced in all. Pure: the policy's unit under test.
 */
export function planEviction(
  oldest: readonly UnsyncedRef[],
  totalUnsynced: number,
  now: number,
  floor: { keepNewest: number; keepDays: number } = UNSYNCED_FLOOR,
): { evict: string[]; report: DroppedReport | null } {
  const outsideNewest = Math.max(0, totalUnsynced - floor.keepNewest);
  const cutoff = now - floor.keepDays * DAY_MS;
  const evicted = oldest
    .slice(0, outsideNewest)
    .filter((event) => event.occurredAt < cutoff && !NEVER_EVICTED.has(event.type));
  if (evicted.length === 0) return { evict: [], report: null };
  return { evict: evicted.map((event) => event.id), report: countDropped(evicted) };
}

/**
 * One `events.dropped` report counting `dropped` by type, added to `previous` when there is one:
 * what storage could not keep (evicted events, tracker steps that could not be written) is
 * counted for the collector instead of vanishing.
 */
export function countDropped(
  dropped: readonly { type: string; occurredAt: number }[],
  previous: DroppedReport | null = null,
): DroppedReport | null {
  if (dropped.length === 0) return previous;
  const byType: Record<string, number> = { ...previous?.byType };
  let oldest = previous?.oldestOccurredAt ?? Infinity;
  let newest = previous?.newestOccurredAt ?? -Infinity;
  for (const { type, occurredAt } of dropped) {
    byType[type] = (byType[type] ?? 0) + 1;
    oldest = Math.min(oldest, occurredAt);
    newest = Math.max(newest, occurredAt);
  }
  return {
    count: (previous?.count ?? 0) + dropped.length,
    reason: 'quota',
    byType,
    oldestOccurredAt: oldest,
    newestOccurredAt: newest,
  };
}

const unsyncedRange = (db: TouchpointDb, before: number | typeof Dexie.maxKey = Dexie.maxKey) =>
  db.outbox.where('[synced+occurredAt]').between([0, Dexie.minKey], [0, before]);

/** Deletes outbox rows acknowledged by the collector that occurred before `before` (all without). */
export async function pruneSyncedOutbox(db: TouchpointDb, before?: number): Promise<number> {
  return db.outbox
    .where('[synced+occurredAt]')
    .between([1, Dexie.minKey], [1, before ?? Dexie.maxKey])
    .delete();
}

/**
 * First relief under storage pressure: everything already synced, and raw local measurement
 * (spans, switches, interactions) older than a day, which the outbox summaries already carry.
 */
export async function freeSyncedAndOldLocalData(db: TouchpointDb, now: number): Promise<number> {
  const dayAgo = now - DAY_MS;
  return db.transaction(
    'rw',
    [db.outbox, db.spans, db.switches, db.interactions],
    async () =>
      (await pruneSyncedOutbox(db)) +
      (await db.spans.where('start').below(dayAgo).delete()) +
      (await db.switches.where('at').below(dayAgo).delete()) +
      (await db.interactions.where('end').below(dayAgo).delete()),
  );
}

/**
 * Last relief: evicts unsynced events the floor allows and queues one `events.dropped` event
 * counting them, in the same transaction, so the collector learns what is missing.
 */
export async function evictUnsynced(
  db: TouchpointDb,
  now: number,
  newId: (now: number) => string,
): Promise<DroppedReport | null> {
  return db.transaction('rw', [db.outbox, db.deadLetters], async () => {
    const total = await unsyncedRange(db).count();
    const allowed = Math.max(0, total - UNSYNCED_FLOOR.keepNewest);
    if (allowed === 0) return null;
    const cutoff = now - UNSYNCED_FLOOR.keepDays * DAY_MS;
    const oldest = await unsyncedRange(db, cutoff).limit(allowed).toArray();
    const { evict, report } = planEviction(oldest, total, now);
    if (!report) return null;
    // Deleting first frees the room the report needs.
    await db.outbox.bulkDelete(evict);
    await queueEvents(
      db,
      [
        {
          id: newId(now),
          type: 'events.dropped',
          occurredAt: now,
          schemaVersion: 1,
          payload: report,
        },
      ],
      now,
    );
    return report;
  });
}

export function isQuotaError(error: unknown): boolean {
  const named = (value: unknown) =>
    typeof value === 'object' &&
    value !== null &&
    (value as { name?: unknown }).name === 'QuotaExceededError';
  return named(error) || named((error as { inner?: unknown } | null)?.inner);
}

/**
 * Makes every top-level `db.transaction` survive a full disk (issue #5): on a QuotaExceededError
 * it frees synced and old local data and tries again, then evicts unsynced events by the floor
 * and tries once more. A transaction aborts as a whole, so running its scope again is safe.
 * Nested transactions are left alone: their top-level one retries. A write that hits the quota
 * while another one's relief is freeing space waits for that relief and tries again first (before
 * 2026-12-07 a write started meanwhile skipped recovery and failed, losing the tracker's steps).
 */
export function installQuotaRecovery(
  db: TouchpointDb,
  deps: {
    now: () => number;
    newId: (now: number) => string;
    onEvicted?: (report: DroppedReport) => void;
  },
) {
  type Run = (...args: unknown[]) => Promise<unknown>;
  const original = db.transaction.bind(db) as unknown as Run;
  // The reliefs' own transactions go straight to Dexie: a full disk there is not retried.
  const unguarded = Object.create(db, { transaction: { value: original } }) as TouchpointDb;
  const reliefs = [
    () => freeSyncedAndOldLocalData(unguarded, deps.now()),
    async () => {
      const report = await evictUnsynced(unguarded, deps.now(), deps.newId);
      if (report) deps.onEvicted?.(report);
    },
  ];
  let relieving: Promise<unknown> | undefined;
  const relieve = (relief: () => Promise<unknown>) => {
    const run = relief().finally(() => {
      if (relieving === run) relieving = undefined;
    });
    relieving = run;
    return run;
  };
  const guarded: Run = async (...args) => {
    if (Dexie.currentTransaction) return original(...args);
    let waited = false;
    for (let step = 0; ;) {
      try {
        return await original(...args);
      } catch (error) {
        if (!isQuotaError(error)) throw error;
        const inFlight = relieving;
        if (inFlight && !waited) {
          waited = true;
          await inFlight.catch(() => undefined);
          continue;
        }
        const relief = reliefs[step++];
        if (!relief) throw error;
        await relieve(relief);
      }
    }
  };
  (db as unknown as { transaction: Run }).transaction = guarded;
}
