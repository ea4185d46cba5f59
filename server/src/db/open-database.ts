import type { Database } from './database';
import { applyMigrations } from './migrations';
import { openPgliteClient } from './pglite';
import { openPostgresClient } from './postgres';
import { createSqlDatabase } from './sql-database';

export type DatabaseOptions = {
  /** PostgreSQL connection string; when set it wins over `dataDir`. */
  databaseUrl?: string;
  /** PostgreSQL schema to use instead of the connection's default (tests). */
  schema?: string;
  /** PGlite data folder; omitted (and no `databaseUrl`) means an in-memory database. */
  dataDir?: string;
  onError?: (error: Error) => void;
  /** PostgreSQL pool size (TOUCHPOINT_DB_POOL_MAX). */
  maxConnections?: number;
  /**
   * Apply missing migrations on open (the default). `false` leaves the schema as it is: the
   * operator runs `collector migrate`, and /v1/ready answers 503 until then.
   */
  migrate?: boolean;
};

/** Opens PostgreSQL or embedded PGlite and brings its schema up to date. */
export async function openDatabase(options: DatabaseOptions = {}): Promise<Database> {
  const client = options.databaseUrl
    ? await openPostgresClient({
        url: options.databaseUrl,
        ...(options.schema ? { schema: options.schema } : {}),
        ...(options.onError ? { onError: options.onError } : {}),
        ...(options.maxConnections ? { maxConnections: options.maxConnections } : {}),
      })
    : await openPgliteClient(options.dataDir);
  try {
    if (options.migrate !== false) await applyMigrations(client);
  } catch (error) {
    await client.close();
    throw error;
  }
  return createSqlDatabase(client);
}
