import { PGlite } from '@electric-sql/pglite';
import { lockDataDir } from './data-dir-lock';
import type { SqlClient } from './sql-client';

/** Embedded PostgreSQL (WASM): persisted in `dataDir`, or in memory when it is omitted. */
export async function openPgliteClient(dataDir?: string): Promise<SqlClient> {
  const unlock = dataDir ? lockDataDir(dataDir) : () => {};
  let db: PGlite;
  try {
    db = await PGlite.create(dataDir);
  } catch (error) {
    unlock();
    throw error;
  }
  return {
    engine: 'pglite',
    query: (sql, params) => db.query(sql, params),
    exec: async (sql) => {
      await db.exec(sql);
    },
    transaction: (work) =>
      db.transaction((tx) =>
        work({
          query: (sql, params) => tx.query(sql, params),
          exec: async (sql) => {
            await tx.exec(sql);
          },
        }),
      ),
    copyBinary: (copies) =>
      // One connection: the copies run one after another, in one transaction for one snapshot.
      // PGlite has no COPY stream: each output comes back as one blob.
      db.transaction(async (tx) => {
        for (const { query, onData } of copies) {
          const { blob } = await tx.query(`COPY (${query}) TO '/dev/blob' WITH (FORMAT binary)`);
          if (!blob) throw new Error('COPY to /dev/blob returned no blob');
          onData(new Uint8Array(await blob.arrayBuffer()));
        }
      }),
    // One in-process connection, always open; PGlite queues queries itself and does not say how
    // many wait.
    connections: () => ({ total: 1, idle: 1, waiting: 0 }),
    close: async () => {
      try {
        await db.close();
      } finally {
        unlock();
      }
    },
  };
}
