import { parseArgs } from 'node:util';
import { z } from 'zod';
import { describeIssues } from '../contract/validation';
import { openDatabase } from '../server/src/db/open-database';
import { seedDemoData } from './demo-data-seed';
import { ensureDemoTeam } from './demo-team';

// Demo data in a collector's database (issue #7, acceptance 1), apart from the collector itself
// (issue #12, item 3): `npm run demo:data -- --seed S --interactions N`. Storage as the collector
// picks it: PostgreSQL when DATABASE_URL is set, otherwise PGlite in --data (stop `serve` first).

const USAGE = `npm run demo:data -- --seed S --interactions N [--team demo] [--agents 8] [--weeks 8] [--data .data/collector]

Fills whole ISO weeks before this one with generated interactions, effort answers and CSAT.
For the team "demo" it also creates the public demo tokens (demo/demo-team.ts).`;

const optionsSchema = z.object({
  seed: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1),
  interactions: z.coerce.number().int().min(1).max(10_000_000),
  team: z.string().min(1).max(100).default('demo'),
  agents: z.coerce.number().int().min(1).max(1000).default(8),
  weeks: z.coerce.number().int().min(1).max(104).default(8),
  data: z.string().min(1).default('.data/collector'),
});

async function main() {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string' },
      interactions: { type: 'string' },
      team: { type: 'string' },
      agents: { type: 'string' },
      weeks: { type: 'string' },
      data: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const { help: _help, ...rest } = values;
  const parsed = optionsSchema.safeParse(rest);
  if (!parsed.success) {
    console.error(`demo:data: ${describeIssues(parsed.error, 5)}\n\n${USAGE}`);
    process.exit(2);
  }
  const options = parsed.data;
  const databaseUrl = process.env.DATABASE_URL;
  const db = await openDatabase(databaseUrl ? { databaseUrl } : { dataDir: options.data });
  try {
    const started = performance.now();
    if (options.team === 'demo') await ensureDemoTeam(db);
    const result = await seedDemoData(db, options);
    const rows: [string, string][] = [
      ['team', result.team],
      ['interactions', String(result.interactions)],
      ['events stored', String(result.events)],
      ['CSAT scores', String(result.cxScores)],
      ['seconds', ((performance.now() - started) / 1000).toFixed(1)],
    ];
    for (const [key, value] of rows) console.log(`${key.padEnd(18)}${value}`);
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(`demo:data: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
