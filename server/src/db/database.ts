import type { Role } from '../../../contract/api';
import type { AdaptersRepository } from './adapters-repository';
import type { CxRepository } from './cx-repository';
import type { EventsRepository } from './events-repository';
import type { InstallsRepository } from './installs-repository';
import type { PolicyRepository } from './policy-repository';
import type { ReportRepository } from './report-repository';
import type { SqlClient } from './sql-client';
import type { TeamsRepository } from './teams-repository';
import type { CxMetric } from '../../../contract/report';
import type { PolicyChange } from '../policy/policy-diff';

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

export type StoredPolicy = {
  version: number;
  policy: Record<string, unknown>;
  updatedAt: Date | null;
};

export type PolicyUpdate = {
  /**
   * The policy to store, or how to make it from the stored one. A function is called under the
   * policy's row lock after the `precondition` check, so what it checks against the stored
   * policy (the admin's floor) still holds when its result is written; what it throws changes
   * nothing.
   */
  policy: Record<string, unknown> | ((stored: StoredPolicy) => Record<string, unknown>);
  /**
   * From `If-Match`: the update applies only while this holds of the stored policy, checked on
   * the row the update locks (else `conflict`, nothing written).
   */
  precondition?: (stored: StoredPolicy) => boolean;
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
  /**
   * Page scores only: the person who saw the rating (the agent id; for an anonymous install its
   * browser install id), as the first part of their interactions' key. Such a score counts only
   * for that person's interactions of the record: every install holds the team's record-hash
   * secret, so a score any install sends for any record must not rate a colleague's work.
   * Imports and webhooks have none and count for every interaction of the record.
   */
  observer?: string;
};

/** One interaction as the `interactions` table holds it (figures plus the effort answer). */
export type InteractionRow = {
  agentId: string | null;
  /** The enrolment that sent it: how an anonymous agent is told apart from another. */
  install?: string | null;
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
 * Everything the collector keeps, as one repository per table group. Every team-owned read and
 * write takes the team, so a token can only ever reach its own team's rows.
 */
export type Database = TeamsRepository &
  InstallsRepository &
  EventsRepository &
  PolicyRepository &
  CxRepository &
  AdaptersRepository &
  ReportRepository & {
    readonly engine: 'pglite' | 'postgres';
    /** The connection the repositories share: migrations and operator tools run on it. */
    readonly sql: SqlClient;
    ping(): Promise<void>;
    /** Versions of the collector's migrations the database lacks: none when it is current. */
    pendingMigrations(): Promise<number[]>;
    close(): Promise<void>;
  };
