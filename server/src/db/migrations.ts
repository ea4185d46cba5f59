import type { SqlClient } from './sql-client';

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
];

// Any fixed number will do: it keeps two collectors starting on one PostgreSQL from racing.
const MIGRATION_LOCK = 5_400_005;

/** Applies the migrations the database lacks, all in one transaction; returns their versions. */
export async function applyMigrations(client: SqlClient): Promise<number[]> {
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
      if (applied.has(migration.version)) continue;
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
