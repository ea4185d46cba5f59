import { buildReportFromColumns } from '../../server/src/reports/build-report';
import { generateDemoData } from '../../demo/report-data';
import { toReportColumns } from '../../server/src/reports/report-columns';
import type { ReportRow } from '../../server/src/reports/report-row';

// The pure core's share of the report latency (issue #7, acceptance 5): buildReportFromColumns on
// generated rows turned into columns, without a database. The collector's loader hands over
// columns, so the conversion from rows is timed apart.
// Run: node --import tsx scripts/bench/report-core.ts [N] [runs]

const interactions = Number(process.argv[2] ?? 1_000_000);
const runs = Number(process.argv[3] ?? 5);
const label =
  interactions % 1_000_000 === 0
    ? `${interactions / 1_000_000}m`
    : interactions % 1_000 === 0
      ? `${interactions / 1_000}k`
      : String(interactions);
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

let started = performance.now();
let rows: ReportRow[] | null = generateDemoData({
  seed: 1,
  interactions,
  teams: 1,
  agentsPerTeam: 40,
  weeks: 12,
});
console.log(
  `generated ${interactions.toLocaleString('en-US')} rows in ${Math.round(performance.now() - started)} ms`,
);
started = performance.now();
const columns = toReportColumns(rows);
console.log(`figure report_columns_${label} ${Math.round(performance.now() - started)} ms`);
// The collector never holds the rows as objects: let them go, so that the garbage collector does
// not trace a million objects during the runs.
rows = null;

const times: number[] = [];
for (let run = 1; run <= runs; run++) {
  started = performance.now();
  const report = buildReportFromColumns(columns, {
    period: { fromWeek: '2025-W02', toWeek: '2025-W13' },
    now: Date.parse('2026-01-01T00:00:00Z'),
    identityMode: 'pseudonymous',
    role: 'supervisor',
    seed: run,
  });
  times.push(performance.now() - started);
  console.log(
    `buildReportFromColumns run ${run}: ${Math.round(times.at(-1)!)} ms ` +
      `(n = ${report.n.interactions.toLocaleString('en-US')}, ${report.correlations.switches.estimate.resamples} resamples)`,
  );
}
console.log(`figure report_core_${label} ${Math.round(median(times))} ms`);
