import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { enrolInstall } from '../../server/src/auth/enrolment';
import type { Database } from '../../server/src/db/database';
import { openDatabase } from '../../server/src/db/open-database';
import {
  collectorProcess,
  withSearchPath,
  type CollectorProcess,
} from '../../tests/support/collector-process';
import { startRoundRobinProxy, type RoundRobinProxy } from '../../tests/support/round-robin-proxy';

// `count` collector processes (`collector serve`, as an operator runs them) on one fresh
// PostgreSQL schema behind the round-robin proxy of tests/support: what bench:sync measures
// for more than one collector (issue #13, item 6).

export type CollectorFleet = {
  /** The proxy's address: where senders post. */
  url: string;
  /** The bench's own connection to the shared schema (projection catch-up, counts). */
  db: Database;
  /** One install credential per agent id, in the order asked for. */
  credentials: { agentId: string; credential: string }[];
  proxy: RoundRobinProxy;
  dispose(): Promise<void>;
};

/** An install credential of `team` bound to `agentId`, as `POST /v1/enrol` would give one. */
export async function benchCredential(db: Database, team: string, agentId: string) {
  await db.ensureTeam(team);
  const enrolled = await enrolInstall(db, {
    team,
    enrolmentTokenName: 'bench enrolment',
    request: { installId: randomUUID(), identityMode: 'identified', agentId },
    at: new Date(),
  });
  return enrolled.credential;
}

export async function startCollectorFleet(options: {
  databaseUrl: string;
  count: number;
  team: string;
  agentIds: readonly string[];
}): Promise<CollectorFleet> {
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  // Migrated once here, so that the processes start on a current schema.
  const db = await openDatabase({ databaseUrl: options.databaseUrl, schema });
  const collectors: CollectorProcess[] = [];
  let proxy: RoundRobinProxy | undefined;
  const dispose = async () => {
    await proxy?.close();
    for (const collector of collectors) await collector.kill('SIGTERM');
    await db.close();
    const admin = new pg.Client({ connectionString: options.databaseUrl });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  };
  try {
    const credentials = [];
    for (const agentId of options.agentIds) {
      credentials.push({ agentId, credential: await benchCredential(db, options.team, agentId) });
    }
    for (let i = 0; i < options.count; i++) {
      collectors.push(
        await collectorProcess({ databaseUrl: withSearchPath(options.databaseUrl, schema) }),
      );
    }
    await Promise.all(collectors.map((collector) => collector.start()));
    proxy = await startRoundRobinProxy(collectors.map((collector) => collector.url));
    return { url: proxy.url, db, credentials, proxy, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}
