import pg from 'pg';
import { copyOut } from './postgres-copy-out';
import type { SqlClient, SqlExecutor } from './sql-client';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export type PostgresOptions = {
  url: string;
  /** Tables live in this schema (created when missing); tests use one fresh schema per suite. */
  schema?: string;
  onError?: (error: Error) => void;
  /** Largest number of connections the pool opens (TOUCHPOINT_DB_POOL_MAX). */
  maxConnections?: number;
};

export const DEFAULT_POOL_MAX = 10;

/** PostgreSQL through a `pg` pool, when `DATABASE_URL` is set. */
export async function openPostgresClient(options: PostgresOptions): Promise<SqlClient> {
  const { schema } = options;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new Error(`schema: "${schema}" is not a plain lower-case identifier`);
  }
  if (schema) {
    const setup = new pg.Client({ connectionString: options.url });
    await setup.connect();
    try {
      await setup.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      await setup.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? DEFAULT_POOL_MAX,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', (error) => options.onError?.(error));
  const executor = (client: pg.Pool | pg.PoolClient): SqlExecutor => ({
    query: async <Row>(sql: string, params?: unknown[]) => {
      const result = await client.query(sql, params);
      return { rows: result.rows as Row[] };
    },
  });
  return {
    engine: 'postgres',
    ...executor(pool),
    exec: async (sql) => {
      await pool.query(sql);
    },
    transaction: async (work) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work({
          ...executor(client),
          exec: async (sql) => {
            await client.query(sql);
          },
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    copyBinary: async (copies) => {
      const clients: pg.PoolClient[] = [];
      try {
        for (const _ of copies) clients.push(await pool.connect());
        await shareSnapshot(clients);
        await Promise.all(
          copies.map(({ query, onData }, at) =>
            copyOut(clients[at]!, `COPY (${query}) TO STDOUT WITH (FORMAT binary)`, onData),
          ),
        );
        await Promise.all(clients.map((client) => client.query('COMMIT')));
      } catch (error) {
        await Promise.all(clients.map((client) => client.query('ROLLBACK').catch(() => {})));
        throw error;
      } finally {
        for (const client of clients) client.release();
      }
    },
    connections: () => ({
      total: pool.totalCount,
      idle: pool.idleCount,
      waiting: pool.waitingCount,
    }),
    close: () => pool.end(),
  };
}

/**
 * Opens a read-only transaction on each client, all seeing the first one's snapshot: copies
 * that each read a share of a table then see every row exactly once, even when a row is updated
 * (and so moves) between their starts.
 */
async function shareSnapshot(clients: readonly pg.PoolClient[]) {
  const [first, ...others] = clients;
  if (!first) return;
  await first.query('BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY');
  if (others.length === 0) return;
  const { rows } = await first.query<{ snapshot: string }>(
    'SELECT pg_export_snapshot() AS snapshot',
  );
  for (const client of others) {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    await client.query(`SET TRANSACTION SNAPSHOT '${rows[0]!.snapshot}'`);
  }
}
