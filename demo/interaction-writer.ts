import { awayTargets } from '../server/src/reports/rank-apps';
import { bestCsat, interactionPerson } from '../server/src/db/cx-repository';
import type { Database, InteractionRow } from '../server/src/db/database';

// Demo data and benchmarks write interactions directly: a million rows in seconds, without the
// events that would describe them.

/**
 * The interaction's key: the same from its `interaction.summary` and from the `prompt.outcome`
 * that repeats it. Migration 2 and the projector (PROJECT_INTERACTIONS in
 * server/src/db/events-repository.ts) build the same string in SQL.
 */
export const interactionKey = (
  row: Pick<InteractionRow, 'agentId' | 'install' | 'app' | 'recordHash' | 'start' | 'end'>,
) =>
  `${row.agentId ?? row.install ?? ''}|${row.app}|${row.recordHash ?? ''}|${row.start}|${row.end}`;

const joinIds = (ids: readonly string[]) => ids.map((id) => id.replaceAll(',', ' ')).join(',');

/**
 * Upserts interactions straight into the table, one row per key in `rows`; an effort answer is
 * never lost to a summary. Ingested events reach the table by projection instead
 * (events-repository.ts); server/test/projection.test.ts checks that both writers agree.
 */
export async function insertInteractions(
  db: Pick<Database, 'sql'>,
  team: string,
  rows: readonly InteractionRow[],
): Promise<void> {
  if (rows.length === 0) return;
  // Arrays of arrays would flatten in unnest: app and reason ids travel comma-joined, cheaper to
  // split than jsonb to parse (measured: a fifth more events/s on PGlite). Ids hold no commas;
  // a client that sends one anyway gets it stored as a space, never as two ids.
  await db.sql.query(
    `INSERT INTO interactions (team, interaction_key, agent_id, app, record_hash, ended_at,
       handle_ms, away_ms, switch_count, apps_used, effort_score, effort_scale, reasons,
       away_apps, csat, install)
     SELECT $1, r.key, r.agent_id, r.app, r.record_hash, to_timestamp(r.ended / 1000.0),
       r.handle_ms, r.away_ms, r.switch_count,
       string_to_array(r.apps_used, ','), r.effort_score, r.effort_scale,
       string_to_array(r.reasons, ','), string_to_array(r.away_apps, ','),
       CASE WHEN r.record_hash IS NOT NULL THEN (${bestCsat('$1', 'r.record_hash', interactionPerson('r'))}) END,
       r.install
     FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::float8[], $7::bigint[],
       $8::bigint[], $9::integer[], $10::text[], $11::smallint[], $12::text[], $13::text[],
       $14::text[], $15::text[])
       AS r (key, agent_id, app, record_hash, ended, handle_ms, away_ms, switch_count, apps_used,
         effort_score, effort_scale, reasons, away_apps, install)
     ON CONFLICT (team, interaction_key) DO UPDATE SET
       effort_score = coalesce(EXCLUDED.effort_score, interactions.effort_score),
       effort_scale = CASE WHEN EXCLUDED.effort_score IS NULL THEN interactions.effort_scale
         ELSE EXCLUDED.effort_scale END,
       reasons = CASE WHEN EXCLUDED.effort_score IS NULL THEN interactions.reasons
         ELSE EXCLUDED.reasons END
     WHERE EXCLUDED.effort_score IS NOT NULL`,
    [
      team,
      rows.map(interactionKey),
      rows.map((row) => row.agentId),
      rows.map((row) => row.app),
      rows.map((row) => row.recordHash),
      rows.map((row) => row.end),
      rows.map((row) => row.handleMs),
      rows.map((row) => row.awayMs),
      rows.map((row) => row.switchCount),
      rows.map((row) => joinIds(row.appsUsed)),
      rows.map((row) => row.effortScore),
      rows.map((row) => row.effortScale),
      rows.map((row) => joinIds(row.reasons)),
      rows.map((row) => joinIds(awayTargets(row.app, row.appsUsed))),
      rows.map((row) => row.install ?? null),
    ],
  );
}
