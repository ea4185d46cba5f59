import { z } from 'zod';
import type { OutboxEvent } from '../../contract/events';
import { CONTEXT_FIELDS, type ContextField } from '../../contract/record-fields';
import type { AdapterDefinition } from '../adapters/definition';
import { queueEvents } from '../sync/outbox-admission';
import type { TouchpointDb } from '../storage/db';
import { EMPTY_WINDOW, observeRecord, summarizeWindow, type HealthWindow } from './health-window';

/** `meta` key of the records seen since the last sync (the worker may stop at any moment). */
export const HEALTH_WINDOW_KEY = 'adapter-health-window';

const windowSchema = z.object({
  records: z.record(
    z.string(),
    z.object({
      app: z.string(),
      hourStart: z.number(),
      fields: z.partialRecord(z.enum(CONTEXT_FIELDS), z.string().nullable()),
    }),
  ),
});

async function readWindow(db: TouchpointDb): Promise<HealthWindow> {
  const parsed = windowSchema.safeParse((await db.meta.get(HEALTH_WINDOW_KEY))?.value);
  return parsed.success ? parsed.data : EMPTY_WINDOW;
}

const declaredFields = (adapter: AdapterDefinition) =>
  CONTEXT_FIELDS.filter((field): field is ContextField => Boolean(adapter.fields[field]));

/**
 * Adapter health in the background (issue #16): counts what the content script already reports
 * (each context's `matchedBy`), so the content script does no extra work; at each sync the counts
 * go to the outbox as `adapter.health` events, which carry the agent id only as the identity
 * mode allows, like every other event.
 */
export function createAdapterHealthRecorder(
  db: TouchpointDb,
  deps: { newId: (now: number) => string },
) {
  return {
    async observe(
      adapter: AdapterDefinition,
      context: { recordKey: string; matchedBy: Readonly<Record<string, string>> },
      now: number,
    ) {
      const declared = declaredFields(adapter);
      if (declared.length === 0) return;
      await db.transaction('rw', [db.meta], async () => {
        const next = observeRecord(
          await readWindow(db),
          { recordKey: context.recordKey, app: adapter.id, declared, matchedBy: context.matchedBy },
          now,
        );
        await db.meta.put({ key: HEALTH_WINDOW_KEY, value: next });
      });
    },

    /** Queues the window's counts and starts a new window; returns how many events it queued. */
    async flush(now: number): Promise<number> {
      return db.transaction('rw', [db.meta, db.outbox, db.deadLetters], async () => {
        const counts = summarizeWindow(await readWindow(db));
        if (counts.length === 0) return 0;
        const events: OutboxEvent[] = counts.map((payload) => ({
          id: deps.newId(now),
          type: 'adapter.health',
          occurredAt: now,
          schemaVersion: 1,
          payload,
        }));
        await queueEvents(db, events, now);
        await db.meta.delete(HEALTH_WINDOW_KEY);
        return events.length;
      });
    },
  };
}
export type AdapterHealthRecorder = ReturnType<typeof createAdapterHealthRecorder>;
