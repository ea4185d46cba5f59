import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { API_PATHS } from '../contract/api';
import { issueToken } from '../server/src/auth/tokens';
import { startCollector } from '../server/src/collector';
import type { Database } from '../server/src/db/database';
import { openDatabase } from '../server/src/db/open-database';
import { seedDemoData } from '../demo/demo-data-seed';
import { isoWeekIndex, isoWeekLabel, isoWeekStart } from '../contract/iso-week';

// Report latency (issue #7, acceptance 5): one team with N interactions (default 1,000,000) over
// 12 weeks, 40 agents, then GET /v1/reports over HTTP for the whole period, a warm-up and then
// --runs timed runs; the median is the figure. Embedded PGlite always (in memory); PostgreSQL
// when DATABASE_URL or TEST_DATABASE_URL is set (in a fresh schema, dropped afterwards). The data
// go straight into the interactions and cx_scores tables (seedDemoData `via: 'interactions'`):
// the report reads those, not the raw events; PostgreSQL's tables are then vacuumed and analysed.
// --skip-embedded times PostgreSQL only. --schema NAME keeps the seeded PostgreSQL data in that
// schema for the next run, which then skips the two-minute seed (scripts/bench/report-load.ts
// seeds the same data). Prints `figure <name> <value> <unit>` lines.

const { values } = parseArgs({
  options: {
    interactions: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '5' },
    weeks: { type: 'string', default: '12' },
    'skip-embedded': { type: 'boolean', default: false },
    schema: { type: 'string' },
  },
});
const interactions = Number(values.interactions);
const runs = Number(values.runs);
const weeks = Number(values.weeks);
const NOW = Date.parse('2026-11-25T12:00:00Z');
const from = isoWeekLabel(isoWeekIndex(NOW) - weeks);
const to = isoWeekLabel(isoWeekIndex(NOW) - 1);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const log = (message: string) => console.error(message);

async function bench(
  name: 'postgres' | 'embedded',
  db: Database,
  afterSeed: () => Promise<void> = async () => {},
) {
  let started = performance.now();
  const stored = (
    await db.loadReportColumns(
      'bench',
      isoWeekStart(isoWeekIndex(NOW) - weeks),
      isoWeekStart(isoWeekIndex(NOW)),
    )
  ).length;
  if (stored !== 0 && stored !== interactions) {
    throw new Error(`${name}: ${stored} interactions already stored, not ${interactions}`);
  }
  if (stored === 0) {
    await seedDemoData(db, {
      seed: 1,
      interactions,
      team: 'bench',
      agents: 40,
      weeks,
      now: NOW,
      via: 'interactions',
    });
    await afterSeed();
  }
  const seedMs = performance.now() - started;
  log(
    stored === 0
      ? `${name}: seeded ${interactions.toLocaleString('en-US')} interactions in ${(seedMs / 1000).toFixed(1)} s`
      : `${name}: ${stored.toLocaleString('en-US')} interactions already seeded`,
  );
  const { token } = await issueToken(db, { team: 'bench', role: 'supervisor' });
  const collector = await startCollector({ db, log: { level: 'silent' }, now: () => NOW });
  const times: number[] = [];
  try {
    for (let run = 0; run <= runs; run++) {
      started = performance.now();
      const response = await fetch(`${collector.url}${API_PATHS.reports}?from=${from}&to=${to}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const body = (await response.json()) as { n?: { interactions: number } };
      const ms = performance.now() - started;
      if (!response.ok) throw new Error(`${response.status} ${JSON.stringify(body)}`);
      if (!body.n?.interactions) throw new Error(`${name}: the report counted no interactions`);
      log(
        `${name}: run ${run}${run === 0 ? ' (warm-up)' : ''} ${Math.round(ms)} ms, n = ${body.n?.interactions}`,
      );
      if (run > 0) times.push(ms);
    }
  } finally {
    await collector.close();
  }
  if (times.length === 0) throw new Error(`${name}: no timed run (--runs ${runs})`);
  console.log(`figure report_latency_${name} ${Math.round(median(times))} ms`);
  if (stored === 0) console.log(`figure report_seed_${name} ${(seedMs / 1000).toFixed(1)} s`);
  console.log(`figure report_runs_${name} ${times.length} runs`);
}

console.log(`figure report_interactions ${interactions} interactions`);
const url = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (url) {
  const schema = values.schema ?? `bench_${randomBytes(4).toString('hex')}`;
  const db = await openDatabase({ databaseUrl: url, schema });
  // One statement on a connection of its own: the Database offers no raw SQL.
  const runStatement = async (sql: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  try {
    // A bulk load leaves the tables unvacuumed: the first scans set hint bits and autovacuum
    // runs while the clock does. Vacuumed and analysed, as autovacuum leaves them in production.
    await bench('postgres', db, () =>
      runStatement(`VACUUM ANALYZE ${schema}.interactions, ${schema}.cx_scores`),
    );
  } finally {
    await db.close();
    if (values.schema === undefined) await runStatement(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  }
} else {
  console.log('figure report_latency_postgres skipped (set DATABASE_URL or TEST_DATABASE_URL)');
}
if (!values['skip-embedded']) {
  const embedded = await openDatabase({});
  try {
    await bench('embedded', embedded);
  } finally {
    await embedded.close();
  }
}
