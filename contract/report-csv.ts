import type { ReportCsvTable, ReportResponse as Report } from './report';

// CSV export of each report table (issue #7), for the collector's `/v1/reports/csv` and the
// console's download alike. Built from the report object, which has already passed suppression,
// never from rows: an export cannot show more than the report does.

type GroupFigures = Omit<Report['weekly'][number], 'week'>;

/** One CSV field: quoted when needed; text that a spreadsheet would run as a formula is defused. */
function csvField(value: string | number | boolean | null): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** A CSV document with a header row, CRLF line ends (RFC 4180). */
function toCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number | boolean | null)[])[],
): string {
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

const figureColumns = [
  'n',
  'median_handle_ms',
  'median_away_ms',
  'mean_switches',
  'effort_n',
  'effort_mean',
  'csat_n',
  'csat_mean',
  'csat_low_share',
] as const;

const figures = (group: GroupFigures) => [
  group.n,
  group.medianHandleMs,
  group.medianAwayMs,
  group.meanSwitches,
  group.effort.n,
  group.effort.mean,
  group.csat.n,
  group.csat.mean,
  group.csat.lowShare,
];

/** The table as CSV; null for the agent table when the report has no agent view. */
export function reportTableCsv(report: Report, table: ReportCsvTable): string | null {
  switch (table) {
    case 'distributions':
      return toCsv(
        ['measure', 'n', 'bin_from', 'bin_to', 'count', 'p10', 'p25', 'p50', 'p75', 'p90'],
        Object.entries(report.distributions).flatMap(([measure, distribution]) =>
          distribution.bins.map((bin) => [
            measure,
            distribution.n,
            bin.from,
            bin.to,
            bin.count,
            distribution.quantiles?.p10 ?? null,
            distribution.quantiles?.p25 ?? null,
            distribution.quantiles?.p50 ?? null,
            distribution.quantiles?.p75 ?? null,
            distribution.quantiles?.p90 ?? null,
          ]),
        ),
      );
    case 'correlations':
      return toCsv(
        ['measure', 'n', 'rho', 'ci_low', 'ci_high', 'confidence', 'reading', 'text'],
        Object.values(report.correlations).map((c) => [
          c.measure,
          c.estimate.n,
          c.estimate.rho,
          c.estimate.ci?.low ?? null,
          c.estimate.ci?.high ?? null,
          c.estimate.confidence,
          c.reading.kind,
          c.text,
        ]),
      );
    case 'reasons':
      return toCsv(
        [
          'reason',
          'tagged_n',
          'tagged_low_csat',
          'tagged_low_share',
          'untagged_n',
          'untagged_low_csat',
          'untagged_low_share',
          'difference',
          'ci_low',
          'ci_high',
          'association',
        ],
        report.reasons.map((r) => [
          r.reason,
          r.tagged.n,
          r.tagged.low,
          r.tagged.share,
          r.untagged.n,
          r.untagged.low,
          r.untagged.share,
          r.difference,
          r.ci.low,
          r.ci.high,
          r.association,
        ]),
      );
    case 'apps':
      return toCsv(
        ['app', 'n', 'away_ms', 'mean_away_ms', 'share'],
        report.apps.map((a) => [a.app, a.n, a.awayMs, a.meanAwayMs, a.share]),
      );
    case 'weekly':
      return toCsv(
        ['week', ...figureColumns],
        report.weekly.map((w) => [w.week, ...figures(w)]),
      );
    case 'agents':
      if (!report.agents.available) return null;
      return toCsv(
        ['agent_id', ...figureColumns],
        report.agents.rows.map((a) => [a.agentId, ...figures(a)]),
      );
  }
}
