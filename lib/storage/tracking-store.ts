import { queueEvents } from '../sync/outbox-admission';
import { hourlyTotals } from '../tracking/hourly-totals';
import { closedUntil } from '../tracking/reducer';
import type { InteractionEndedOutput, SegmentOutput, TrackerOutput } from '../tracking/outputs';
import { isCurrentTrackerState, type TrackerState } from '../tracking/state';
import type { OutboxEvent } from '../../contract/events';
import { parseRecordKey } from '../../contract/record-fields';
import { interactionSummaryOf } from '../sync/interaction-summary';
import type { DroppedReport } from '../sync/outbox-retention';
import type { StoredSpan, StoredSwitch, TouchpointDb } from './db';

const STATE_KEY = 'tracker-state';
const HOURLY_KEY = 'hourly-emitted-until';
const KEPT_BATCH_KEY = 'tracker-kept-batch-written';
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export type TrackingStoreDeps = {
  newId: (now: number) => string;
  /** Keyed hash of `app:recordId` for the collector, or null without a team secret. */
  hashRecord: (app: string, recordId: string) => Promise<string | null>;
};

type SummaryInput = { output: InteractionEndedOutput; recordHash: string | null };

/** What else a step's write carries when earlier writes of it failed (see the tracker service). */
export type StepWriteOptions = {
  /** Tracker outputs given up on after failed writes, queued as one `events.dropped` event. */
  dropped?: DroppedReport | null;
  /** The kept batch this write is, noted with it: a worker woken later knows it was written. */
  keptBatchId?: string;
};

/**
 * Where the tracker's state and outputs live (Dexie). Each step is written in one transaction:
 * the state and what it produced land together or not at all, so a service worker stopped at
 * any moment neither loses nor repeats a figure. Hashes are computed before the transaction
 * (no foreign promise may be awaited inside one).
 */
export function createTrackingStore(db: TouchpointDb, deps: TrackingStoreDeps) {
  function summaryEvent({ output, recordHash }: SummaryInput): OutboxEvent {
    return {
      id: deps.newId(output.end),
      type: 'interaction.summary',
      occurredAt: output.end,
      schemaVersion: 1,
      payload: interactionSummaryOf(output, recordHash),
    };
  }

  return {
    /** The stored state, or undefined when there is none or it has an older shape. */
    async loadState(): Promise<TrackerState | undefined> {
      const stored = (await db.meta.get(STATE_KEY))?.value;
      return isCurrentTrackerState(stored) ? stored : undefined;
    },

    /** The kept batch (`StepWriteOptions.keptBatchId`) written last, if any. */
    async lastKeptBatchWritten(): Promise<string | undefined> {
      return (await db.meta.get(KEPT_BATCH_KEY))?.value as string | undefined;
    },

    /** Writes one reducer step: its new state and its outputs, atomically. */
    async applyStep(
      state: TrackerState,
      outputs: readonly TrackerOutput[],
      options: StepWriteOptions = {},
    ) {
      const ended = outputs.filter(
        (o): o is InteractionEndedOutput => o.type === 'interaction.ended',
      );
      const summaries = await Promise.all(
        ended.map(async (output) => {
          const { app, recordId } = parseRecordKey(output.recordKey);
          return { output, recordHash: await deps.hashRecord(app, recordId) };
        }),
      );
      const spans = outputs.filter(
        (o): o is StoredSpan => o.type === 'segment' || o.type === 'gap',
      );
      const switches = outputs.filter(
        (o): o is StoredSwitch => o.type === 'switch' || o.type === 'inAppTabSwitch',
      );
      const events = summaries.map(summaryEvent);
      if (options.dropped) {
        const at = options.dropped.newestOccurredAt;
        events.push({
          id: deps.newId(at),
          type: 'events.dropped',
          occurredAt: at,
          schemaVersion: 1,
          payload: options.dropped,
        });
      }
      await db.transaction(
        'rw',
        [db.meta, db.spans, db.switches, db.interactions, db.outbox, db.deadLetters],
        async () => {
          await db.meta.put({ key: STATE_KEY, value: state });
          if (options.keptBatchId !== undefined) {
            await db.meta.put({ key: KEPT_BATCH_KEY, value: options.keptBatchId });
          }
          if (spans.length > 0) await db.spans.bulkAdd(spans);
          if (switches.length > 0) await db.switches.bulkAdd(switches);
          if (ended.length > 0) await db.interactions.bulkAdd(ended);
          if (events.length > 0) await queueEvents(db, events);
        },
      );
    },

    /**
     * Queues per-app totals of every whole hour before `now` not queued yet, exactly once: the
     * high-water mark moves in the same transaction as the events. An hour goes only once all its
     * time is stored: the minute's flush keeps the idle window open, so the stored state's open
     * span may still hold the hour's last minute (before 2026-12-07 that minute was never sent).
     */
    async emitHourlyTotals(now: number): Promise<number> {
      return db.transaction('rw', [db.meta, db.spans, db.outbox, db.deadLetters], async () => {
        const stored = (await db.meta.get(STATE_KEY))?.value;
        const closed = isCurrentTrackerState(stored) ? Math.min(now, closedUntil(stored)) : now;
        const untilHour = Math.floor(closed / HOUR_MS) * HOUR_MS;
        const from = ((await db.meta.get(HOURLY_KEY))?.value as number | undefined) ?? 0;
        if (untilHour <= from) return 0;
        const segments = (await db.spans
          .where('start')
          .between(from - DAY_MS, untilHour, true, false)
          .filter((span) => span.type === 'segment' && span.end > from)
          .toArray()) as SegmentOutput[];
        const totals = hourlyTotals(segments).filter(
          (total) => total.hourStart >= from && total.hourStart < untilHour,
        );
        await queueEvents(
          db,
          totals.map((total) => ({
            id: deps.newId(total.hourStart + HOUR_MS),
            type: 'app.hourly' as const,
            occurredAt: total.hourStart + HOUR_MS,
            schemaVersion: 1 as const,
            payload: total,
          })),
          now,
        );
        await db.meta.put({ key: HOURLY_KEY, value: untilHour });
        return totals.length;
      });
    },

    /** Deletes raw spans, switches and interactions older than the retention period. */
    async prune(now: number, retentionDays: number) {
      const before = now - retentionDays * DAY_MS;
      await db.transaction('rw', [db.spans, db.switches, db.interactions], async () => {
        await db.spans.where('start').below(before).delete();
        await db.switches.where('at').below(before).delete();
        await db.interactions.where('end').below(before).delete();
      });
    },
  };
}
export type TrackingStore = ReturnType<typeof createTrackingStore>;
