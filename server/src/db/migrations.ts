import type { SqlClient, SqlExecutor } from './sql-client';

/**
 * Schema history, applied in order at start by both engines. A released migration is never
 * edited: add the next version instead (the same rule as the extension's Dexie schema).
 */
export const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'teams, tokens, events, team policy and its audit',
    sql: `
      CREATE TABLE teams (
        id text PRIMARY KEY,
        -- HMAC secret for record hashes; kept here so CX imports can be joined later (issue #5).
        hash_secret text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE tokens (
        id text PRIMARY KEY,
        team text NOT NULL REFERENCES teams (id),
        role text NOT NULL CHECK (role IN ('agent', 'supervisor', 'admin')),
        name text NOT NULL,
        token_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      );
      CREATE INDEX tokens_team ON tokens (team);
      CREATE TABLE events (
        team text NOT NULL REFERENCES teams (id),
        id uuid NOT NULL,
        agent_id text,
        type text NOT NULL,
        occurred_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL,
        schema_version integer NOT NULL,
        payload jsonb NOT NULL,
        PRIMARY KEY (team, id)
      );
      CREATE INDEX events_team_type_occurred ON events (team, type, occurred_at);
      CREATE TABLE team_policy (
        team text PRIMARY KEY REFERENCES teams (id),
        version integer NOT NULL,
        policy jsonb NOT NULL,
        updated_at timestamptz
      );
      CREATE TABLE policy_audit (
        id bigserial PRIMARY KEY,
        team text NOT NULL REFERENCES teams (id),
        at timestamptz NOT NULL,
        actor text NOT NULL,
        setting text NOT NULL,
        old_value jsonb,
        new_value jsonb
      );
      CREATE INDEX policy_audit_team_at ON policy_audit (team, at DESC, id DESC);
    `,
  },
  {
    version: 2,
    name: 'interactions, CX scores and the webhook secret (issue #7)',
    sql: `
      -- Shared secret a CRM webhook presents (X-Touchpoint-Webhook-Secret); set on first use.
      ALTER TABLE teams ADD COLUMN webhook_secret text;
      -- One row per interaction, written in the same transaction as the events that describe it
      -- (interaction.summary, and prompt.outcome which repeats the summary and adds the effort
      -- answer), so reports read one narrow table instead of parsing JSON events.
      CREATE TABLE interactions (
        team text NOT NULL REFERENCES teams (id),
        -- agent | app | record hash | start | end: the same interaction from either event.
        interaction_key text NOT NULL,
        agent_id text,
        app text NOT NULL,
        record_hash text,
        ended_at timestamptz NOT NULL,
        handle_ms bigint NOT NULL,
        away_ms bigint NOT NULL,
        switch_count integer NOT NULL,
        apps_used text[] NOT NULL,
        effort_score smallint,
        effort_scale text,
        reasons text[] NOT NULL DEFAULT '{}',
        PRIMARY KEY (team, interaction_key)
      );
      CREATE INDEX interactions_team_ended ON interactions (team, ended_at);
      -- CX scores joined to interactions by the keyed record hash; raw record ids never stored.
      -- One score per (record, metric, source): a re-import replaces it only when it differs.
      CREATE TABLE cx_scores (
        team text NOT NULL REFERENCES teams (id),
        record_hash text NOT NULL,
        metric text NOT NULL CHECK (metric IN ('csat', 'nps', 'ces')),
        source text NOT NULL CHECK (source IN ('import', 'webhook', 'page')),
        app text NOT NULL,
        score integer NOT NULL,
        scale text NOT NULL,
        observed_at timestamptz NOT NULL,
        PRIMARY KEY (team, record_hash, metric, source)
      );
      INSERT INTO interactions (team, interaction_key, agent_id, app, record_hash, ended_at,
        handle_ms, away_ms, switch_count, apps_used, effort_score, effort_scale, reasons)
      SELECT DISTINCT ON (e.team, k.interaction_key) e.team, k.interaction_key, e.agent_id,
        s->>'app', s->>'recordHash', to_timestamp((s->>'end')::float8 / 1000),
        (s->>'handleMs')::bigint, (s->>'awayMs')::bigint, (s->>'switchCount')::integer,
        ARRAY(SELECT jsonb_array_elements_text(s->'appsUsed')),
        CASE WHEN e.type = 'prompt.outcome' AND e.payload->>'outcome' = 'answered'
          THEN (e.payload->>'score')::smallint END,
        CASE WHEN e.type = 'prompt.outcome' AND e.payload->>'outcome' = 'answered'
          THEN e.payload->>'scale' END,
        CASE WHEN e.type = 'prompt.outcome' AND e.payload->>'outcome' = 'answered'
          THEN ARRAY(SELECT jsonb_array_elements_text(e.payload->'reasons')) ELSE '{}' END
      FROM events e
      CROSS JOIN LATERAL (SELECT CASE WHEN e.type = 'prompt.outcome'
        THEN e.payload->'interaction' ELSE e.payload END AS s) p (s)
      CROSS JOIN LATERAL (SELECT coalesce(e.agent_id, '') || '|' || (s->>'app') || '|' ||
        coalesce(s->>'recordHash', '') || '|' || (s->>'start') || '|' || (s->>'end')) k (interaction_key)
      WHERE e.type IN ('interaction.summary', 'prompt.outcome')
      ORDER BY e.team, k.interaction_key,
        (e.type = 'prompt.outcome' AND e.payload->>'outcome' = 'answered') DESC;
      INSERT INTO cx_scores (team, record_hash, metric, source, app, score, scale, observed_at)
      SELECT DISTINCT ON (team, payload->>'recordHash') team, payload->>'recordHash', 'csat',
        'page', payload->>'app', (payload->>'csat')::integer, '1-5', occurred_at
      FROM events WHERE type = 'cx.observed'
      ORDER BY team, payload->>'recordHash', occurred_at DESC;
    `,
  },
  {
    version: 3,
    name: 'interactions carry their CSAT and the apps their time away goes to (issue #7)',
    sql: `
      -- The record's CSAT (import and webhook before page, then the latest, 1-5 only), kept in
      -- step by every write to either table, so a report reads one table without a join.
      ALTER TABLE interactions ADD COLUMN csat smallint;
      -- The apps the time away is attributed to (server/src/reports/rank-apps.ts, awayTargets).
      ALTER TABLE interactions ADD COLUMN away_apps text[];
      UPDATE interactions i SET
        away_apps = coalesce(
          nullif(ARRAY(SELECT DISTINCT a FROM unnest(i.apps_used) a WHERE a <> i.app), '{}'),
          ARRAY[i.app]),
        csat = (SELECT c.score FROM cx_scores c WHERE c.team = i.team
          AND c.record_hash = i.record_hash AND c.metric = 'csat' AND c.scale = '1-5'
          ORDER BY (c.source = 'page'), c.observed_at DESC LIMIT 1);
      ALTER TABLE interactions ALTER COLUMN away_apps SET NOT NULL;
      CREATE INDEX interactions_team_record ON interactions (team, record_hash);
    `,
  },
  {
    version: 4,
    name: 'no events index by type and time: reports read interactions (issue #5 ingest budget)',
    sql: `
      -- Reports read the interactions table since migration 2; nothing looks events up by type
      -- and time any more, and each index is one more write per ingested event.
      DROP INDEX IF EXISTS events_team_type_occurred;
    `,
  },
  {
    version: 5,
    name: 'interactions are projected from the events after ingest commits (issue #5 ingest budget)',
    sql: `
      -- One row per ingest request whose new events describe interactions or CX: written in the
      -- same statement as the events, so a crash can never leave stored events unprojected.
      -- The projector (sql-database.ts, projectPending) turns them into interactions and
      -- cx_scores rows and deletes them in one transaction.
      CREATE TABLE projection_queue (
        id bigserial PRIMARY KEY,
        team text NOT NULL REFERENCES teams (id),
        event_ids uuid[] NOT NULL
      );
    `,
  },
  {
    version: 6,
    name: 'events whose projection fails wait in a quarantine (issue #13)',
    sql: `
      -- An event the projector cannot turn into an interaction (data an older version let in, a
      -- bug) is set aside here with its error, so the rest of its chunk and every other team go
      -- on; "collector quarantine list|retry|drop" repairs it.
      CREATE TABLE projection_quarantine (
        team text NOT NULL REFERENCES teams (id),
        event_id uuid NOT NULL,
        error text NOT NULL,
        quarantined_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (team, event_id)
      );
    `,
  },
  {
    version: 7,
    name: 'every event is bound to the install that sent it (issue #13)',
    sql: `
      -- One row per enrolment of a browser install: its own credential (only the hash), bound to
      -- the agent it may send events for. Rows are never deleted: the table is the audit of who
      -- enrolled with which enrolment token and who revoked what.
      CREATE TABLE installs (
        id text PRIMARY KEY,
        team text NOT NULL REFERENCES teams (id),
        install_id uuid NOT NULL,
        identity_mode text NOT NULL CHECK (identity_mode IN ('identified', 'pseudonymous', 'anonymous')),
        agent_id text,
        credential_hash text NOT NULL UNIQUE,
        enrolled_with text NOT NULL,
        enrolled_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        revoked_by text
      );
      CREATE INDEX installs_team_install ON installs (team, install_id);
      -- Which enrolment sent the event (null for events stored before enrolment existed); in
      -- anonymous mode it is the only thing that tells two people's events apart.
      ALTER TABLE events ADD COLUMN install text;
    `,
  },
  {
    version: 8,
    name: 'reports count anonymous agents by install (issue #14)',
    sql: `
      -- The enrolment that sent the interaction: in anonymous mode the only way a report can
      -- count distinct people (never shown). Null for interactions from before enrolment.
      ALTER TABLE interactions ADD COLUMN install text;
    `,
  },
  {
    version: 9,
    name: 'team adapter definitions, versioned, and adapter health reads (issue #16)',
    sql: `
      -- Every published version is kept: rollback publishes the previous one's content again,
      -- and the audit can show what each version held.
      CREATE TABLE adapter_definitions (
        team text NOT NULL REFERENCES teams (id),
        version integer NOT NULL,
        definitions jsonb NOT NULL,
        published_at timestamptz NOT NULL,
        published_by text NOT NULL,
        PRIMARY KEY (team, version)
      );
      -- Adapter health reads hourly counts by the hour they describe, not when they arrived.
      CREATE INDEX events_adapter_health ON events (team, ((payload->>'hourStart')::bigint))
        WHERE type = 'adapter.health';
    `,
  },
  {
    version: 10,
    name: 'anonymous interactions are keyed by their browser install, not its enrolment',
    sql: `
      -- An anonymous install that enrolled again was counted as a second person, and its summary
      -- and prompt outcome of one interaction, sent either side of the enrolment, as two
      -- interactions. The projector now keys them by installs.install_id; the rows it wrote
      -- before are moved to that key, and of an interaction split in two the answered row stays.
      CREATE TEMPORARY TABLE rekeyed ON COMMIT DROP AS
        SELECT x.team, x.interaction_key AS old_key,
          i.install_id::text || substr(x.interaction_key, length(x.install) + 1) AS new_key,
          row_number() OVER (PARTITION BY x.team,
              i.install_id::text || substr(x.interaction_key, length(x.install) + 1)
            ORDER BY x.effort_score IS NOT NULL DESC, x.interaction_key) AS rank
        FROM interactions x JOIN installs i ON i.id = x.install
        WHERE x.agent_id IS NULL AND x.team = i.team;
      DELETE FROM interactions x USING rekeyed r
        WHERE x.team = r.team AND x.interaction_key = r.old_key AND r.rank > 1;
      UPDATE interactions x SET interaction_key = r.new_key, install = split_part(r.new_key, '|', 1)
        FROM rekeyed r WHERE x.team = r.team AND x.interaction_key = r.old_key;
    `,
  },
  {
    version: 11,
    name: "a page CSAT counts only for the agent who saw it, never for a colleague's interactions",
    sql: `
      -- A page score (cx.observed) was one per record, the latest of anyone's, and set the CSAT of
      -- every interaction of the record: any install (all hold the record-hash secret) could rate
      -- a colleague's tickets. Each is now kept per observer (the agent, or an anonymous
      -- install's browser install, as the first part of the interaction key) and counts only for
      -- that person's interactions. '' is no observer: imports, webhooks, and a page score whose
      -- event is not found below, which keeps counting for every interaction as before.
      ALTER TABLE cx_scores ADD COLUMN observer text NOT NULL DEFAULT '';
      ALTER TABLE cx_scores DROP CONSTRAINT cx_scores_pkey;
      ALTER TABLE cx_scores ADD PRIMARY KEY (team, record_hash, metric, source, observer);
      -- Page scores again from their events, the latest per record and observer (events the
      -- projector has not read yet or could not read are left to it: their upsert changes
      -- nothing or follows the same rule).
      INSERT INTO cx_scores (team, record_hash, metric, source, app, score, scale, observed_at,
        observer)
      SELECT DISTINCT ON (e.team, e.payload->>'recordHash', o.observer) e.team,
        e.payload->>'recordHash', 'csat', 'page', e.payload->>'app',
        (e.payload->>'csat')::integer, '1-5', e.occurred_at, o.observer
      FROM events e
      CROSS JOIN LATERAL (SELECT coalesce(e.agent_id, (SELECT i.install_id::text FROM installs i
        WHERE i.id = e.install), e.install, '') AS observer) o
      WHERE e.type = 'cx.observed' AND o.observer <> ''
        AND e.payload->>'csat' IN ('1', '2', '3', '4', '5')
        AND jsonb_typeof(e.payload->'recordHash') = 'string'
        AND jsonb_typeof(e.payload->'app') = 'string'
      ORDER BY e.team, e.payload->>'recordHash', o.observer, e.occurred_at DESC;
      DELETE FROM cx_scores c WHERE c.source = 'page' AND c.observer = '' AND EXISTS (
        SELECT 1 FROM cx_scores o WHERE o.team = c.team AND o.record_hash = c.record_hash
          AND o.metric = c.metric AND o.source = 'page' AND o.observer <> '');
      UPDATE interactions i SET csat = b.score FROM (
        SELECT x.team, x.interaction_key, (SELECT c.score FROM cx_scores c WHERE c.team = x.team
          AND c.record_hash = x.record_hash AND c.metric = 'csat' AND c.scale = '1-5'
          AND c.observer IN ('', coalesce(x.agent_id, x.install, ''))
          ORDER BY (c.source = 'page'), (c.observer = ''), c.observed_at DESC LIMIT 1) AS score
        FROM interactions x WHERE EXISTS (SELECT 1 FROM cx_scores p WHERE p.team = x.team
          AND p.record_hash = x.record_hash AND p.source = 'page')
      ) b
      WHERE i.team = b.team AND i.interaction_key = b.interaction_key
        AND i.csat IS DISTINCT FROM b.score;
    `,
  },
];

/** The schema version this collector's code expects. */
export const LATEST_MIGRATION = Math.max(...MIGRATIONS.map((migration) => migration.version));

// Any fixed number will do: it keeps two collectors starting on one PostgreSQL from racing.
const MIGRATION_LOCK = 5_400_005;

/**
 * Applies the migrations the database lacks, up to `upTo` (default: all), in one transaction;
 * returns their versions.
 */
export async function applyMigrations(
  client: SqlClient,
  upTo = LATEST_MIGRATION,
): Promise<number[]> {
  return client.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await tx.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((row) => row.version));
    const added: number[] = [];
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version) || migration.version > upTo) continue;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      added.push(migration.version);
    }
    return added;
  });
}

/** The versions of `MIGRATIONS` the database lacks (all of them before the first migrate). */
export async function pendingMigrations(client: SqlExecutor): Promise<number[]> {
  const { rows: table } = await client.query<{ exists: boolean }>(
    `SELECT to_regclass('schema_migrations') IS NOT NULL AS exists`,
  );
  if (!table[0]?.exists) return MIGRATIONS.map((migration) => migration.version);
  const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
  const applied = new Set(rows.map((row) => row.version));
  return MIGRATIONS.map((migration) => migration.version).filter(
    (version) => !applied.has(version),
  );
}
