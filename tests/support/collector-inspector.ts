import type { EffortScale } from '../../contract/prompt-settings';
import { insertInteractions } from '../../demo/interaction-writer';
import type { Database, InteractionRow } from '../../server/src/db/database';
import { projectAll } from '../../server/src/db/events-repository';
import type { ReportRow } from '../../server/src/reports/report-row';

// What tests and benchmarks read back from the collector's database, beside the product's
// repositories (issue #12, item 6): the collector itself never needs these.

/** When an event occurred and arrived (epoch ms). */
export type EventArrival = {
  id: string;
  agentId: string | null;
  /** The enrolment that sent it (`installs.id`). */
  install: string | null;
  occurredAt: number;
  receivedAt: number;
};

// Lists travel joined by the unit separator (U+001F): splitting a string is about 40% faster
// than pg parsing a text[] per row (200,000 rows: 0.6 s against 1.0 s). App ids and reason ids
// are short slugs, never control characters.
const LIST_SEPARATOR = '\u001f';
const splitList = (joined: string) => (joined === '' ? [] : joined.split(LIST_SEPARATOR));

type ReportRowRow = {
  agent_id: string | null;
  install: string | null;
  app: string;
  record_hash: string | null;
  ended: number;
  handle_ms: number;
  away_ms: number;
  switch_count: number;
  apps_used: string;
  effort_score: number | null;
  effort_scale: EffortScale | null;
  reasons: string;
  csat: number | null;
};

/** Reads and writes for tests and benchmarks on the database `db`. */
export function inspectDatabase(db: Pick<Database, 'sql' | 'projectPending'>) {
  return {
    /** Stored event ids of a team, oldest first by id (UUIDv7 sorts by time). */
    async listEventIds(team: string): Promise<string[]> {
      const { rows } = await db.sql.query<{ id: string }>(
        'SELECT id::text AS id FROM events WHERE team = $1 ORDER BY id',
        [team],
      );
      return rows.map((row) => row.id);
    },

    /** When each event of a team occurred and arrived (epoch ms), in order of arrival. */
    async listEventArrivals(team: string): Promise<EventArrival[]> {
      const { rows } = await db.sql.query<{
        id: string;
        agent_id: string | null;
        install: string | null;
        occurred_at: Date | string;
        received_at: Date | string;
      }>(
        `SELECT id::text AS id, agent_id, install, occurred_at, received_at FROM events
       WHERE team = $1 ORDER BY received_at, occurred_at`,
        [team],
      );
      return rows.map((row) => ({
        id: row.id,
        agentId: row.agent_id,
        install: row.install,
        occurredAt: new Date(row.occurred_at).getTime(),
        receivedAt: new Date(row.received_at).getTime(),
      }));
    },

    /**
     * The team's interactions that ended in [fromMs, toMs), joined with the CSAT of their record
     * (import and webhook before page, then the latest), as one object each, record hash
     * included: the straightforward reader that tests check `loadReportColumns` against.
     * Projects what is queued first, as `loadReportColumns` does.
     */
    async loadReportRows(team: string, fromMs: number, toMs: number): Promise<ReportRow[]> {
      await projectAll(db);
      // i.csat is the record's CSAT, kept in step by upsertInteractions and upsertScores.
      const { rows } = await db.sql.query<ReportRowRow>(
        `SELECT i.agent_id, i.install, i.app, i.record_hash,
         (extract(epoch FROM i.ended_at) * 1000)::float8 AS ended,
         i.handle_ms::float8 AS handle_ms, i.away_ms::float8 AS away_ms, i.switch_count,
         array_to_string(i.apps_used, E'\\x1f') AS apps_used, i.effort_score, i.effort_scale,
         array_to_string(i.reasons, E'\\x1f') AS reasons, i.csat
       FROM interactions i
       WHERE i.team = $1 AND i.ended_at >= to_timestamp($2 / 1000.0)
         AND i.ended_at < to_timestamp($3 / 1000.0)`,
        [team, fromMs, toMs],
      );
      return rows.map((row): ReportRow => ({
        team,
        agentId: row.agent_id,
        agentKey: row.agent_id ?? row.install,
        recordHash: row.record_hash ?? '',
        app: row.app,
        occurredAt: Math.round(row.ended),
        handleMs: row.handle_ms,
        awayMs: row.away_ms,
        switchCount: row.switch_count,
        appsUsed: splitList(row.apps_used),
        effortScore: row.effort_score,
        effortScale: row.effort_scale,
        reasons: splitList(row.reasons),
        csat: row.csat,
      }));
    },

    /** Projects until the queue is empty; returns how many events that took. */
    projectAll: () => projectAll(db),

    /** Writes interactions directly (demo data, benchmarks). */
    insertInteractions: (team: string, rows: readonly InteractionRow[]) =>
      insertInteractions(db, team, rows),
  };
}
