import { randomBytes, randomUUID } from 'node:crypto';
import type { Role } from '../../../contract/api';
import { diffPolicy } from '../policy/policy-diff';
import type { EffortScale } from '../../../contract/prompt-settings';
import type { ReportRow } from '../reports/report-row';
import type {
  AcceptedEvent,
  AuditRecord,
  CxScore,
  Database,
  InteractionRow,
  StoredPolicy,
  TeamRecord,
  TokenRecord,
} from './database';
import { awayTargets } from '../reports/rank-apps';
import { interactionKey, pageScoresOf, PROJECTED_EVENT_TYPES } from './interaction-rows';
import { loadReportColumns } from './report-columns-sql';
import type { SqlClient, SqlExecutor } from './sql-client';

type TeamRow = { id: string; hash_secret: string; created_at: Date };
type TokenRow = {
  id: string;
  team: string;
  role: Role;
  name: string;
  created_at: Date;
  revoked_at: Date | null;
};
type PolicyRow = { version: number; policy: Record<string, unknown>; updated_at: Date | null };

const toTeam = (row: TeamRow): TeamRecord => ({
  id: row.id,
  hashSecret: row.hash_secret,
  createdAt: row.created_at,
});

const toToken = (row: TokenRow): TokenRecord => ({
  id: row.id,
  team: row.team,
  role: row.role,
  name: row.name,
  createdAt: row.created_at,
  revokedAt: row.revoked_at,
});

const toPolicy = (row: PolicyRow | undefined): StoredPolicy =>
  row
    ? { version: row.version, policy: row.policy, updatedAt: row.updated_at }
    : { version: 0, policy: {}, updatedAt: null };

/** 32 random bytes: the HMAC key for record hashes (`recordHashSecret` in managed policy). */
const newHashSecret = () => randomBytes(32).toString('base64url');

async function readPolicyForUpdate(tx: SqlExecutor, team: string): Promise<StoredPolicy> {
  // The row must exist for FOR UPDATE to lock it; version 0 stands for "never set".
  await tx.query(
    `INSERT INTO team_policy (team, version, policy) VALUES ($1, 0, '{}') ON CONFLICT DO NOTHING`,
    [team],
  );
  const { rows } = await tx.query<PolicyRow>(
    'SELECT version, policy, updated_at FROM team_policy WHERE team = $1 FOR UPDATE',
    [team],
  );
  return toPolicy(rows[0]);
}

/** Upserts interactions, one row per key in `rows`; an effort answer is never lost to a summary. */
const joinIds = (ids: readonly string[]) => ids.map((id) => id.replaceAll(',', ' ')).join(',');

async function upsertInteractions(
  tx: SqlExecutor,
  team: string,
  rows: readonly InteractionRow[],
): Promise<void> {
  if (rows.length === 0) return;
  // Arrays of arrays would flatten in unnest: app and reason ids travel comma-joined, cheaper to
  // split than jsonb to parse (measured: a fifth more events/s on PGlite). Ids hold no commas;
  // a client that sends one anyway gets it stored as a space, never as two ids.
  await tx.query(
    `INSERT INTO interactions (team, interaction_key, agent_id, app, record_hash, ended_at,
       handle_ms, away_ms, switch_count, apps_used, effort_score, effort_scale, reasons,
       away_apps, csat)
     SELECT $1, r.key, r.agent_id, r.app, r.record_hash, to_timestamp(r.ended / 1000.0),
       r.handle_ms, r.away_ms, r.switch_count,
       string_to_array(r.apps_used, ','), r.effort_score, r.effort_scale,
       string_to_array(r.reasons, ','), string_to_array(r.away_apps, ','),
       CASE WHEN r.record_hash IS NOT NULL THEN (${BEST_CSAT.replace('$HASH', 'r.record_hash')}) END
     FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::float8[], $7::bigint[],
       $8::bigint[], $9::integer[], $10::text[], $11::smallint[], $12::text[], $13::text[],
       $14::text[])
       AS r (key, agent_id, app, record_hash, ended, handle_ms, away_ms, switch_count, apps_used,
         effort_score, effort_scale, reasons, away_apps)
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
    ],
  );
}

/** The CSAT of record `$HASH` in team `$1`: import and webhook before page, then the latest. */
const BEST_CSAT = `SELECT c.score FROM cx_scores c WHERE c.team = $1 AND c.record_hash = $HASH
  AND c.metric = 'csat' AND c.scale = '1-5' ORDER BY (c.source = 'page'), c.observed_at DESC LIMIT 1`;

/** Upserts CX scores; a page score never replaces a newer one. Returns rows new or changed. */
async function upsertScores(
  tx: SqlExecutor,
  team: string,
  scores: readonly CxScore[],
): Promise<number> {
  if (scores.length === 0) return 0;
  const { rows } = await tx.query<{ n: number }>(
    `WITH changed AS (
       INSERT INTO cx_scores (team, record_hash, metric, source, app, score, scale, observed_at)
       SELECT $1, r.record_hash, r.metric, r.source, r.app, r.score, r.scale, r.observed_at
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::integer[], $7::text[],
         $8::timestamptz[]) AS r (record_hash, metric, source, app, score, scale, observed_at)
       ON CONFLICT (team, record_hash, metric, source) DO UPDATE SET
         app = EXCLUDED.app, score = EXCLUDED.score, scale = EXCLUDED.scale,
         observed_at = EXCLUDED.observed_at
       WHERE (cx_scores.app, cx_scores.score, cx_scores.scale, cx_scores.observed_at)
           IS DISTINCT FROM (EXCLUDED.app, EXCLUDED.score, EXCLUDED.scale, EXCLUDED.observed_at)
         AND (EXCLUDED.source <> 'page' OR EXCLUDED.observed_at >= cx_scores.observed_at)
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
    ],
  );
  const changed = rows[0]?.n ?? 0;
  const hashes = [...new Set(scores.filter((s) => s.metric === 'csat').map((s) => s.recordHash))];
  if (changed > 0 && hashes.length > 0) {
    await tx.query(
      `UPDATE interactions i SET csat = (${BEST_CSAT.replace('$HASH', 'i.record_hash')})
       WHERE i.team = $1 AND i.record_hash = ANY($2::text[])`,
      [team, hashes],
    );
  }
  return changed;
}

// Lists travel joined by the unit separator (U+001F): splitting a string is about 40% faster
// than pg parsing a text[] per row (200,000 rows: 0.6 s against 1.0 s). App ids and reason ids
// are short slugs, never control characters.
const LIST_SEPARATOR = '\u001f';
const splitList = (joined: string) => (joined === '' ? [] : joined.split(LIST_SEPARATOR));

type ReportRowRow = {
  agent_id: string | null;
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

/** Events per projection transaction: big enough to amortise, small enough not to stall ingest. */
const PROJECTION_CHUNK_EVENTS = 5_000;

/** The events of the queue rows `$1`, with their team. */
const QUEUED_EVENTS = `SELECT q.team, e.id::text AS id, e.type, e.occurred_at, e.schema_version,
    e.payload
  FROM projection_queue q JOIN events e ON e.team = q.team AND e.id = ANY(q.event_ids)
  WHERE q.id = ANY($1::bigint[])`;

type QueuedEventRow = {
  team: string;
  id: string;
  type: string;
  occurred_at: Date | string;
  schema_version: number;
  payload: unknown;
};

function groupByTeam(rows: readonly QueuedEventRow[]) {
  const byTeam = new Map<string, AcceptedEvent[]>();
  for (const row of rows) {
    let events = byTeam.get(row.team);
    if (!events) byTeam.set(row.team, (events = []));
    events.push({
      id: row.id,
      type: row.type,
      occurredAt: new Date(row.occurred_at).getTime(),
      schemaVersion: row.schema_version,
      payload: row.payload,
    });
  }
  return byTeam;
}

/**
 * Projects the interaction events of the queue rows `$1` in SQL: reading a million JSON payloads
 * back into JavaScript took longer than projecting them (docs/benchmarks.md). The key, the
 * answered-outcome-wins rule and the time-away targets are those of `interactionKey`,
 * `upsertInteractions` and `awayTargets` (rank-apps.ts); server/test/projection.test.ts checks
 * that both writers agree. The events are found by `id = ANY(q.event_ids)`, a lookup of the
 * events' key per queue row: joined to `unnest(q.event_ids)` instead, PGlite (which never
 * analyses its tables) compared every queued id with every event of the team.
 */
const PROJECT_INTERACTIONS = `
  INSERT INTO interactions (team, interaction_key, agent_id, app, record_hash, ended_at,
    handle_ms, away_ms, switch_count, apps_used, effort_score, effort_scale, reasons, away_apps,
    csat)
  SELECT DISTINCT ON (p.team, p.key) p.team, p.key, p.agent_id, p.app, p.record_hash,
    to_timestamp((p.s->>'end')::float8 / 1000), (p.s->>'handleMs')::bigint,
    (p.s->>'awayMs')::bigint, (p.s->>'switchCount')::integer, p.apps_used,
    CASE WHEN p.answered THEN (p.payload->>'score')::smallint END,
    CASE WHEN p.answered THEN p.payload->>'scale' END,
    CASE WHEN p.answered THEN ARRAY(SELECT jsonb_array_elements_text(p.payload->'reasons'))
      ELSE '{}' END,
    coalesce(nullif(ARRAY(SELECT u.app FROM unnest(p.apps_used) WITH ORDINALITY AS u (app, at)
      WHERE u.app <> p.app GROUP BY u.app ORDER BY min(u.at)), '{}'), ARRAY[p.app]),
    CASE WHEN p.record_hash IS NOT NULL THEN (SELECT c.score FROM cx_scores c
      WHERE c.team = p.team AND c.record_hash = p.record_hash AND c.metric = 'csat'
        AND c.scale = '1-5' ORDER BY (c.source = 'page'), c.observed_at DESC LIMIT 1) END
  FROM (
    SELECT q.team, e.agent_id, e.payload, x.s, x.s->>'app' AS app, x.s->>'recordHash' AS record_hash,
      ARRAY(SELECT jsonb_array_elements_text(x.s->'appsUsed')) AS apps_used,
      e.type = 'prompt.outcome' AND e.payload->>'outcome' = 'answered'
        AND jsonb_typeof(e.payload->'score') = 'number' AS answered,
      coalesce(e.agent_id, '') || '|' || (x.s->>'app') || '|' || coalesce(x.s->>'recordHash', '')
        || '|' || (x.s->>'start') || '|' || (x.s->>'end') AS key
    FROM projection_queue q JOIN events e ON e.team = q.team AND e.id = ANY(q.event_ids)
    CROSS JOIN LATERAL (SELECT CASE WHEN e.type = 'prompt.outcome' THEN e.payload->'interaction'
      ELSE e.payload END) AS x (s)
    WHERE q.id = ANY($1::bigint[]) AND e.type IN ('interaction.summary', 'prompt.outcome')
  ) p
  ORDER BY p.team, p.key, p.answered DESC
  ON CONFLICT (team, interaction_key) DO UPDATE SET
    effort_score = EXCLUDED.effort_score,
    effort_scale = EXCLUDED.effort_scale,
    reasons = EXCLUDED.reasons
  WHERE EXCLUDED.effort_score IS NOT NULL`;

/** The collector's queries, written once for PGlite and PostgreSQL alike. */
export function createSqlDatabase(client: SqlClient): Database {
  return {
    engine: client.engine,

    async ensureTeam(team) {
      const inserted = await client.query<TeamRow>(
        `INSERT INTO teams (id, hash_secret) VALUES ($1, $2) ON CONFLICT DO NOTHING
         RETURNING id, hash_secret, created_at`,
        [team, newHashSecret()],
      );
      if (inserted.rows[0]) return { ...toTeam(inserted.rows[0]), created: true };
      const existing = await this.getTeam(team);
      if (!existing) throw new Error(`team ${team} vanished while it was being created`);
      return { ...existing, created: false };
    },

    async getTeam(team) {
      const { rows } = await client.query<TeamRow>(
        'SELECT id, hash_secret, created_at FROM teams WHERE id = $1',
        [team],
      );
      return rows[0] ? toTeam(rows[0]) : null;
    },

    async createToken({ team, role, name, tokenHash }) {
      const { rows } = await client.query<TokenRow>(
        `INSERT INTO tokens (id, team, role, name, token_hash) VALUES ($1, $2, $3, $4, $5)
         RETURNING id, team, role, name, created_at, revoked_at`,
        [randomUUID(), team, role, name, tokenHash],
      );
      return toToken(rows[0]!);
    },

    async listTokens(team) {
      const { rows } = await client.query<TokenRow>(
        `SELECT id, team, role, name, created_at, revoked_at FROM tokens WHERE team = $1
         ORDER BY created_at, id`,
        [team],
      );
      return rows.map(toToken);
    },

    async findTokenByHash(tokenHash) {
      const { rows } = await client.query<TokenRow>(
        'SELECT id, team, role, name, created_at, revoked_at FROM tokens WHERE token_hash = $1',
        [tokenHash],
      );
      return rows[0] ? toToken(rows[0]) : null;
    },

    async revokeToken(id, at) {
      const { rows } = await client.query(
        'UPDATE tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING id',
        [id, at.toISOString()],
      );
      return rows.length > 0;
    },

    async insertEvents(team, agentId, events, receivedAt) {
      if (events.length === 0) return new Set();
      // One statement, so one transaction: when it returns, the batch is committed, and a sender
      // that lost our answer and sends again gets "duplicate", never a second row. One array per
      // column instead of five parameters per row is about a fifth faster on PGlite for batches
      // of 500 (scripts/bench-sync.ts). The new events that describe interactions or CX are
      // queued for the projector in the same statement instead of being projected here: that
      // halves the work on the request path (docs/benchmarks.md, "Collector ingest").
      const { rows } = await client.query<{ id: string }>(
        `WITH stored AS (
           INSERT INTO events (team, id, agent_id, type, occurred_at, received_at, schema_version, payload)
           SELECT $1, row.id, $2, row.type, row.occurred_at, $3, row.schema_version, row.payload
           FROM unnest($4::uuid[], $5::text[], $6::timestamptz[], $7::integer[], $8::jsonb[])
             AS row (id, type, occurred_at, schema_version, payload)
           ON CONFLICT (team, id) DO NOTHING RETURNING id, type
         ), queued AS (
           INSERT INTO projection_queue (team, event_ids)
           SELECT $1, array_agg(id) FROM stored WHERE type = ANY($9::text[]) HAVING count(*) > 0
         )
         SELECT id::text AS id FROM stored`,
        [
          team,
          agentId,
          receivedAt.toISOString(),
          events.map((event) => event.id),
          events.map((event) => event.type),
          events.map((event) => new Date(event.occurredAt).toISOString()),
          events.map((event) => event.schemaVersion),
          events.map((event) => JSON.stringify(event.payload)),
          PROJECTED_EVENT_TYPES,
        ],
      );
      return new Set(rows.map((row) => row.id));
    },

    async projectPending(maxEvents = PROJECTION_CHUNK_EVENTS) {
      // FOR UPDATE, not SKIP LOCKED: a second projector (a report's catch-up, another collector
      // on the same PostgreSQL) waits for the first to commit instead of reading around it, so
      // a report never misses an event that was stored before it started.
      return client.transaction(async (tx) => {
        const { rows: queued } = await tx.query<{ id: string; size: number }>(
          `SELECT id::text AS id, cardinality(event_ids) AS size FROM projection_queue
           ORDER BY id LIMIT $1 FOR UPDATE`,
          [Math.max(1, Math.ceil(maxEvents / 100))],
        );
        const take: string[] = [];
        let size = 0;
        for (const row of queued) {
          if (take.length > 0 && size + row.size > maxEvents) break;
          take.push(row.id);
          size += row.size;
        }
        if (take.length === 0) return 0;
        // Page CSATs first, so that the interactions projected next join them. They are few (one
        // per record showing a rating) and go through the same upsert as imports.
        const { rows: observed } = await tx.query<QueuedEventRow>(
          `${QUEUED_EVENTS} AND e.type = 'cx.observed'`,
          [take],
        );
        for (const [team, events] of groupByTeam(observed)) {
          await upsertScores(tx, team, pageScoresOf(events));
        }
        await tx.query(PROJECT_INTERACTIONS, [take]);
        await tx.query('DELETE FROM projection_queue WHERE id = ANY($1::bigint[])', [take]);
        return size;
      });
    },

    async listEventIds(team) {
      const { rows } = await client.query<{ id: string }>(
        'SELECT id::text AS id FROM events WHERE team = $1 ORDER BY id',
        [team],
      );
      return rows.map((row) => row.id);
    },

    async listEventArrivals(team) {
      const { rows } = await client.query<{
        id: string;
        agent_id: string | null;
        occurred_at: Date | string;
        received_at: Date | string;
      }>(
        `SELECT id::text AS id, agent_id, occurred_at, received_at FROM events
         WHERE team = $1 ORDER BY received_at, occurred_at`,
        [team],
      );
      return rows.map((row) => ({
        id: row.id,
        agentId: row.agent_id,
        occurredAt: new Date(row.occurred_at).getTime(),
        receivedAt: new Date(row.received_at).getTime(),
      }));
    },

    async getPolicy(team) {
      const { rows } = await client.query<PolicyRow>(
        'SELECT version, policy, updated_at FROM team_policy WHERE team = $1',
        [team],
      );
      return toPolicy(rows[0]);
    },

    updatePolicy(team, update) {
      return client.transaction(async (tx) => {
        const current = await readPolicyForUpdate(tx, team);
        if (update.expectedVersion !== undefined && update.expectedVersion !== current.version) {
          return { status: 'conflict', policy: current };
        }
        const changes = diffPolicy(current.policy, update.policy);
        if (changes.length === 0) return { status: 'unchanged', policy: current, changes };
        const at = update.at.toISOString();
        const { rows } = await tx.query<PolicyRow>(
          `UPDATE team_policy SET version = version + 1, policy = $2::jsonb, updated_at = $3
           WHERE team = $1 RETURNING version, policy, updated_at`,
          [team, JSON.stringify(update.policy), at],
        );
        const params: unknown[] = [team, at, update.actor];
        const tuples = changes.map((change, index) => {
          const p = 4 + index * 3;
          params.push(
            change.setting,
            JSON.stringify(change.oldValue),
            JSON.stringify(change.newValue),
          );
          return `($1, $2::timestamptz, $3, $${p}, $${p + 1}::jsonb, $${p + 2}::jsonb)`;
        });
        await tx.query(
          `INSERT INTO policy_audit (team, at, actor, setting, old_value, new_value)
           VALUES ${tuples.join(', ')}`,
          params,
        );
        return { status: 'updated', policy: toPolicy(rows[0]), changes };
      });
    },

    async listAudit(team, limit) {
      const { rows } = await client.query<{
        at: Date;
        actor: string;
        setting: string;
        old_value: unknown;
        new_value: unknown;
      }>(
        `SELECT at, actor, setting, old_value, new_value FROM policy_audit WHERE team = $1
         ORDER BY at DESC, id DESC LIMIT $2`,
        [team, limit],
      );
      return rows.map((row): AuditRecord => ({
        at: row.at,
        actor: row.actor,
        setting: row.setting,
        oldValue: row.old_value,
        newValue: row.new_value,
      }));
    },

    async getWebhookSecret(team) {
      const { rows } = await client.query<{ webhook_secret: string }>(
        `UPDATE teams SET webhook_secret = coalesce(webhook_secret, $2) WHERE id = $1
         RETURNING webhook_secret`,
        [team, newHashSecret()],
      );
      return rows[0]?.webhook_secret ?? null;
    },

    async rotateWebhookSecret(team) {
      const { rows } = await client.query<{ webhook_secret: string }>(
        'UPDATE teams SET webhook_secret = $2 WHERE id = $1 RETURNING webhook_secret',
        [team, newHashSecret()],
      );
      if (!rows[0]) throw new Error(`no team ${team}`);
      return rows[0].webhook_secret;
    },

    upsertCxScores: (team, scores) => upsertScores(client, team, scores),

    insertInteractions: (team, rows) => upsertInteractions(client, team, rows),

    async loadReportColumns(team, fromMs, toMs) {
      await this.projectAll();
      return loadReportColumns(client, team, fromMs, toMs);
    },

    async loadReportRows(team, fromMs, toMs) {
      await this.projectAll();
      // i.csat is the record's CSAT, kept in step by upsertInteractions and upsertScores.
      const { rows } = await client.query<ReportRowRow>(
        `SELECT i.agent_id, i.app, i.record_hash,
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

    async projectAll() {
      let projected = 0;
      for (
        let chunk = await this.projectPending();
        chunk > 0;
        chunk = await this.projectPending()
      ) {
        projected += chunk;
      }
      return projected;
    },

    async ping() {
      await client.query('SELECT 1');
    },

    close: () => client.close(),
  };
}
