import type { ReportCsvTable, ReportResponse as Report } from './report';

// CSV export of each report table (issue #7), for the collector's `/v1/reports/csv` and the
// console's download alike. Built from the report object, which has already passed suppression,
// never from rows: an export cannot show more than the report does.

type GroupFigures = Omit<Report['weekly'][number], 'week' | 'startDate' | 'endDate'>;

// Numbers are rounded to what a reader can use and each column names its unit (issue #14: raw
// `away_ms` 116251546.83 and 17-digit ρ): times in minutes to 0.1, shares in percent to 0.1,
// means to 0.01, ρ and its interval to 0.01.
const round = (value: number | null, digits: number) =>
  value === null ? null : Number(value.toFixed(digits));
const minutes = (ms: number | null) => (ms === null ? null : round(ms / 60_000, 1));
const percent = (share: number | null) => (share === null ? null : round(share * 100, 1));
const mean = (value: number | null) => round(value, 2);

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
  'interactions',
  'median_handle_min',
  'median_away_min',
  'mean_switches',
  'effort_answers',
  'effort_mean_score',
  'csat_interactions',
  'csat_mean_1_to_5',
  'csat_low_pct',
] as const;

const figures = (group: GroupFigures) => [
  group.n,
  minutes(group.medianHandleMs),
  minutes(group.medianAwayMs),
  mean(group.meanSwitches),
  group.effort.n,
  mean(group.effort.mean),
  group.csat.n,
  mean(group.csat.mean),
  percent(group.csat.lowShare),
];

/** A distribution's values in the unit its columns name: minutes for times. */
const IN_UNIT: Record<string, { unit: string; scale: (value: number | null) => number | null }> = {
  effortScore: { unit: 'score', scale: (value) => round(value, 2) },
  switches: { unit: 'switches', scale: (value) => round(value, 2) },
  awayMs: { unit: 'min', scale: minutes },
  handleMs: { unit: 'min', scale: minutes },
};

/** The table as CSV; null for the agent table when the report has no agent view. */
export function reportTableCsv(
  report: Report,
  table: ReportCsvTable,
  /** Where the reader knows app names (the console): an `app_name` column beside the id. */
  appName?: (id: string) => string,
): string | null {
  switch (table) {
    case 'distributions':
      return toCsv(
        ['measure', 'unit', 'n', 'bin_from', 'bin_to', 'count', 'p10', 'p25', 'p50', 'p75', 'p90'],
        Object.entries(report.distributions).flatMap(([measure, distribution]) => {
          const { unit, scale } = IN_UNIT[measure]!;
          const q = distribution.quantiles;
          return distribution.bins.map((bin) => [
            measure,
            unit,
            distribution.n,
            scale(bin.from),
            scale(bin.to),
            bin.count,
            scale(q?.p10 ?? null),
            scale(q?.p25 ?? null),
            scale(q?.p50 ?? null),
            scale(q?.p75 ?? null),
            scale(q?.p90 ?? null),
          ]);
        }),
      );
    case 'correlations':
      return toCsv(
        [
          'measure',
          'ratings',
          'agents',
          'rho_within_agents',
          'ci95_low',
          'ci95_high',
          'reading',
          'summary',
          'text',
          'rho_between_agents',
        ],
        Object.values(report.correlations).map((c) => [
          c.measure,
          c.estimate.n,
          c.estimate.agents,
          round(c.estimate.rho, 2),
          round(c.estimate.ci?.low ?? null, 2),
          round(c.estimate.ci?.high ?? null, 2),
          c.reading.kind,
          c.summary,
          c.text,
          round(c.betweenAgents.rho, 2),
        ]),
      );
    case 'reasons':
      return toCsv(
        [
          'reason',
          'tagged_interactions',
          'tagged_low_csat',
          'tagged_low_csat_pct',
          'tagged_csat_mean_1_to_5',
          'untagged_interactions',
          'untagged_low_csat',
          'untagged_low_csat_pct',
          'untagged_csat_mean_1_to_5',
          'difference_pct_points',
          'ci95_low_pct_points',
          'ci95_high_pct_points',
          'association',
        ],
        report.reasons.map((r) => [
          r.reason,
          r.tagged.n,
          r.tagged.low,
          percent(r.tagged.share),
          mean(r.tagged.meanCsat),
          r.untagged.n,
          r.untagged.low,
          percent(r.untagged.share),
          mean(r.untagged.meanCsat),
          round(r.difference * 100, 1),
          round(r.ci.low * 100, 1),
          round(r.ci.high * 100, 1),
          r.association,
        ]),
      );
    case 'apps':
      return toCsv(
        [
          'app',
          ...(appName ? ['app_name'] : []),
          'interactions',
          'away_total_min',
          'away_mean_min',
          'share_pct',
        ],
        report.apps.map((a) => [
          a.app,
          ...(appName ? [appName(a.app)] : []),
          a.n,
          minutes(a.awayMs),
          minutes(a.meanAwayMs),
          percent(a.share),
        ]),
      );
    case 'weekly':
      return toCsv(
        ['week', 'monday', 'sunday', ...figureColumns],
        report.weekly.map((w) => [w.week, w.startDate, w.endDate, ...figures(w)]),
      );
    case 'agents':
      if (!report.agents.available) return null;
      return toCsv(
        ['agent_id', ...figureColumns],
        report.agents.rows.map((a) => [a.agentId, ...figures(a)]),
      );
  }
}
