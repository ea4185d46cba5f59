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
  const maxConnections = options.maxConnections ?? DEFAULT_POOL_MAX;
  const pool = new pg.Pool({
    connectionString: options.url,
    max: maxConnections,
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
  let gathering: Promise<unknown> = Promise.resolve();
  /**
   * `count` clients from the pool, one gatherer at a time: two reports that each held one client
   * and waited for a second would wait for ever once they held the whole pool (a pool of one, or
   * as many reports at once as the pool's size), and every request after them with them.
   */
  const gatherClients = (count: number) => {
    const gathered = gathering.then(async () => {
      const clients: pg.PoolClient[] = [];
      try {
        for (let at = 0; at < count; at += 1) clients.push(await pool.connect());
        return clients;
      } catch (error) {
        for (const client of clients) client.release();
        throw error;
      }
    });
    gathering = gathered.catch(() => undefined);
    return gathered;
  };
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
        clients.push(...(await gatherClients(Math.min(copies.length, maxConnections))));
        await shareSnapshot(clients);
        // With fewer clients than copies, a client reads its copies one after the other, in
        // the same snapshot.
        await Promise.all(
          clients.map(async (client, at) => {
            for (let next = at; next < copies.length; next += clients.length) {
              const { query, onData } = copies[next]!;
              await copyOut(client, `COPY (${query}) TO STDOUT WITH (FORMAT binary)`, onData);
            }
          }),
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
