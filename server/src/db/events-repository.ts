import type { AcceptedEvent } from './database';
import { bestCsat, lockCxTeams, upsertScores } from './cx-repository';
import { pageScoresOf, PROJECTED_EVENT_TYPES, type ObservedEvent } from './interaction-rows';
import type { SqlClient, SqlExecutor } from './sql-client';

// Stored events and their projection into interactions and CX scores: the `events` and
// `projection_queue` tables.

/** Exactly-once event storage and the queue that turns events into interactions. */
export type EventsRepository = {
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
    /** The enrolment that sent them (`installs.id`); null for data written by tools. */
    install?: string | null,
  ): Promise<Set<string>>;
  /**
   * Projects up to about `maxEvents` queued events (oldest first; only those `scope` names, when
   * given) into interactions and CX scores, in one transaction; returns how many events it
   * projected (0: nothing was queued).
   */
  projectPending(maxEvents?: number, scope?: QueueScope): Promise<number>;
  /** The team's part of the queue as it stands now (null: none of its events wait). */
  queuedFor(team: string): Promise<QueueScope | null>;
  /** Events whose projection failed, oldest first (all teams unless one is named). */
  listQuarantine(team?: string): Promise<QuarantinedEvent[]>;
  /** Queues the selected quarantined events for projection again; returns how many. */
  retryQuarantined(which?: QuarantineSelection): Promise<number>;
  /** Deletes the selected quarantine entries for good (the events stay stored). */
  dropQuarantined(which?: QuarantineSelection): Promise<number>;
  /** How far projection is behind, for /metrics: a few index reads, no payloads. */
  projectionBacklog(): Promise<ProjectionBacklog>;
};

export type ProjectionBacklog = {
  /** Events stored but not yet projected, all teams. */
  queuedEvents: number;
  /** When the oldest of them was received; null when none wait. */
  oldestQueuedAt: Date | null;
  /** Events set aside in the quarantine, all teams. */
  quarantined: number;
};

/**
 * A team's queue rows up to `upToId`: what a report of that team catches up on. Every event the
 * team stored before the report started is in them; rows queued later, and other teams' rows,
 * are not (a team whose browsers kept sending held every other team's report until the whole
 * queue was empty).
 */
export type QueueScope = { team: string; upToId: string };

/** `QueueScope` in SQL over the queue's rows, with its parameters in `$2` and `$3`. */
const IN_SCOPE = '($2::text IS NULL OR team = $2) AND ($3::bigint IS NULL OR id <= $3::bigint)';
const scopeParams = (scope: QueueScope | undefined) => [scope?.team ?? null, scope?.upToId ?? null];

/**
 * Which quarantined events a retry or drop acts on: every team's unless a team is named, all of
 * them unless ids are (an event id is unique within its team only).
 */
export type QuarantineSelection = { team?: string; eventIds?: readonly string[] };

export type QuarantinedEvent = {
  team: string;
  eventId: string;
  error: string;
  quarantinedAt: Date;
};

const MAX_QUARANTINE_ERROR = 1_000;

/** Events per projection transaction: big enough to amortise, small enough not to stall ingest. */
const PROJECTION_CHUNK_EVENTS = 5_000;

/**
 * The events of the queue rows `$1`, with their team and the person who sent them: the agent, or
 * for an anonymous install its browser install, as `PROJECT_INTERACTIONS` keys interactions.
 */
const QUEUED_EVENTS = `SELECT q.team, e.id::text AS id, e.type, e.occurred_at, e.schema_version,
    e.payload, coalesce(e.agent_id, (SELECT i.install_id::text FROM installs i
      WHERE i.id = e.install), e.install, '') AS observer
  FROM projection_queue q JOIN events e ON e.team = q.team AND e.id = ANY(q.event_ids)
  WHERE q.id = ANY($1::bigint[]) AND ($2::uuid[] IS NULL OR e.id = ANY($2::uuid[]))`;

type QueuedEventRow = {
  team: string;
  id: string;
  type: string;
  occurred_at: Date | string;
  schema_version: number;
  payload: unknown;
  observer: string;
};

function groupByTeam(rows: readonly QueuedEventRow[]) {
  const byTeam = new Map<string, ObservedEvent[]>();
  for (const row of rows) {
    let events = byTeam.get(row.team);
    if (!events) byTeam.set(row.team, (events = []));
    events.push({
      id: row.id,
      type: row.type,
      occurredAt: new Date(row.occurred_at).getTime(),
      schemaVersion: row.schema_version,
      payload: row.payload,
      observer: row.observer,
    });
  }
  return byTeam;
}

/**
 * Projects the interaction events of the queue rows `$1` in SQL: reading a million JSON payloads
 * back into JavaScript took longer than projecting them (docs/benchmarks.md). The key, the
 * answered-outcome-wins rule and the time-away targets are those of `interactionKey`,
 * `insertInteractions` (demo/interaction-writer.ts) and `awayTargets` (rank-apps.ts); server/test/projection.test.ts checks
 * that both writers agree. Without an agent (anonymous mode) the person is the browser install
 * (`installs.install_id`), not its enrolment: an install that enrols again is the same person,
 * and the summary it sent before and the prompt outcome it sends after are one interaction. The events are found by `id = ANY(q.event_ids)`, a lookup of the
 * events' key per queue row: joined to `unnest(q.event_ids)` instead, PGlite (which never
 * analyses its tables) compared every queued id with every event of the team.
 */
const PROJECT_INTERACTIONS = `
  INSERT INTO interactions (team, interaction_key, agent_id, app, record_hash, ended_at,
    handle_ms, away_ms, switch_count, apps_used, effort_score, effort_scale, reasons, away_apps,
    csat, install)
  SELECT DISTINCT ON (p.team, p.key) p.team, p.key, p.agent_id, p.app, p.record_hash,
    to_timestamp((p.s->>'end')::float8 / 1000), (p.s->>'handleMs')::bigint,
    (p.s->>'awayMs')::bigint, (p.s->>'switchCount')::integer, p.apps_used,
    CASE WHEN p.answered THEN (p.payload->>'score')::smallint END,
    CASE WHEN p.answered THEN p.payload->>'scale' END,
    CASE WHEN p.answered THEN ARRAY(SELECT jsonb_array_elements_text(p.payload->'reasons'))
      ELSE '{}' END,
    coalesce(nullif(ARRAY(SELECT u.app FROM unnest(p.apps_used) WITH ORDINALITY AS u (app, at)
      WHERE u.app <> p.app GROUP BY u.app ORDER BY min(u.at)), '{}'), ARRAY[p.app]),
    CASE WHEN p.record_hash IS NOT NULL THEN (${bestCsat('p.team', 'p.record_hash', 'p.person')}) END,
    p.install
  FROM (
    SELECT q.team, e.agent_id, s.install, coalesce(e.agent_id, s.install, '') AS person, e.payload, x.s, x.s->>'app' AS app, x.s->>'recordHash' AS record_hash,
      ARRAY(SELECT jsonb_array_elements_text(x.s->'appsUsed')) AS apps_used,
      e.type = 'prompt.outcome' AND e.payload->>'outcome' = 'answered'
        AND jsonb_typeof(e.payload->'score') = 'number' AS answered,
      coalesce(e.agent_id, s.install, '') || '|' || (x.s->>'app') || '|' || coalesce(x.s->>'recordHash', '')
        || '|' || (x.s->>'start') || '|' || (x.s->>'end') AS key
    FROM projection_queue q JOIN events e ON e.team = q.team AND e.id = ANY(q.event_ids)
    CROSS JOIN LATERAL (SELECT CASE WHEN e.type = 'prompt.outcome' THEN e.payload->'interaction'
      ELSE e.payload END) AS x (s)
    CROSS JOIN LATERAL (SELECT CASE WHEN e.agent_id IS NULL THEN coalesce((SELECT i.install_id::text
      FROM installs i WHERE i.id = e.install), e.install) ELSE e.install END) AS s (install)
    WHERE q.id = ANY($1::bigint[]) AND e.type IN ('interaction.summary', 'prompt.outcome')
      AND ($2::uuid[] IS NULL OR e.id = ANY($2::uuid[]))
  ) p
  ORDER BY p.team, p.key, p.answered DESC
  ON CONFLICT (team, interaction_key) DO UPDATE SET
    effort_score = EXCLUDED.effort_score,
    effort_scale = EXCLUDED.effort_scale,
    reasons = EXCLUDED.reasons
  WHERE EXCLUDED.effort_score IS NOT NULL`;

/** `QuarantineSelection` in SQL, over `quarantineParams`. */
const QUARANTINE_SELECTED = `($1::text IS NULL OR team = $1)
  AND ($2::uuid[] IS NULL OR event_id = ANY($2::uuid[]))`;

const quarantineParams = ({ team, eventIds }: QuarantineSelection) => [
  team ?? null,
  eventIds ?? null,
];

/** Projects until the queue (its part in `scope`) is empty; returns how many events that took. */
export async function projectAll(
  events: Pick<EventsRepository, 'projectPending'>,
  scope?: QueueScope,
): Promise<number> {
  const next = () => events.projectPending(undefined, scope);
  let projected = 0;
  for (let chunk = await next(); chunk > 0; chunk = await next()) {
    projected += chunk;
  }
  return projected;
}

/** Queue rows read for a chunk: a row holds one ingest request's events, often about 100. */
const chunkRows = (maxEvents: number) => Math.max(1, Math.ceil(maxEvents / 100));

/** The chunk of queue rows up to about `maxEvents` events, projected in one transaction. */
async function projectChunk(
  client: SqlClient,
  maxEvents: number,
  scope: QueueScope | undefined,
): Promise<number> {
  // FOR UPDATE, not SKIP LOCKED: a second projector (a report's catch-up, another collector on
  // the same PostgreSQL) waits for the first to commit instead of reading around it, so a report
  // never misses an event that was stored before it started.
  return client.transaction(async (tx) => {
    const { rows: queued } = await tx.query<{ id: string; size: number }>(
      `SELECT id::text AS id, cardinality(event_ids) AS size FROM projection_queue
       WHERE ${IN_SCOPE} ORDER BY id LIMIT $1 FOR UPDATE`,
      [chunkRows(maxEvents), ...scopeParams(scope)],
    );
    const take: string[] = [];
    let size = 0;
    for (const row of queued) {
      if (take.length > 0 && size + row.size > maxEvents) break;
      take.push(row.id);
      size += row.size;
    }
    if (take.length === 0) return 0;
    await projectQueued(tx, take, null);
    await tx.query('DELETE FROM projection_queue WHERE id = ANY($1::bigint[])', [take]);
    return size;
  });
}

/** Projects the queue rows `take` (only the events `only`, when given). */
async function projectQueued(tx: SqlExecutor, take: string[], only: string[] | null) {
  // Before any statement that reads or writes cx_scores or interactions: see lockCxTeams.
  const { rows: teams } = await tx.query<{ team: string }>(
    'SELECT DISTINCT team FROM projection_queue WHERE id = ANY($1::bigint[])',
    [take],
  );
  await lockCxTeams(
    tx,
    teams.map((row) => row.team),
  );
  // Page CSATs first, so that the interactions projected next join them. They are few (one per
  // record showing a rating) and go through the same upsert as imports, each with the person who
  // saw it: it counts for that person's interactions only.
  const { rows: observed } = await tx.query<QueuedEventRow>(
    `${QUEUED_EVENTS} AND e.type = 'cx.observed'`,
    [take, only],
  );
  for (const [team, events] of groupByTeam(observed)) {
    await upsertScores(tx, team, pageScoresOf(events));
  }
  await tx.query(PROJECT_INTERACTIONS, [take, only]);
}

/** The oldest queue row, event by event: each event that fails is quarantined with its error. */
async function projectOneByOne(client: SqlClient, scope: QueueScope | undefined): Promise<number> {
  return client.transaction(async (tx) => {
    const { rows } = await tx.query<{ id: string; team: string; event_ids: string[] }>(
      `SELECT id::text AS id, team, event_ids::text[] AS event_ids FROM projection_queue
       WHERE ${IN_SCOPE} ORDER BY id LIMIT $1 FOR UPDATE`,
      [1, ...scopeParams(scope)],
    );
    const row = rows[0];
    if (!row) return 0;
    for (const eventId of row.event_ids) {
      await tx.query('SAVEPOINT one_event');
      try {
        await projectQueued(tx, [row.id], [eventId]);
        await tx.query('RELEASE SAVEPOINT one_event');
      } catch (error) {
        await tx.query('ROLLBACK TO SAVEPOINT one_event');
        const message = error instanceof Error ? error.message : String(error);
        await tx.query(
          `INSERT INTO projection_quarantine (team, event_id, error) VALUES ($1, $2, $3)
           ON CONFLICT (team, event_id) DO UPDATE SET error = EXCLUDED.error,
             quarantined_at = now()`,
          [row.team, eventId, message.slice(0, MAX_QUARANTINE_ERROR)],
        );
      }
    }
    await tx.query('DELETE FROM projection_queue WHERE id = $1::bigint', [row.id]);
    return Math.max(1, row.event_ids.length);
  });
}

export function createEventsRepository(client: SqlClient): EventsRepository {
  /** Calls left that take one queue row each, after a chunk failed. */
  let singleRowsLeft = 0;
  /**
   * The oldest queue row in its own transaction; when that fails, event by event, quarantining
   * what still fails. A failure of the database itself fails this too: the events stay queued.
   */
  const projectOldestRow = async (scope: QueueScope | undefined) => {
    try {
      return await projectChunk(client, 1, scope);
    } catch {
      return projectOneByOne(client, scope);
    }
  };
  return {
    async insertEvents(team, agentId, events, receivedAt, install = null) {
      if (events.length === 0) return new Set();
      // One statement, so one transaction: when it returns, the batch is committed, and a sender
      // that lost our answer and sends again gets "duplicate", never a second row. One array per
      // column instead of five parameters per row is about a fifth faster on PGlite for batches
      // of 500 (scripts/bench-sync.ts). The new events that describe interactions or CX are
      // queued for the projector in the same statement instead of being projected here: that
      // halves the work on the request path (docs/benchmarks.md, "Collector ingest").
      const { rows } = await client.query<{ id: string }>(
        `WITH stored AS (
           INSERT INTO events (team, id, agent_id, type, occurred_at, received_at, schema_version, payload, install)
           SELECT $1, row.id, $2, row.type, row.occurred_at, $3, row.schema_version, row.payload, $10
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
          install,
        ],
      );
      return new Set(rows.map((row) => row.id));
    },

    async projectPending(maxEvents = PROJECTION_CHUNK_EVENTS, scope) {
      if (singleRowsLeft > 0) {
        singleRowsLeft -= 1;
        return projectOldestRow(scope);
      }
      try {
        return await projectChunk(client, maxEvents, scope);
      } catch {
        // One event that cannot be projected must not hold back its chunk, every other team's
        // events and every report (issue #13). The rows of the failed chunk go one at a time
        // (a chunk that failed once would fail again for each poisoned row in it: measured, a
        // fuzz run's many poisoned rows took minutes), each failing row event by event.
        singleRowsLeft = chunkRows(maxEvents) - 1;
        return projectOldestRow(scope);
      }
    },

    async queuedFor(team) {
      const { rows } = await client.query<{ up_to: string | null }>(
        'SELECT max(id)::text AS up_to FROM projection_queue WHERE team = $1',
        [team],
      );
      const upToId = rows[0]?.up_to;
      return upToId ? { team, upToId } : null;
    },

    async listQuarantine(team) {
      const { rows } = await client.query<{
        team: string;
        event_id: string;
        error: string;
        quarantined_at: Date | string;
      }>(
        `SELECT team, event_id::text AS event_id, error, quarantined_at FROM projection_quarantine
         WHERE $1::text IS NULL OR team = $1 ORDER BY quarantined_at, event_id`,
        [team ?? null],
      );
      return rows.map((row) => ({
        team: row.team,
        eventId: row.event_id,
        error: row.error,
        quarantinedAt: new Date(row.quarantined_at),
      }));
    },

    async retryQuarantined(which = {}) {
      return client.transaction(async (tx) => {
        const { rows } = await tx.query<{ team: string; count: number }>(
          `WITH taken AS (
             DELETE FROM projection_quarantine WHERE ${QUARANTINE_SELECTED}
             RETURNING team, event_id
           ), queued AS (
             INSERT INTO projection_queue (team, event_ids)
             SELECT team, array_agg(event_id) FROM taken GROUP BY team
           )
           SELECT team, count(*)::integer AS count FROM taken GROUP BY team`,
          quarantineParams(which),
        );
        return rows.reduce((sum, row) => sum + row.count, 0);
      });
    },

    async projectionBacklog() {
      // The oldest queue row holds the oldest waiting events (ids grow with time), so its
      // events' receipt time is the lag; the sums read the small queue and quarantine tables.
      const { rows } = await client.query<{
        queued: number;
        oldest: Date | string | null;
        quarantined: number;
      }>(
        `SELECT
           (SELECT coalesce(sum(cardinality(event_ids)), 0)::integer FROM projection_queue) AS queued,
           (SELECT min(e.received_at) FROM events e JOIN projection_queue q
              ON e.team = q.team AND e.id = ANY(q.event_ids)
            WHERE q.id = (SELECT min(id) FROM projection_queue)) AS oldest,
           (SELECT count(*)::integer FROM projection_quarantine) AS quarantined`,
      );
      const row = rows[0]!;
      return {
        queuedEvents: row.queued,
        oldestQueuedAt: row.oldest === null ? null : new Date(row.oldest),
        quarantined: row.quarantined,
      };
    },

    async dropQuarantined(which = {}) {
      const { rows } = await client.query<{ event_id: string }>(
        `DELETE FROM projection_quarantine WHERE ${QUARANTINE_SELECTED} RETURNING event_id::text`,
        quarantineParams(which),
      );
      return rows.length;
    },
  };
}
