import type { CxScore } from './database';
import type { SqlClient, SqlExecutor } from './sql-client';

// CX scores by record (issue #7): the `cx_scores` table, and the CSAT each interaction of the
// record carries in `interactions.csat`.

/** CX scores from imports, webhooks and CRM pages. */
export type CxRepository = {
  /**
   * Stores CX scores, replacing a (record, metric, source, observer) score only when something
   * differs; returns how many rows were new or changed. (record, metric, source, observer) must be
   * unique in the call.
   */
  upsertCxScores(team: string, scores: readonly CxScore[]): Promise<number>;
};

/**
 * The person an interaction row belongs to, as the first part of its key: the agent, or for an
 * anonymous install its browser install (`interactions.install`). A page score's `observer`.
 */
export const interactionPerson = (row: string) => `coalesce(${row}.agent_id, ${row}.install, '')`;

/**
 * The CSAT of the interaction of person `person` on record `hash` in team `team` (SQL
 * expressions): import and webhook before page, the person's own page score before one stored
 * with no observer (before observers were recorded), then the latest. Another person's page score
 * never counts: any install could send one for any record of the team.
 */
export const bestCsat = (team: string, hash: string, person: string) =>
  `SELECT c.score FROM cx_scores c WHERE c.team = ${team} AND c.record_hash = ${hash}
  AND c.metric = 'csat' AND c.scale = '1-5' AND c.observer IN ('', ${person})
  ORDER BY (c.source = 'page'), (c.observer = ''), c.observed_at DESC LIMIT 1`;

/**
 * Takes, until the transaction ends, the lock that keeps the CX join of `teams` consistent: held
 * by every writer of `cx_scores` (imports, webhooks, the projector's page scores) and by the
 * projector before it inserts interactions. Without it, under READ COMMITTED, a score committed
 * while the projector's INSERT … SELECT ran was lost for good: the score's UPDATE could not see
 * the uncommitted interaction, and the projector's snapshot predated the score. Re-reading the
 * score after the insert only narrows that window (both sides can still read before either
 * commits). With the lock one side waits for the other's commit, and its next statement's
 * snapshot sees it. Per team, so teams never wait for each other; in name order, so a projector
 * locking several teams cannot deadlock with another locker.
 */
export async function lockCxTeams(tx: SqlExecutor, teams: Iterable<string>): Promise<void> {
  for (const team of [...new Set(teams)].sort()) {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`cx:${team}`]);
  }
}

/**
 * Upserts CX scores; a page score replaces only its observer's own (`CxScore.observer`), and a
 * page or webhook score never replaces a newer one (a webhook retried after
 * the customer changed the rating arrives late), an imported file's does: it is the admin's
 * correction. Returns rows new or changed. Call it inside a transaction that holds
 * `lockCxTeams` for `team`.
 */
export async function upsertScores(
  tx: SqlExecutor,
  team: string,
  scores: readonly CxScore[],
): Promise<number> {
  if (scores.length === 0) return 0;
  const { rows } = await tx.query<{ n: number }>(
    `WITH changed AS (
       INSERT INTO cx_scores (team, record_hash, metric, source, app, score, scale, observed_at,
         observer)
       SELECT $1, r.record_hash, r.metric, r.source, r.app, r.score, r.scale, r.observed_at,
         r.observer
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::integer[], $7::text[],
         $8::timestamptz[], $9::text[])
         AS r (record_hash, metric, source, app, score, scale, observed_at, observer)
       ON CONFLICT (team, record_hash, metric, source, observer) DO UPDATE SET
         app = EXCLUDED.app, score = EXCLUDED.score, scale = EXCLUDED.scale,
         observed_at = EXCLUDED.observed_at
       WHERE (cx_scores.app, cx_scores.score, cx_scores.scale, cx_scores.observed_at)
           IS DISTINCT FROM (EXCLUDED.app, EXCLUDED.score, EXCLUDED.scale, EXCLUDED.observed_at)
         AND (EXCLUDED.source = 'import' OR EXCLUDED.observed_at >= cx_scores.observed_at)
       RETURNING 1
     ) SELECT count(*)::integer AS n FROM changed`,
    [
      team,
      scores.map((score) => score.recordHash),
      scores.map((score) => score.metric),
      scores.map((score) => score.source),
      scores.map((score) => score.app),
      scores.map((score) => score.score),
      scores.map((score) => score.scale),
      scores.map((score) => score.observedAt.toISOString()),
      // Only page scores have an observer: an import or webhook score counts for everyone.
      scores.map((score) => (score.source === 'page' ? (score.observer ?? '') : '')),
    ],
  );
  const changed = rows[0]?.n ?? 0;
  const hashes = [...new Set(scores.filter((s) => s.metric === 'csat').map((s) => s.recordHash))];
  // Even when no score changed: importing the same file again mends an interaction whose CSAT
  // went astray (one projected before the team lock existed); rows already right are not written.
  if (hashes.length > 0) {
    const best = `(${bestCsat('$1', 'i.record_hash', interactionPerson('i'))})`;
    await tx.query(
      `UPDATE interactions i SET csat = ${best}
       WHERE i.team = $1 AND i.record_hash = ANY($2::text[]) AND i.csat IS DISTINCT FROM ${best}`,
      [team, hashes],
    );
  }
  return changed;
}

export function createCxRepository(client: SqlClient): CxRepository {
  return {
    upsertCxScores: (team, scores) =>
      client.transaction(async (tx) => {
        await lockCxTeams(tx, [team]);
        return upsertScores(tx, team, scores);
      }),
  };
}
