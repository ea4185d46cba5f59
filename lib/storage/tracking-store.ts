import { queueEvents } from '../sync/outbox-admission';
import { hourlyTotals } from '../tracking/hourly-totals';
import type { InteractionEndedOutput, SegmentOutput, TrackerOutput } from '../tracking/outputs';
import { isCurrentTrackerState, type TrackerState } from '../tracking/state';
import type { OutboxEvent } from '../../contract/events';
import { parseRecordKey } from '../../contract/record-fields';
import { interactionSummaryOf } from '../sync/interaction-summary';
import type { StoredSpan, StoredSwitch, TouchpointDb } from './db';

const STATE_KEY = 'tracker-state';
const HOURLY_KEY = 'hourly-emitted-until';
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export type TrackingStoreDeps = {
  newId: (now: number) => string;
  /** Keyed hash of `app:recordId` for the collector, or null without a team secret. */
  hashRecord: (app: string, recordId: string) => Promise<string | null>;
};

type SummaryInput = { output: InteractionEndedOutput; recordHash: string | null };

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

    /** Writes one reducer step: its new state and its outputs, atomically. */
    async applyStep(state: TrackerState, outputs: readonly TrackerOutput[]) {
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
      await db.transaction(
        'rw',
        [db.meta, db.spans, db.switches, db.interactions, db.outbox, db.deadLetters],
        async () => {
          await db.meta.put({ key: STATE_KEY, value: state });
          if (spans.length > 0) await db.spans.bulkAdd(spans);
          if (switches.length > 0) await db.switches.bulkAdd(switches);
          if (ended.length > 0) await db.interactions.bulkAdd(ended);
          if (summaries.length > 0) await queueEvents(db, summaries.map(summaryEvent));
        },
      );
    },

    /**
     * Queues per-app totals of every whole hour before `now` not queued yet, exactly once: the
     * high-water mark moves in the same transaction as the events.
     */
    async emitHourlyTotals(now: number): Promise<number> {
      const untilHour = Math.floor(now / HOUR_MS) * HOUR_MS;
      return db.transaction('rw', [db.meta, db.spans, db.outbox, db.deadLetters], async () => {
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
