import { createAdaptersRepository } from './adapters-repository';
import { createCxRepository } from './cx-repository';
import type { Database } from './database';
import { createEventsRepository } from './events-repository';
import { createInstallsRepository } from './installs-repository';
import { createPolicyRepository } from './policy-repository';
import { createReportRepository } from './report-repository';
import { pendingMigrations } from './migrations';
import type { SqlClient } from './sql-client';
import { createTeamsRepository } from './teams-repository';

/**
 * The collector's storage on one connection: one repository per table group, each written once
 * for PGlite and PostgreSQL alike. Routes receive only the repositories they use.
 */
export function createSqlDatabase(client: SqlClient): Database {
  const events = createEventsRepository(client);
  return {
    engine: client.engine,
    sql: client,
    ...createTeamsRepository(client),
    ...createInstallsRepository(client),
    ...events,
    ...createPolicyRepository(client),
    ...createCxRepository(client),
    ...createAdaptersRepository(client),
    ...createReportRepository(client, events),
    async ping() {
      await client.query('SELECT 1');
    },
    pendingMigrations: () => pendingMigrations(client),
    close: () => client.close(),
  };
}
