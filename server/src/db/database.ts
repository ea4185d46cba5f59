import type { Role } from '../../../contract/api';
import type { CxMetric } from '../../../contract/report';
import type { PolicyChange } from '../policy/policy-diff';
import type { ReportColumns } from '../reports/report-columns';
import type { ReportRow } from '../reports/report-row';

export type TeamRecord = { id: string; hashSecret: string; createdAt: Date };

export type TokenRecord = {
  id: string;
  team: string;
  role: Role;
  name: string;
  createdAt: Date;
  revokedAt: Date | null;
};

/** An event that passed validation, ready to store. */
export type AcceptedEvent = {
  id: string;
  type: string;
  occurredAt: number;
  schemaVersion: number;
  payload: unknown;
};

export type EventArrival = {
  id: string;
  agentId: string | null;
  occurredAt: number;
  receivedAt: number;
};

export type StoredPolicy = {
  version: number;
  policy: Record<string, unknown>;
  updatedAt: Date | null;
};

export type PolicyUpdate = {
  policy: Record<string, unknown>;
  /** From `If-Match`: the update applies only while the policy is at this version. */
  expectedVersion?: number;
  actor: string;
  at: Date;
};

export type PolicyUpdateResult =
  | { status: 'updated' | 'unchanged'; policy: StoredPolicy; changes: PolicyChange[] }
  | { status: 'conflict'; policy: StoredPolicy };

/** Where a CX score came from; import and webhook win over what the page showed (issue #7). */
export const CX_SOURCES = ['import', 'webhook', 'page'] as const;
export type CxSource = (typeof CX_SOURCES)[number];

/** One CX score of a record, keyed by the record's hash (never its raw id). */
export type CxScore = {
  recordHash: string;
  app: string;
  metric: CxMetric;
  source: CxSource;
  score: number;
  scale: string;
  observedAt: Date;
};

/** One interaction as the `interactions` table holds it (figures plus the effort answer). */
export type InteractionRow = {
  agentId: string | null;
  app: string;
  recordHash: string | null;
  start: number;
  end: number;
  handleMs: number;
  awayMs: number;
  switchCount: number;
  appsUsed: readonly string[];
  effortScore: number | null;
  effortScale: string | null;
  reasons: readonly string[];
};

export type AuditRecord = PolicyChange & { at: Date; actor: string };

/**
 * Everything the collector keeps. Every team-owned read and write takes the team, so a token can
 * only ever reach its own team's rows.
 */
export type Database = {
  readonly engine: 'pglite' | 'postgres';
  /** Creates the team with a fresh hash secret unless it exists. */
  ensureTeam(team: string): Promise<TeamRecord & { created: boolean }>;
  getTeam(team: string): Promise<TeamRecord | null>;
  createToken(token: {
    team: string;
    role: Role;
    name: string;
    tokenHash: string;
  }): Promise<TokenRecord>;
  listTokens(team: string): Promise<TokenRecord[]>;
  /** Revoked and active tokens alike; the caller decides what a revoked one may do. */
  findTokenByHash(tokenHash: string): Promise<TokenRecord | null>;
  /** Returns false when no active token has this id. */
  revokeToken(id: string, at: Date): Promise<boolean>;
  /**
   * Stores events whose (team, id) is new, in one statement and so one transaction; returns the
   * ids that were stored (the others were already there). Ids must be unique within the call.
   * New events that describe interactions or CX are queued for `projectPending`.
   */
  insertEvents(
    team: string,
    agentId: string | null,
    events: readonly AcceptedEvent[],
    receivedAt: Date,
  ): Promise<Set<string>>;
  /**
   * Projects up to about `maxEvents` queued events (oldest first) into interactions and CX
   * scores, in one transaction; returns how many events it projected (0: nothing was queued).
   */
  projectPending(maxEvents?: number): Promise<number>;
  /** Projects until the queue is empty; returns how many events that took. */
  projectAll(): Promise<number>;
  /** Stored event ids of a team, oldest first by id (UUIDv7 sorts by time). */
  listEventIds(team: string): Promise<string[]>;
  /** When each event of a team occurred and arrived (epoch ms), in order of arrival. */
  listEventArrivals(team: string): Promise<EventArrival[]>;
  /** Version 0 and an empty policy for a team that never had one. */
  getPolicy(team: string): Promise<StoredPolicy>;
  /** Replaces the team policy, bumping its version and auditing each changed setting. */
  updatePolicy(team: string, update: PolicyUpdate): Promise<PolicyUpdateResult>;
  /** Newest first. */
  listAudit(team: string, limit: number): Promise<AuditRecord[]>;
  /** The secret CRM webhooks must present; created on first use. Null when there is no team. */
  getWebhookSecret(team: string): Promise<string | null>;
  /** Replaces the webhook secret with a fresh one and returns it. */
  rotateWebhookSecret(team: string): Promise<string>;
  /**
   * Stores CX scores, replacing a (record, metric, source) score only when something differs;
   * returns how many rows were new or changed. (record, metric, source) must be unique in the call.
   */
  upsertCxScores(team: string, scores: readonly CxScore[]): Promise<number>;
  /** Writes interactions directly (demo data, benchmarks); ingested events reach them by projection. */
  insertInteractions(team: string, rows: readonly InteractionRow[]): Promise<void>;
  /**
   * The team's interactions that ended in [fromMs, toMs), joined with the CSAT of their record
   * (import and webhook before page, then the latest), as one object each, record hash included:
   * the straightforward reader that tests check `loadReportColumns` against. Projects what is
   * queued first, as `loadReportColumns` does.
   */
  loadReportRows(team: string, fromMs: number, toMs: number): Promise<ReportRow[]>;
  /**
   * The same interactions as report columns, read in bulk (issue #7, acceptance 5): what
   * `GET /v1/reports` reads. Projects what is queued first, so a report sees every event stored
   * before it started.
   */
  loadReportColumns(team: string, fromMs: number, toMs: number): Promise<ReportColumns>;
  ping(): Promise<void>;
  close(): Promise<void>;
};
