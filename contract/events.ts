import { z } from 'zod';
import { appIdSchema } from './ids';
import { RECORD_TYPES } from './record-fields';
import { UUID_V7 } from './uuidv7';

// Outbox events: what may leave the browser (PRODUCT.md, privacy rules). No customer data, no
// URLs, no raw record ids: a record is its type and a keyed hash. One source of truth for the
// extension and the collector (issue #5).

const ms = z.number().int().nonnegative();

export const interactionSummarySchema = z.object({
  app: appIdSchema,
  recordType: z.enum(RECORD_TYPES),
  /** HMAC-SHA-256 of `app:recordId` with the team's secret; null when no secret is configured. */
  recordHash: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullable(),
  start: ms,
  end: ms,
  endReason: z.enum(['closed', 'superseded', 'idle', 'tab-removed', 'flush', 'admin-trigger']),
  handleMs: ms,
  awayMs: ms,
  outsideMs: ms,
  switchCount: z.number().int().nonnegative(),
  inAppTabSwitches: z.number().int().nonnegative(),
  returns: z.number().int().nonnegative(),
  distinctApps: z.number().int().nonnegative(),
  appsUsed: z.array(z.string().max(40)).max(100),
});

export const appHourlySchema = z.object({
  hourStart: ms,
  app: z.string().max(40),
  ms,
});

/** How one effort prompt ended, with the interaction it asked about (issue #4). */
export const promptOutcomeSchema = z.object({
  outcome: z.enum(['answered', 'dismissed', 'snoozed', 'timed-out', 'skipped']),
  trigger: z.enum(['closed', 'moved-on', 'admin-trigger']),
  scale: z.enum(['1-5', 'ces-7']),
  score: z.number().int().min(1).max(7).nullable(),
  reasons: z.array(z.string().max(40)).max(10),
  skipReason: z.string().max(40).nullable(),
  shownAt: ms.nullable(),
  /** Time from showing to the tap. */
  latencyMs: ms.nullable(),
  interaction: interactionSummarySchema,
});

export type PromptOutcome = z.infer<typeof promptOutcomeSchema>['outcome'];

/**
 * Unsynced events the browser had to evict (storage quota), counted so that the collector knows
 * what is missing instead of it vanishing silently (issue #5).
 */
export const eventsDroppedSchema = z.object({
  count: z.number().int().positive(),
  reason: z.enum(['quota']),
  byType: z.record(z.string().max(40), z.number().int().nonnegative()),
  oldestOccurredAt: ms,
  newestOccurredAt: ms,
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

export const OUTBOX_PAYLOADS = {
  'interaction.summary': interactionSummarySchema,
  'app.hourly': appHourlySchema,
  'prompt.outcome': promptOutcomeSchema,
  'events.dropped': eventsDroppedSchema,
  'cx.observed': cxObservedSchema,
} as const;
export type OutboxType = keyof typeof OUTBOX_PAYLOADS;

export const outboxEventSchema = z.discriminatedUnion('type', [
  z.object({
    id: z.string().regex(UUID_V7),
    type: z.literal('interaction.summary'),
    occurredAt: ms,
    schemaVersion: z.literal(1),
    payload: interactionSummarySchema,
  }),
  z.object({
    id: z.string().regex(UUID_V7),
    type: z.literal('app.hourly'),
    occurredAt: ms,
    schemaVersion: z.literal(1),
    payload: appHourlySchema,
  }),
  z.object({
    id: z.string().regex(UUID_V7),
    type: z.literal('prompt.outcome'),
    occurredAt: ms,
    schemaVersion: z.literal(1),
    payload: promptOutcomeSchema,
  }),
  z.object({
    id: z.string().regex(UUID_V7),
    type: z.literal('events.dropped'),
    occurredAt: ms,
    schemaVersion: z.literal(1),
    payload: eventsDroppedSchema,
  }),
  z.object({
    id: z.string().regex(UUID_V7),
    type: z.literal('cx.observed'),
    occurredAt: ms,
    schemaVersion: z.literal(1),
    payload: cxObservedSchema,
  }),
]);
/** An immutable event queued for upload; `syncedAt` is set locally once the collector acked it. */
export type OutboxEvent = z.infer<typeof outboxEventSchema> & { syncedAt?: number };
