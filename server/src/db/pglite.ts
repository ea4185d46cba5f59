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
    copyBinary: async (query, onData) => {
      // PGlite has no COPY stream: the whole output comes back as one blob.
      const { blob } = await db.query(`COPY (${query}) TO '/dev/blob' WITH (FORMAT binary)`);
      if (!blob) throw new Error('COPY to /dev/blob returned no blob');
      onData(new Uint8Array(await blob.arrayBuffer()));
    },
    close: async () => {
      try {
        await db.close();
      } finally {
        unlock();
      }
    },
  };
}
