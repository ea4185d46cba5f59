import type { ReportCsvTable } from '@/lib/reports/report-schema';
import type { Report } from './report-format';

// CSV of one report table, written from the report the console shows (issue #7): used when the
// collector has no `/v1/reports/csv`. Every row carries its n; column names are technical
// (snake_case, English), like the collector's, so spreadsheets and scripts read either.

type Cell = string | number | null;

const escape = (cell: Cell) => {
  if (cell === null) return '';
  const text = String(cell);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

const toCsv = (header: string[], rows: Cell[][]) =>
  [header, ...rows].map((row) => row.map(escape).join(',')).join('\r\n') + '\r\n';

const GROUP_HEADER = [
  'n',
  'median_handle_ms',
  'median_away_ms',
  'mean_switches',
  'effort_n',
  'effort_mean',
  'csat_n',
  'csat_mean',
  'csat_low_share',
];

type Group = Report['weekly'][number];
const groupCells = (row: Omit<Group, 'week'>): Cell[] => [
  row.n,
  row.medianHandleMs,
  row.medianAwayMs,
  row.meanSwitches,
  row.effort.n,
  row.effort.mean,
  row.csat.n,
  row.csat.mean,
  row.csat.lowShare,
];

/** The CSV text of `table`. */
export function reportTableCsv(report: Report, table: ReportCsvTable): string {
  switch (table) {
    case 'distributions':
      return toCsv(
        ['measure', 'bin_from', 'bin_to', 'count', 'n'],
        Object.entries(report.distributions).flatMap(([measure, distribution]) =>
          distribution.bins.map((bin) => [measure, bin.from, bin.to, bin.count, distribution.n]),
        ),
      );
    case 'correlations':
      return toCsv(
        ['measure', 'n', 'rho', 'ci_low', 'ci_high', 'confidence', 'reading'],
        Object.values(report.correlations).map(({ measure, estimate, reading }) => [
          measure,
          estimate.n,
          estimate.rho,
          estimate.ci?.low ?? null,
          estimate.ci?.high ?? null,
          estimate.confidence,
          reading.kind === 'association'
            ? `${reading.direction}-${reading.strength}`
            : reading.kind,
        ]),
      );
    case 'reasons':
      return toCsv(
        [
          'reason',
          'tagged_n',
          'tagged_low_csat',
          'untagged_n',
          'untagged_low_csat',
          'difference',
          'ci_low',
          'ci_high',
          'association',
        ],
        report.reasons.map((row) => [
          row.reason,
          row.tagged.n,
          row.tagged.low,
          row.untagged.n,
          row.untagged.low,
          row.difference,
          row.ci.low,
          row.ci.high,
          row.association,
        ]),
      );
    case 'apps':
      return toCsv(
        ['app', 'n', 'away_ms', 'mean_away_ms', 'share'],
        report.apps.map((row) => [row.app, row.n, row.awayMs, row.meanAwayMs, row.share]),
      );
    case 'weekly':
      return toCsv(
        ['week', ...GROUP_HEADER],
        report.weekly.map((row) => [row.week, ...groupCells(row)]),
      );
    case 'agents':
      return toCsv(
        ['agent_id', ...GROUP_HEADER],
        report.agents.available
          ? report.agents.rows.map((row) => [row.agentId, ...groupCells(row)])
          : [],
      );
  }
}
