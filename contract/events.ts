import { z } from 'zod';
import { appIdSchema } from './ids';
import { CONTEXT_FIELDS, RECORD_TYPES } from './record-fields';
import { storableText } from './text';
import { UUID_V7 } from './uuidv7';

// Outbox events: what may leave the browser (PRODUCT.md, privacy rules). No customer data, no
// URLs, no raw record ids: a record is its type and a keyed hash. One source of truth for the
// extension and the collector (issue #5).
//
// Every number has a bound that a real agent's day cannot reach, so that one corrupt or forged
// value is refused at the door instead of failing the projector or a report later (issue #13):
// the collector's columns are 32-bit integers, and its reports sum these values.

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** 2020-01-01: Touchpoint did not exist before; an earlier time is a broken clock. */
export const EARLIEST_TIMESTAMP_MS = Date.UTC(2020, 0, 1);
/** 2100-01-01: the collector also refuses events more than minutes ahead of its own clock. */
export const LATEST_TIMESTAMP_MS = Date.UTC(2100, 0, 1);

const timestamp = z.number().int().min(EARLIEST_TIMESTAMP_MS).max(LATEST_TIMESTAMP_MS);
/**
 * A duration within one interaction. Idle (at most an hour, `idleThresholdSeconds`) ends an
 * interaction, and nobody works one record for more than a day without a break.
 */
const durationWithinDay = z.number().int().nonnegative().max(DAY_MS);
/**
 * Switches in one interaction: one every second for a whole 12-hour shift is 43,200; more is not
 * a person. Far inside the collector's 32-bit columns.
 */
const switchCount = z.number().int().nonnegative().max(50_000);
/**
 * Switches, in-app tab switches and returns one interaction may count: one per
 * `SWITCH_SPACING_MS` of its length (end - start), and `SWITCH_ALLOWANCE` more. Nobody switches
 * apps or tabs more than a few times a second; the allowance covers a burst of browser events
 * within a few ms (a focus flap) in a very short interaction, one of 0 ms with its switch
 * included. A 1-minute summary claiming 50,000 switches lifted a team's mean from 2 to 4,100.
 */
export const SWITCH_SPACING_MS = 100;
export const SWITCH_ALLOWANCE = 10;
export const maxSwitchesIn = (lengthMs: number) =>
  Math.floor(Math.max(0, lengthMs) / SWITCH_SPACING_MS) + SWITCH_ALLOWANCE;
const SWITCH_FIELDS = ['switchCount', 'inAppTabSwitches', 'returns'] as const;
/** A short machine name: event types counted by `events.dropped`. */
const name = storableText(40);
/**
 * A reason or skip-reason id (`too-many-tools`, `min-gap`): the report reader keeps lists of them
 * in one column with a control character between, so no other character may be in one.
 */
const reasonId = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'must be an id such as min-gap');

export const interactionSummarySchema = z
  .object({
    app: appIdSchema,
    recordType: z.enum(RECORD_TYPES),
    /** HMAC-SHA-256 of `app:recordId` with the team's secret; null when no secret is configured. */
    recordHash: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .nullable(),
    start: timestamp,
    end: timestamp,
    endReason: z.enum(['closed', 'superseded', 'idle', 'tab-removed', 'flush', 'admin-trigger']),
    handleMs: durationWithinDay,
    awayMs: durationWithinDay,
    outsideMs: durationWithinDay,
    switchCount,
    inAppTabSwitches: switchCount,
    returns: switchCount,
    /** Apps seen in the interaction; `trackedApps` lists at most 200. */
    distinctApps: z.number().int().nonnegative().max(200),
    appsUsed: z.array(appIdSchema).max(100),
  })
  .refine((summary) => summary.end >= summary.start, {
    message: 'must not be before start',
    path: ['end'],
  })
  .refine((summary) => summary.end - summary.start <= DAY_MS, {
    message: 'an interaction lasts at most a day',
    path: ['end'],
  })
  // The tracker credits each millisecond between start and end to one figure at most, so a sum
  // beyond the interaction's length is forged: it would lift a team's mean handle time.
  .refine(
    (summary) =>
      summary.handleMs + summary.awayMs + summary.outsideMs <= summary.end - summary.start,
    {
      message: 'handleMs + awayMs + outsideMs is more than the interaction lasted (end - start)',
      path: ['handleMs'],
    },
  )
  // Like its times, an interaction's switches are held to its length: one per 100 ms at most.
  .superRefine((summary, context) => {
    const length = summary.end - summary.start;
    const limit = maxSwitchesIn(length);
    for (const field of SWITCH_FIELDS) {
      const count = summary[field];
      if (count <= limit) continue;
      context.addIssue({
        code: 'custom',
        path: [field],
        message: `${field} ${count} is more than one per ${SWITCH_SPACING_MS} ms of the interaction's ${length} ms (at most ${limit})`,
      });
    }
  });

export const appHourlySchema = z.object({
  hourStart: timestamp.refine((value) => value % HOUR_MS === 0, 'must be the start of an hour'),
  app: appIdSchema,
  /** Time in front within that hour. */
  ms: z.number().int().nonnegative().max(HOUR_MS),
});

/** How one effort prompt ended, with the interaction it asked about (issue #4). */
export const promptOutcomeSchema = z
  .object({
    outcome: z.enum(['answered', 'dismissed', 'snoozed', 'timed-out', 'skipped']),
    trigger: z.enum(['closed', 'moved-on', 'admin-trigger']),
    scale: z.enum(['1-5', 'ces-7']),
    /** 1–5, or 1–7 on the customer-effort scale. */
    score: z.number().int().min(1).max(7).nullable(),
    reasons: z.array(reasonId).max(10),
    skipReason: reasonId.nullable(),
    shownAt: timestamp.nullable(),
    /** Time from showing to the tap; an unanswered prompt is gone after a day. */
    latencyMs: durationWithinDay.nullable(),
    interaction: interactionSummarySchema,
  })
  .refine((outcome) => outcome.score === null || outcome.scale !== '1-5' || outcome.score <= 5, {
    message: 'is above the 1-5 scale it was asked on',
    path: ['score'],
  });

export type PromptOutcome = z.infer<typeof promptOutcomeSchema>['outcome'];

/**
 * Unsynced events the browser had to evict (storage quota), counted so that the collector knows
 * what is missing instead of it vanishing silently (issue #5).
 */
export const eventsDroppedSchema = z.object({
  /** The browser keeps at most a few hundred thousand events; ten million is a broken counter. */
  count: z.number().int().positive().max(10_000_000),
  reason: z.enum(['quota']),
  byType: z
    .record(name, z.number().int().nonnegative().max(10_000_000))
    .refine((byType) => Object.keys(byType).length <= 20, 'at most 20 event types'),
  oldestOccurredAt: timestamp,
  newestOccurredAt: timestamp,
});

/**
 * A customer's satisfaction rating as the CRM page shows it (issue #7), keyed by the record's hash
 * so the collector can join it to the interaction; sent only when a team secret is configured.
 * Zendesk's good/bad rating maps to 5/1; a 1–5 rating is kept as it is.
 */
export const cxObservedSchema = z.object({
  app: appIdSchema,
  recordType: z.enum(RECORD_TYPES),
  recordHash: z.string().regex(/^[0-9a-f]{64}$/),
  csat: z.number().int().min(1).max(5),
});

/** Records one install can read in an hour: one every second is 3,600; more is a loop. */
const recordCount = z.number().int().nonnegative().max(10_000);

/** How one field of an adapter fared in an hour: records it matched or missed, and by what. */
export const fieldHealthSchema = z
  .object({
    matched: recordCount,
    missed: recordCount,
    /**
     * Matching records by the extractor that matched (`selector:…`, `document.title`, `api`):
     * the adapter's own rule, never a value read from the page.
     */
    extractors: z
      .record(storableText(200), recordCount)
      .refine((byRule) => Object.keys(byRule).length <= 10, 'at most 10 extractors'),
  })
  .refine(
    (field) =>
      Object.values(field.extractors).reduce((sum, count) => sum + count, 0) <= field.matched,
    { message: 'counts more extractor matches than matched records', path: ['extractors'] },
  );

/**
 * Adapter health (issue #16): for one adapter and one hour, how many records it read and, per
 * declared field, how many it matched and missed. Counts only: no values, no record ids; the
 * agent id follows the identity mode like every outbox event.
 */
export const adapterHealthSchema = z
  .object({
    hourStart: timestamp.refine((value) => value % HOUR_MS === 0, 'must be the start of an hour'),
    app: appIdSchema,
    records: recordCount,
    fields: z.partialRecord(z.enum(CONTEXT_FIELDS), fieldHealthSchema),
  })
  .refine(
    (health) =>
      Object.values(health.fields).every((field) => field.matched + field.missed <= health.records),
    { message: 'a field counts more records than were read', path: ['fields'] },
  );
export type AdapterHealth = z.infer<typeof adapterHealthSchema>;

export const OUTBOX_PAYLOADS = {
  'interaction.summary': interactionSummarySchema,
  'app.hourly': appHourlySchema,
  'prompt.outcome': promptOutcomeSchema,
  'events.dropped': eventsDroppedSchema,
  'cx.observed': cxObservedSchema,
  'adapter.health': adapterHealthSchema,
} as const;
export type OutboxType = keyof typeof OUTBOX_PAYLOADS;

export const outboxEventSchema = z.discriminatedUnion('type', [
  z.object({
    id: z.string().regex(UUID_V7),
    type: z.literal('interaction.summary'),
    occurredAt: timestamp,
    schemaVersion: z.literal(1),
    payload: interactionSummarySchema,
  }),
  z.object({
    id: z.string().regex(UUID_V7),
    type: z.literal('app.hourly'),
    occurredAt: timestamp,
    schemaVersion: z.literal(1),
    payload: appHourlySchema,
  }),
  z.object({
    id: z.string().regex(UUID_V7),
    type: z.literal('prompt.outcome'),
    occurredAt: timestamp,
    schemaVersion: z.literal(1),
    payload: promptOutcomeSchema,
  }),
  z.object({
    id: z.string().regex(UUID_V7),
    type: z.literal('events.dropped'),
    occurredAt: timestamp,
    schemaVersion: z.literal(1),
    payload: eventsDroppedSchema,
  }),
  z.object({
    id: z.string().regex(UUID_V7),
    type: z.literal('cx.observed'),
    occurredAt: timestamp,
    schemaVersion: z.literal(1),
    payload: cxObservedSchema,
  }),
  z.object({
    id: z.string().regex(UUID_V7),
    type: z.literal('adapter.health'),
    occurredAt: timestamp,
    schemaVersion: z.literal(1),
    payload: adapterHealthSchema,
  }),
]);
/** An immutable event queued for upload; `syncedAt` is set locally once the collector acked it. */
export type OutboxEvent = z.infer<typeof outboxEventSchema> & { syncedAt?: number };
