import type { EffortScale } from '../../../contract/prompt-settings';
import type { IdentityMode, Role } from '../../../contract/api';
import { createRandom } from '../../../contract/seeded-random';
import { agentRows, type AgentRow } from './agent-view';
import { cellTotals } from './group-figures';
import { bootstrapSpearmanCells, DEFAULT_RESAMPLES, type SpearmanEstimate } from './bootstrap';
import { BIN_EDGES, describeSorted, type Distribution } from './distribution';
import { isoWeekIndex, isoWeekLabel, parseIsoWeek } from '../../../contract/iso-week';
import { sortRows, type SortedValues } from './radix-sort';
import { rankApps, type AppRow } from './rank-apps';
import { rankReasons, type ReasonRow } from './rank-reasons';
import { MEASURES, readCorrelation, renderReadingEn, type Measure, type Reading } from './reading';
import { toReportColumns, type ReportColumns } from './report-columns';
import type { ReportRow } from './report-row';
import { toPairCellsSorted, type PairCells } from './spearman';
import { rowAttributes, attributeTable } from './row-attributes';
import { agentViewAllowed, DEFAULT_MIN_GROUP_SIZE, KEPT, keepWeekCells } from './suppression';
import { weeklyTrend, type WeekRow } from './weekly-trend';

// The whole EX × CX report of one team and period (issue #7), from joined interaction rows as
// columns (report-columns.ts). The API layer selects the team's rows of the period's weeks and
// passes them here; everything the report shows has passed the cell rule of suppression.ts.

export type ReportOptions = {
  /** Whole ISO weeks, both included, e.g. `2025-W02` to `2025-W05`. */
  period: { fromWeek: string; toWeek: string };
  /** Weeks that have not ended by now are left out: their cells are still filling up. */
  now: number;
  identityMode: IdentityMode;
  role: Role;
  /** Seeds the bootstrap: the same rows and seed give the same intervals. */
  seed: number;
  minGroupSize?: number;
  /** Effort answers on another scale are not mixed in. */
  effortScale?: EffortScale;
  resamples?: number;
};

export type Correlation = {
  measure: Measure;
  estimate: SpearmanEstimate;
  reading: Reading;
  /** The English rendering of `reading`. */
  text: string;
};

export type AgentView =
  | { available: true; rows: AgentRow[] }
  | { available: false; reason: 'anonymous-mode' | 'supervisors-only' };

export type Report = {
  team: string | null;
  period: { fromWeek: string; toWeek: string; weeks: string[] };
  minGroupSize: number;
  effortScale: EffortScale;
  /** Some agent-weeks had fewer than minGroupSize values of a measure and were left out. */
  leftOut: boolean;
  n: { interactions: number; effort: number; csat: number; effortCsat: number };
  distributions: {
    effortScore: Distribution;
    switches: Distribution;
    awayMs: Distribution;
    handleMs: Distribution;
  };
  correlations: Record<Measure, Correlation>;
  reasons: ReasonRow[];
  apps: AppRow[];
  weekly: WeekRow[];
  agents: AgentView;
};

/** The week indexes a report covers: the period, cut at the last week that has ended. */
export function reportWeekIndexes(period: ReportOptions['period'], now: number): number[] {
  const from = parseIsoWeek(period.fromWeek);
  const to = Math.min(parseIsoWeek(period.toWeek), isoWeekIndex(now) - 1);
  if (from > parseIsoWeek(period.toWeek)) {
    throw new Error(`period starts (${period.fromWeek}) after it ends (${period.toWeek})`);
  }
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}

/** Builds the report; `rows` must all belong to one team. */
export function buildReport(rows: readonly ReportRow[], options: ReportOptions): Report {
  return buildReportFromColumns(toReportColumns(rows), options);
}

/** Builds the report from one team's rows as columns (report-columns.ts). */
export function buildReportFromColumns(columns: ReportColumns, options: ReportOptions): Report {
  const {
    now,
    identityMode,
    role,
    seed,
    minGroupSize = DEFAULT_MIN_GROUP_SIZE,
    effortScale = '1-5',
    resamples = DEFAULT_RESAMPLES,
  } = options;
  const weeks = reportWeekIndexes(options.period, now);
  const kept = keepWeekCells(columns, {
    minGroupSize,
    effortScale,
    weeks: { first: weeks[0] ?? 0, count: weeks.length },
  });

  // Each measure sorted once, for its distribution, its medians and its pairs with CSAT.
  const attributes = rowAttributes(columns, kept);
  const sorted = {
    effortScore: sortRows(columns.effortScore, kept.effort, attributes),
    switchCount: sortRows(columns.switchCount, kept.work, attributes),
    awayMs: sortRows(columns.awayMs, kept.work, attributes),
    handleMs: sortRows(columns.handleMs, kept.work, attributes),
  };
  const totals = cellTotals(columns, kept, { handleMs: sorted.handleMs, awayMs: sorted.awayMs });
  // The pairs of a measure with CSAT are the sorted rows whose cell is kept for the pairs'
  // population and that have a CSAT; a table from attributes (row-attributes.ts) tells them and
  // their CSAT group, the CSAT values that occur among them, ascending.
  const pairsWithCsat = (x: SortedValues, population: 'csat' | 'effortCsat') => {
    const rows = kept[population];
    const { csat } = columns;
    const groupOf = new Int32Array(2 ** 3).fill(-1);
    for (let j = 0; j < rows.length; j++) groupOf[csat[rows[j]!]!] = 0;
    let groups = 0;
    groupOf.forEach((seen, value) => {
      if (seen === 0) groupOf[value] = groups++;
    });
    const bit = KEPT[population];
    const tagOf = attributeTable(kept, (cell, value) =>
      value !== 0 && kept.keptIn[cell]! & bit ? groupOf[value]! + 1 : 0,
    );
    return toPairCellsSorted(x, tagOf, groups);
  };
  const cells: Record<Measure, () => PairCells> = {
    effort: () => pairsWithCsat(sorted.effortScore, 'effortCsat'),
    switches: () => pairsWithCsat(sorted.switchCount, 'csat'),
    away: () => pairsWithCsat(sorted.awayMs, 'csat'),
    handle: () => pairsWithCsat(sorted.handleMs, 'csat'),
  };
  const correlations = Object.fromEntries(
    MEASURES.map((measure, index) => {
      // One stream per measure, so adding a measure leaves the others' intervals unchanged.
      const random = createRandom((seed + Math.imul(index + 1, 0x9e3779b9)) >>> 0);
      const estimate = bootstrapSpearmanCells(cells[measure](), { random, resamples });
      const reading = readCorrelation(estimate);
      return [measure, { measure, estimate, reading, text: renderReadingEn(reading, measure) }];
    }),
  ) as Record<Measure, Correlation>;

  return {
    team: columns.team,
    period: {
      fromWeek: options.period.fromWeek,
      toWeek: weeks.length > 0 ? isoWeekLabel(weeks[weeks.length - 1]!) : options.period.toWeek,
      weeks: weeks.map(isoWeekLabel),
    },
    minGroupSize,
    effortScale,
    leftOut: kept.leftOut,
    n: {
      interactions: kept.work.length,
      effort: kept.effort.length,
      csat: kept.csat.length,
      effortCsat: kept.effortCsat.length,
    },
    distributions: {
      effortScore: describeSorted(
        sorted.effortScore.values,
        effortScale === '1-5' ? BIN_EDGES.effortFive : BIN_EDGES.effortSeven,
      ),
      switches: describeSorted(sorted.switchCount.values, BIN_EDGES.switches),
      awayMs: describeSorted(sorted.awayMs.values, BIN_EDGES.awayMs),
      handleMs: describeSorted(sorted.handleMs.values, BIN_EDGES.handleMs),
    },
    correlations,
    reasons: rankReasons(columns, kept, minGroupSize),
    apps: rankApps(columns, kept, minGroupSize),
    weekly: weeklyTrend(kept, totals),
    agents: agentViewAllowed(identityMode, role)
      ? { available: true, rows: agentRows(columns, kept, totals) }
      : {
          available: false,
          reason: identityMode === 'anonymous' ? 'anonymous-mode' : 'supervisors-only',
        },
  };
}
