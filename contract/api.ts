import { z } from 'zod';
import { agentIdSchema } from './ids';

// The collector's HTTP contract (issue #5), shared by the extension's sync and `server/`: one
// source of truth, and the OpenAPI document at /v1/openapi.json is generated from it.

export const API_PATHS = {
  events: '/v1/events',
  /** `POST` with the team's enrolment token (an agent token): one install credential. */
  enrol: '/v1/enrol',
  /** `GET` (admin): the team's enrolled installs, revoked ones included. */
  installs: '/v1/installs',
  /** `POST` (admin): revokes one install's credential. */
  installRevoke: '/v1/installs/:id/revoke',
  policy: '/v1/policy',
  policyAudit: '/v1/policy/audit',
  /** Liveness: the process answers (no token, no database query). */
  health: '/v1/health',
  /** Readiness: the database answers and has every migration this collector knows (else 503). */
  ready: '/v1/ready',
  openapi: '/v1/openapi.json',
  whoami: '/v1/whoami',
  /** `GET ?from=2026-W40&to=2026-W47` (supervisor, admin): `reportSchema` in lib/reports/. */
  reports: '/v1/reports',
  /** `GET ?table=<REPORT_CSV_TABLES>&from&to` (supervisor, admin): one report table as CSV. */
  reportsCsv: '/v1/reports/csv',
  /** `POST` text/csv or application/json rows (supervisor, admin): `cxImportResponseSchema`. */
  cxImport: '/v1/cx/import',
  /** `POST ?team=T` with `X-Touchpoint-Webhook-Secret`: a Zendesk satisfaction rating. */
  cxWebhookZendesk: '/v1/cx/webhook/zendesk',
  /** `GET` (any role) / `PUT` (admin): the team's adapter definitions (contract/adapter-definitions.ts). */
  adapters: '/v1/adapters',
  /** `POST` (admin): publishes the previous version's definitions again, as a new version. */
  adaptersRollback: '/v1/adapters/rollback',
  /** `GET ?days=N` (supervisor, admin): hourly hit rates per adapter and field, with drop flags. */
  adapterHealth: '/v1/adapters/health',
} as const;

/** What one request may carry; the extension sizes its batches to stay inside these. */
export const INGEST_LIMITS = {
  // A drain is mostly IndexedDB commits, one per batch: fewer, larger batches drain faster. The
  // byte limit still caps a batch of large events (about 1,600 interaction summaries).
  maxEventsPerBatch: 2000,
  /** Uncompressed request body. */
  maxBodyBytes: 1_000_000,
  /** Events may be this far ahead of the collector's clock (agents' clocks drift). */
  maxFutureSkewMs: 5 * 60_000,
  /**
   * An event ahead by more, but by at most this much beyond the skew, is refused with a
   * `retryAfterMs`: a clock set wrong (the agent's or the collector's) delays events, never loses
   * them. Further ahead is a bad time, refused for good.
   */
  maxDeferMs: 86_400_000,
  /** When an event newer than the collector is sent again: its update is a deployment away. */
  versionRetryMs: 6 * 3_600_000,
  /** Older events are refused: above the 30 days the extension keeps while offline. */
  maxAgeMs: 90 * 86_400_000,
} as const;

/** A bearer token as `collector token create` prints it; the extension's setting accepts only these. */
export const collectorTokenSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{20,200}$/, 'must be a token printed by "collector token create"');

export const ROLES = ['agent', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const IDENTITY_MODES = ['identified', 'pseudonymous', 'anonymous'] as const;
export type IdentityMode = (typeof IDENTITY_MODES)[number];

/**
 * `POST /v1/events`. Events are checked one by one on the collector (`outboxEventSchema` plus the
 * time window), so the envelope takes them as unknown: one bad event never fails its batch.
 */
export const ingestRequestSchema = z.object({
  /** Per PRODUCT.md identity modes: null in `anonymous` mode. */
  agentId: agentIdSchema.nullable(),
  events: z.array(z.unknown()).min(1).max(INGEST_LIMITS.maxEventsPerBatch),
});
export type IngestRequest = z.infer<typeof ingestRequestSchema>;

export const EVENT_STATUSES = ['stored', 'duplicate', 'rejected'] as const;

export const eventResultSchema = z.object({
  /** Position in the request's `events`. */
  index: z.number().int().nonnegative(),
  /** The event's id when it had a readable one. */
  id: z.string().max(100).nullable(),
  status: z.enum(EVENT_STATUSES),
  /** Why a rejected event was refused, naming the field. */
  reason: z.string().max(500).optional(),
  /**
   * A rejected event the collector may take later: the sender keeps it and sends it again after
   * this many ms. Without it, a rejection is final.
   */
  retryAfterMs: z
    .number()
    .int()
    .positive()
    .max(INGEST_LIMITS.maxDeferMs + 1_000)
    .optional(),
  /**
   * Why it may be taken later: `clock`, its time is ahead of the collector's clock (by at most a
   * day past the skew allowed: a clock set wrong); `version`, its type or schema version is newer
   * than the collector's (an extension updated before its collector).
   */
  deferredBecause: z.enum(['clock', 'version']).optional(),
});
export type EventResult = z.infer<typeof eventResultSchema>;

/**
 * The answer to a batch: 200 when every event is stored or a duplicate; 422 when at least one was
 * rejected. Accepted events of a 422 batch are committed all the same: the sender marks them
 * synced and dead-letters only the rejected ones.
 */
export const ingestResponseSchema = z.object({
  results: z.array(eventResultSchema),
  stored: z.number().int().nonnegative(),
  duplicates: z.number().int().nonnegative(),
  rejected: z.number().int().nonnegative(),
});
export type IngestResponse = z.infer<typeof ingestResponseSchema>;

/** Every non-2xx answer other than a 422 ingest result. */
export const errorResponseSchema = z.object({
  error: z.string().max(100),
  message: z.string().max(2000),
});
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

/**
 * `GET /v1/policy` (ETag, `If-None-Match` → 304) and the answer to `PUT /v1/policy`. `policy`
 * holds team-level settings by name; the extension validates each value itself (issue #6).
 */
export const teamPolicySchema = z.object({
  team: z.string().max(100),
  version: z.number().int().nonnegative(),
  updatedAt: z.string().nullable(),
  policy: z.record(z.string(), z.unknown()),
  /**
   * The fingerprint of the team's record-hash secret (`recordHashCheckOf`): the extension tells
   * its admin when the secret in its managed policy is another. Absent from older collectors.
   */
  recordHashCheck: z
    .string()
    .regex(/^[0-9a-f]{16}$/)
    .optional(),
});
export type TeamPolicy = z.infer<typeof teamPolicySchema>;

/** `PUT /v1/policy` (supervisor): the whole team policy; `If-Match` guards against lost updates. */
export const policyUpdateSchema = z.object({ policy: z.record(z.string(), z.unknown()) });

export const auditEntrySchema = z.object({
  at: z.string(),
  actor: z.string().max(100),
  setting: z.string().max(100),
  oldValue: z.unknown(),
  newValue: z.unknown(),
});
export const auditListSchema = z.object({ entries: z.array(auditEntrySchema) });
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** `GET /v1/whoami`: what the presented token may do. */
export const whoamiSchema = z.object({
  team: z.string().max(100),
  role: z.enum(ROLES),
  tokenName: z.string().max(100),
});
export type Whoami = z.infer<typeof whoamiSchema>;

export const healthSchema = z.object({ status: z.enum(['ok']), database: z.string() });

/**
 * `POST /v1/enrol` (issue #13, PRODUCT.md privacy rule 5): a browser install trades the team's
 * enrolment token for a credential of its own, bound to one agent. The agent id is the admin's
 * in `identified` mode; the collector makes the pseudonym in `pseudonymous` mode, so that nobody
 * can enrol as someone else's pseudonym; `anonymous` installs are bound to no agent.
 */
export const enrolRequestSchema = z.discriminatedUnion('identityMode', [
  z.strictObject({
    installId: z.uuid(),
    identityMode: z.literal('identified'),
    agentId: agentIdSchema,
  }),
  z.strictObject({ installId: z.uuid(), identityMode: z.literal('pseudonymous') }),
  z.strictObject({ installId: z.uuid(), identityMode: z.literal('anonymous') }),
]);
export type EnrolRequest = z.infer<typeof enrolRequestSchema>;

export const enrolResponseSchema = z.object({
  installId: z.uuid(),
  identityMode: z.enum(IDENTITY_MODES),
  /** The agent every event of this install is stored for: null in `anonymous` mode. */
  agentId: z.string().max(100).nullable(),
  /** The bearer token for `/v1/events` and `/v1/policy`; shown only in this answer. */
  credential: collectorTokenSchema,
});
export type EnrolResponse = z.infer<typeof enrolResponseSchema>;

export const installSchema = z.object({
  /** The collector's id of this enrolment: what `revoke` takes. */
  id: z.string().max(100),
  installId: z.uuid(),
  identityMode: z.enum(IDENTITY_MODES),
  agentId: z.string().max(100).nullable(),
  /** The name of the enrolment token it used. */
  enrolledWith: z.string().max(100),
  enrolledAt: z.string(),
  revokedAt: z.string().nullable(),
  /** Who revoked it: a token's name, or `re-enrolled` when the same install enrolled again. */
  revokedBy: z.string().max(100).nullable(),
});
export type Install = z.infer<typeof installSchema>;
export const installListSchema = z.object({ installs: z.array(installSchema) });

/** `GET /v1/ready`: 200 with this, or 503 `{error: 'not_ready', message}` saying why. */
export const readySchema = z.object({
  status: z.enum(['ready']),
  database: z.string(),
  /** The newest migration applied (server/src/db/migrations.ts). */
  schemaVersion: z.number().int().nonnegative(),
});
