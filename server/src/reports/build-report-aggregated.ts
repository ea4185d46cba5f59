import type { EffortScale } from '../../../lib/feedback/prompt-settings';
import type { IdentityMode, Role } from '../../../lib/sync/collector-api';
import { createRandom } from '../../../lib/tracking/seeded-random';
import { bootstrapSpearmanCells, DEFAULT_RESAMPLES } from './bootstrap';
import type { Correlation, Report } from './build-report';
import { BIN_EDGES, type Distribution } from './distribution';
import type { GroupFigures } from './group-figures';
import { isoWeekIndex, isoWeekLabel, parseIsoWeek } from './iso-week';
import { rankAppTallies } from './rank-apps';
import { rankReasonTallies } from './rank-reasons';
import { MEASURES, readCorrelation, renderReadingEn, type Measure } from './reading';
import type {
  AggregatedDistribution,
  AggregatedGroup,
  ReportAggregates,
} from './report-aggregates';
import { agentViewAllowed, DEFAULT_MIN_GROUP_SIZE } from './suppression';

// buildReport from SQL aggregates (report-aggregates.ts): the same Report, figure for figure, for
// teams too large to ship their rows (issue #7, acceptance 5). The bootstrap draws from the same
// cells in another order than the row path, so its intervals differ by resampling noise only.

export type AggregatedReportOptions = {
  period: { fromWeek: string; toWeek: string };
  identityMode: IdentityMode;
  role: Role;
  seed: number;
  minGroupSize?: number;
  effortScale?: EffortScale;
  resamples?: number;
};

/** The week indexes a report covers: the period, cut at the last week that has ended. */
export function reportWeekIndexes(period: { fromWeek: string; toWeek: string }, now: number) {
  const from = parseIsoWeek(period.fromWeek);
  const last = parseIsoWeek(period.toWeek);
  if (from > last) {
    throw new Error(`period starts (${period.fromWeek}) after it ends (${period.toWeek})`);
  }
  const to = Math.min(last, isoWeekIndex(now) - 1);
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}

function distribution(aggregate: AggregatedDistribution, edges: readonly number[]): Distribution {
  const q = aggregate.quantiles;
  return {
    n: aggregate.n,
    quantiles:
      q && aggregate.n > 0 ? { p10: q[0], p25: q[1], p50: q[2], p75: q[3], p90: q[4] } : null,
    bins: edges.map((from, i) => ({
      from,
      to: edges[i + 1] ?? null,
      count: aggregate.bins[i] ?? 0,
    })),
  };
}

const EMPTY: AggregatedGroup = {
  n: 0,
  medianHandleMs: null,
  medianAwayMs: null,
  switches: 0,
  effortN: 0,
  effortSum: 0,
  csatN: 0,
  csatSum: 0,
  csatLow: 0,
};

function figures(group: AggregatedGroup): GroupFigures {
  return {
    n: group.n,
    medianHandleMs: group.n > 0 ? group.medianHandleMs : null,
    medianAwayMs: group.n > 0 ? group.medianAwayMs : null,
    meanSwitches: group.n > 0 ? group.switches / group.n : null,
    effort: { n: group.effortN, mean: group.effortN > 0 ? group.effortSum / group.effortN : null },
    csat: {
      n: group.csatN,
      mean: group.csatN > 0 ? group.csatSum / group.csatN : null,
      lowShare: group.csatN > 0 ? group.csatLow / group.csatN : null,
    },
  };
}

/** The report of one team from its aggregates; `team` is the team's id. */
export function buildReportFromAggregates(
  team: string,
  aggregates: ReportAggregates,
  options: AggregatedReportOptions,
): Report {
  const {
    identityMode,
    role,
    seed,
    minGroupSize = DEFAULT_MIN_GROUP_SIZE,
    effortScale = '1-5',
    resamples = DEFAULT_RESAMPLES,
  } = options;
  const { weeks } = aggregates;
  const correlations = Object.fromEntries(
    MEASURES.map((measure: Measure, index) => {
      const { cells, rho } = aggregates.correlations[measure];
      // The same stream per measure as buildReport.
      const random = createRandom((seed + Math.imul(index + 1, 0x9e3779b9)) >>> 0);
      const estimate = bootstrapSpearmanCells(cells, { random, resamples }, rho);
      const reading = readCorrelation(estimate);
      const correlation: Correlation = {
        measure,
        estimate,
        reading,
        text: renderReadingEn(reading, measure),
      };
      return [measure, correlation];
    }),
  ) as Record<Measure, Correlation>;
  const d = aggregates.distributions;
  const agentsAllowed = agentViewAllowed(identityMode, role);
  return {
    team: aggregates.n.interactions > 0 || aggregates.leftOut ? team : null,
    period: {
      fromWeek: options.period.fromWeek,
      toWeek: weeks.length > 0 ? isoWeekLabel(weeks[weeks.length - 1]!) : options.period.toWeek,
      weeks: weeks.map(isoWeekLabel),
    },
    minGroupSize,
    effortScale,
    leftOut: aggregates.leftOut,
    n: aggregates.n,
    distributions: {
      effortScore: distribution(
        d.effortScore,
        effortScale === '1-5' ? BIN_EDGES.effortFive : BIN_EDGES.effortSeven,
      ),
      switches: distribution(d.switches, BIN_EDGES.switches),
      awayMs: distribution(d.awayMs, BIN_EDGES.awayMs),
      handleMs: distribution(d.handleMs, BIN_EDGES.handleMs),
    },
    correlations,
    reasons: rankReasonTallies(aggregates.reasonWeekTotals, aggregates.reasonTallies, minGroupSize),
    apps: rankAppTallies(aggregates.appTallies, minGroupSize),
    weekly: weeks.map((w) => ({
      week: isoWeekLabel(w),
      ...figures(aggregates.weekly.get(w) ?? EMPTY),
    })),
    agents:
      agentsAllowed && aggregates.agents
        ? {
            available: true,
            rows: [...aggregates.agents]
              .map(([agentId, group]) => ({ agentId, ...figures(group) }))
              .filter((row) => row.n > 0 || row.effort.n > 0 || row.csat.n > 0)
              .sort((a, b) => a.agentId.localeCompare(b.agentId)),
          }
        : {
            available: false,
            reason: identityMode === 'anonymous' ? 'anonymous-mode' : 'supervisors-only',
          },
  };
}
