import {
  ADAPTERS_AUDIT_SETTING,
  type TeamAdapterDefinitions,
} from '../../../contract/adapter-definitions';
import type { AdapterHealth } from '../../../contract/events';
import type { HealthRow } from '../adapters/health';
import { browserFirstWeeksSql } from './first-reportable-week';
import type { SqlClient, SqlExecutor } from './sql-client';

// The team's adapter definitions (issue #16): `adapter_definitions` keeps every published
// version; changes are audited in `policy_audit` under the setting `adapters`, so the console's
// audit view shows them beside policy changes. Adapter health is read from the stored events.

export type StoredAdapters = {
  version: number;
  definitions: TeamAdapterDefinitions;
  publishedAt: Date | null;
  publishedBy: string | null;
};

export type AdaptersPublish = {
  definitions: TeamAdapterDefinitions;
  /** The version the admin edited: the publish applies only while it is still the latest. */
  baseVersion: number;
  actor: string;
  at: Date;
  /** What the audit says happened: `publish`, or `rollback to v<n>`. */
  action: string;
};

export type AdaptersPublishResult =
  { status: 'published'; adapters: StoredAdapters } | { status: 'stale'; adapters: StoredAdapters };

export type AdaptersRepository = {
  /** Version 0 and empty lists for a team that never published. */
  getAdapters(team: string): Promise<StoredAdapters>;
  /**
   * The version before the latest: version 0 (nothing published) before the first, null when
   * nothing was ever published.
   */
  getPreviousAdapters(team: string): Promise<StoredAdapters | null>;
  publishAdapters(team: string, publish: AdaptersPublish): Promise<AdaptersPublishResult>;
  /**
   * `adapter.health` payloads whose hour starts at or after `fromMs`, each with who sent it (the
   * agent id its enrolment is bound to and its browser's install id: `HealthRow`) and when it was
   * received.
   */
  listAdapterHealth(team: string, fromMs: number): Promise<HealthRow[]>;
};

type Row = {
  version: number;
  definitions: TeamAdapterDefinitions;
  published_at: Date;
  published_by: string;
};

const NONE: StoredAdapters = {
  version: 0,
  definitions: { overrides: [], custom: [] },
  publishedAt: null,
  publishedBy: null,
};

const toStored = (row: Row | undefined): StoredAdapters =>
  row
    ? {
        version: row.version,
        definitions: row.definitions,
        publishedAt: row.published_at,
        publishedBy: row.published_by,
      }
    : NONE;

const SELECT = `SELECT version, definitions, published_at, published_by FROM adapter_definitions
  WHERE team = $1 ORDER BY version DESC`;

async function latest(executor: SqlExecutor, team: string, offset = 0) {
  const { rows } = await executor.query<Row>(`${SELECT} LIMIT 1 OFFSET ${offset}`, [team]);
  return rows[0];
}

/** What the audit keeps of a version: the adapter ids it touches, not every selector. */
const auditSummary = (definitions: TeamAdapterDefinitions) => ({
  overrides: definitions.overrides.map((override) => override.id),
  custom: definitions.custom.map((adapter) => adapter.id),
});

export function createAdaptersRepository(client: SqlClient): AdaptersRepository {
  return {
    async getAdapters(team) {
      return toStored(await latest(client, team));
    },

    async getPreviousAdapters(team) {
      const [current, previous] = await Promise.all([
        latest(client, team),
        latest(client, team, 1),
      ]);
      if (!current) return null;
      return toStored(previous);
    },

    publishAdapters(team, publish) {
      return client.transaction(async (tx) => {
        // One publisher at a time per team: the lock makes "is baseVersion still the latest?"
        // and the insert one step (two admins publishing at once: one gets `stale`).
        await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`adapters:${team}`]);
        const current = toStored(await latest(tx, team));
        if (current.version !== publish.baseVersion) return { status: 'stale', adapters: current };
        const at = publish.at.toISOString();
        const { rows } = await tx.query<Row>(
          `INSERT INTO adapter_definitions (team, version, definitions, published_at, published_by)
           VALUES ($1, $2, $3::jsonb, $4, $5)
           RETURNING version, definitions, published_at, published_by`,
          [team, current.version + 1, JSON.stringify(publish.definitions), at, publish.actor],
        );
        await tx.query(
          `INSERT INTO policy_audit (team, at, actor, setting, old_value, new_value)
           VALUES ($1, $2::timestamptz, $3, $4, $5::jsonb, $6::jsonb)`,
          [
            team,
            at,
            publish.actor,
            ADAPTERS_AUDIT_SETTING,
            JSON.stringify({ version: current.version, ...auditSummary(current.definitions) }),
            JSON.stringify({
              version: current.version + 1,
              action: publish.action,
              ...auditSummary(publish.definitions),
            }),
          ],
        );
        return { status: 'published', adapters: toStored(rows[0]) };
      });
    },

    async listAdapterHealth(team, fromMs) {
      // Events stored before enrolment existed have neither agent nor browser: one person
      // between them, so they can never make an hour look like more people than it had. A
      // browser's counts go into hours from its first reportable week on, as its interactions
      // go into reports.
      const { rows } = await client.query<{
        agent: string | null;
        browser: string | null;
        payload: AdapterHealth;
        received_at: Date;
      }>(
        `SELECT e.agent_id AS agent, coalesce(i.install_id::text, e.install) AS browser,
                e.payload, e.received_at
           FROM events e LEFT JOIN installs i ON i.id = e.install
             LEFT JOIN (${browserFirstWeeksSql('$1')}) w ON w.enrolment_key = e.install
           WHERE e.team = $1 AND e.type = 'adapter.health'
             AND (e.payload->>'hourStart')::bigint >= $2
             AND (w.counts_from IS NULL
               OR to_timestamp((e.payload->>'hourStart')::bigint / 1000.0) >= w.counts_from)`,
        [team, fromMs],
      );
      return rows.map((row) => ({
        agent: row.agent,
        browser: row.browser,
        health: row.payload,
        receivedAt: new Date(row.received_at).getTime(),
      }));
    },
  };
}
