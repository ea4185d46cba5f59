import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { Database } from '../../server/src/db/database';
import { openDatabase } from '../../server/src/db/open-database';
import { seedDemoData } from '../../demo/demo-data-seed';
import { inspectDatabase } from '../../tests/support/collector-inspector';
import { isoWeekIndex, isoWeekStart } from '../../contract/iso-week';
import { printFigure } from './figures';
import { median } from './stats';

// How long the report's input takes to load (issue #7, acceptance 5): Database.loadReportColumns
// over one team's N interactions (default 1,000,000, the bench-reports.ts data: seed 1, 40
// agents, 12 weeks), --runs timed runs after a warm-up; the median is the figure. PostgreSQL
// when DATABASE_URL or TEST_DATABASE_URL is set, embedded PGlite always (unless --skip-embedded).
// Seeding takes minutes (~100 s on PostgreSQL, ~4 min on PGlite): --schema NAME and
// --data-dir DIR keep the seeded database for the next run (the seed is skipped when the team
// already has N interactions). --rows also times the row path, loadReportRows, for comparison.
// Prints `figure report_load_<engine> <ms> ms` lines.

const { values } = parseArgs({
  options: {
    interactions: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '3' },
    schema: { type: 'string' },
    'data-dir': { type: 'string' },
    'skip-embedded': { type: 'boolean', default: false },
    rows: { type: 'boolean', default: false },
  },
});
const interactions = Number(values.interactions);
const runs = Number(values.runs);
const TEAM = 'bench';
const WEEKS = 12;
const NOW = Date.parse('2026-11-25T12:00:00Z');
const FROM = isoWeekStart(isoWeekIndex(NOW) - WEEKS);
const TO = isoWeekStart(isoWeekIndex(NOW));

const log = (message: string) => console.error(message);

async function timeRuns(name: string, load: () => Promise<{ length: number }>) {
  const times: number[] = [];
  for (let run = 0; run <= runs; run++) {
    const started = performance.now();
    const { length } = await load();
    const ms = performance.now() - started;
    if (length !== interactions) throw new Error(`${name}: ${length} rows, not ${interactions}`);
    log(`${name}: run ${run}${run === 0 ? ' (warm-up)' : ''} ${Math.round(ms)} ms`);
    if (run > 0) times.push(ms);
  }
  return Math.round(median(times));
}

async function bench(engine: 'postgres' | 'embedded', db: Database) {
  const stored = (await db.loadReportColumns(TEAM, FROM, TO)).length;
  if (stored !== interactions) {
    if (stored > interactions) throw new Error(`${engine}: ${stored} interactions already stored`);
    const started = performance.now();
    await seedDemoData(db, {
      seed: 1,
      interactions,
      team: TEAM,
      agents: 40,
      weeks: WEEKS,
      now: NOW,
      via: 'interactions',
    });
    log(`${engine}: seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  const columns = await timeRuns(`${engine} columns`, () => db.loadReportColumns(TEAM, FROM, TO));
  printFigure(`report_load_${engine}`, columns, 'ms');
  if (values.rows) {
    const rows = await timeRuns(`${engine} rows`, () =>
      inspectDatabase(db).loadReportRows(TEAM, FROM, TO),
    );
    printFigure(`report_load_rows_${engine}`, rows, 'ms');
  }
}

printFigure('report_load_interactions', interactions, 'interactions');
const url = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (url) {
  const schema = values.schema ?? `bench_${randomBytes(4).toString('hex')}`;
  const db = await openDatabase({ databaseUrl: url, schema });
  try {
    await bench('postgres', db);
  } finally {
    await db.close();
    if (!values.schema) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    }
  }
} else {
  console.log('figure report_load_postgres skipped (set DATABASE_URL or TEST_DATABASE_URL)');
}
if (!values['skip-embedded']) {
  const embedded = await openDatabase(
    values['data-dir'] === undefined ? {} : { dataDir: values['data-dir'] },
  );
  try {
    await bench('embedded', embedded);
  } finally {
    await embedded.close();
  }
}
