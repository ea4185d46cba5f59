import { buildReport } from './build-report';
import { generateDemoData } from './demo-data';

// buildReport's own share of the report latency (issue #7, acceptance 5): the pure core on
// generated rows, without a database. Run: node --import tsx server/src/reports/bench-build-report.ts [N]

const interactions = Number(process.argv[2] ?? 1_000_000);
let started = performance.now();
const rows = generateDemoData({ seed: 1, interactions, teams: 1, agentsPerTeam: 40, weeks: 12 });
console.log(
  `generated ${interactions.toLocaleString('en-US')} rows in ${Math.round(performance.now() - started)} ms`,
);
for (let run = 1; run <= 3; run++) {
  started = performance.now();
  const report = buildReport(rows, {
    period: { fromWeek: '2025-W02', toWeek: '2025-W13' },
    now: Date.parse('2026-01-01T00:00:00Z'),
    identityMode: 'pseudonymous',
    role: 'supervisor',
    seed: run,
  });
  console.log(
    `buildReport run ${run}: ${Math.round(performance.now() - started)} ms ` +
      `(n = ${report.n.interactions.toLocaleString('en-US')}, ${report.correlations.switches.estimate.resamples} resamples)`,
  );
}
