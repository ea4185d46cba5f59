import type { PairCells } from './spearman';
import type { AppTally } from './rank-apps';
import type { Tally } from './rank-reasons';
import type { Measure } from './reading';

// What the collector computes in SQL for a report (issue #7, acceptance 5): every figure of
// buildReport as counts, sums, quantiles and counted pairs over the rows the cell rule keeps,
// so that a million interactions never travel to JavaScript. build-report-aggregated.ts turns
// them into the same Report. The cell rule (suppression.ts) is applied in SQL with the same
// definition: agent (null = one "no agent" cell) × ISO week, per population.

export type AggregatedQuantiles = [number, number, number, number, number];

export type AggregatedDistribution = {
  n: number;
  /** p10, p25, p50, p75, p90 (type 7, like percentile_cont). */
  quantiles: AggregatedQuantiles | null;
  /** Count per bin, in the order of the measure's BIN_EDGES. */
  bins: number[];
};

/** Sums of one group (a week or an agent) over its kept rows; see group-figures.ts. */
export type AggregatedGroup = {
  n: number;
  medianHandleMs: number | null;
  medianAwayMs: number | null;
  switches: number;
  effortN: number;
  effortSum: number;
  csatN: number;
  csatSum: number;
  csatLow: number;
};

export type AggregatedCorrelation = {
  /**
   * Counted pairs of (x group, CSAT group); groups of x are capped at 256 in SQL as capGroups
   * does (ties never split) when x has more distinct values.
   */
  cells: PairCells;
  /** ρ of the uncapped pairs (average ranks); NaN when undefined. */
  rho: number;
};

export type ReportAggregates = {
  /** Week indexes of the period, cut at the last week that has ended. */
  weeks: number[];
  leftOut: boolean;
  n: { interactions: number; effort: number; csat: number; effortCsat: number };
  distributions: {
    effortScore: AggregatedDistribution;
    switches: AggregatedDistribution;
    awayMs: AggregatedDistribution;
    handleMs: AggregatedDistribution;
  };
  correlations: Record<Measure, AggregatedCorrelation>;
  reasonWeekTotals: Map<number, Tally>;
  reasonTallies: Map<string, Map<number, Tally>>;
  appTallies: Map<string, Map<number, AppTally>>;
  weekly: Map<number, AggregatedGroup>;
  /** Null when the agent view is not allowed (then it is not even computed). */
  agents: Map<string, AggregatedGroup> | null;
};
