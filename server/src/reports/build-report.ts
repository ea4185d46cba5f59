import type { EffortScale } from '../../../contract/prompt-settings';
import type { IdentityMode, Role } from '../../../contract/api';
import { MIN_GROUP_SIZE_FLOOR_DEFAULT } from '../../../contract/team-policy';
import { createRandom } from '../../../contract/seeded-random';
import { agentRows, type AgentRow } from './agent-view';
import { cellTotals, groupFigures, type GroupFigures } from './group-figures';
import {
  agentIdsOf,
  filterColumns,
  keptOfAgent,
  recordApps,
  type ReportFilter,
} from './filter-columns';
import { BAND_EDGES, csatBands, type CsatBand } from './csat-bands';
import { BIN_EDGES, describeSorted, type Distribution } from './distribution';
import { isoWeekIndex, isoWeekLabel, parseIsoWeek } from '../../../contract/iso-week';
import { sortRows, type SortedValues } from './radix-sort';
import { rankApps, type AppRow } from './rank-apps';
import { rankReasons, type ReasonRow } from './rank-reasons';
import {
  MEASURES,
  readCorrelation,
  renderBandsEn,
  renderDetailsEn,
  renderReadingEn,
  type Measure,
  type Reading,
} from './reading';
import { toReportColumns, type ReportColumns } from './report-columns';
import type { ReportRow } from './report-row';
import { rowAttributes, attributeTable } from './row-attributes';
import {
  agentViewAllowed,
  countPeople,
  countRatings,
  DEFAULT_MIN_GROUP_SIZE,
  effectiveMinGroupSize,
  KEPT,
  keepWeekCells,
  personOfCell,
  leftOutOf,
  type KeptRows,
  ratingWeights,
  type LeftOut,
} from './suppression';
import { weekDates, weeklyTrend, type WeekRow } from './weekly-trend';
import {
  betweenAgents,
  bootstrapWithinAgent,
  DEFAULT_RESAMPLES,
  toClusters,
  withinPersonMoments,
  type WithinAgentEstimate,
} from './within-agent';

// The whole EX × CX report of one team and period (issues #7 and #14), from joined interaction
// rows as columns (report-columns.ts). The API layer selects the team's rows of the period's weeks
// and passes them here; everything the report shows has passed suppression.ts.

export type ReportOptions = {
  /** Whole ISO weeks, both included, e.g. `2025-W02` to `2025-W05`. */
  period: { fromWeek: string; toWeek: string };
  /** Weeks that have not ended by now are left out: their cells are still filling up. */
  now: number;
  identityMode: IdentityMode;
  role: Role;
  /** Seeds the bootstrap: the same data and seed give the same intervals, in any row order. */
  seed: number;
  /** The team policy's minimum group size (the supervisor's). */
  minGroupSize?: number;
  /** The admin's floor (contract/team-policy.ts): the report applies max(floor, minGroupSize). */
  minGroupSizeFloor?: number;
  /**
   * The size each week of the period is reported under, where it differs from today's
   * (group-size-history.ts): one per week that `reportWeekIndexes` gives.
   */
  minGroupSizeByWeek?: readonly number[];
  /** Effort answers on another scale are not mixed in. */
  effortScale?: EffortScale;
  resamples?: number;
  /** Only one app's records, or one agent's work (agent: where the agent view is allowed). */
  filter?: ReportFilter;
};

export type Correlation = {
  measure: Measure;
  /** Always within agent (within-agent.ts). */
  method: 'within-agent';
  estimate: WithinAgentEstimate;
  reading: Reading;
  /** Business sentence in CSAT points, from `bands`. */
  summary: string;
  /** The English rendering of `reading`, in plain words. */
  text: string;
  /** The statistics, for a details line. */
  details: string;
  bands: CsatBand[];
  bandsLeftOut: LeftOut;
  /** Spearman's ρ of agents' mean measure against their mean CSAT: differences between agents. */
  betweenAgents: { agents: number; rho: number | null };
  leftOut: LeftOut;
};

export type AgentView =
  | { available: true; rows: AgentRow[] }
  | { available: false; reason: 'anonymous-mode' | 'supervisors-only' };

export type Report = {
  team: string | null;
  period: {
    fromWeek: string;
    toWeek: string;
    weeks: string[];
    /** Monday of the first week and Sunday of the last, `YYYY-MM-DD`; null without weeks. */
    startDate: string | null;
    endDate: string | null;
  };
  /** The largest minimum group size applied to a week of the period (today's without weeks). */
  minGroupSize: number;
  /** Per week of `period.weeks`: max(floor, team setting) as they stood when the week ended. */
  minGroupSizeByWeek: number[];
  minGroupSizeFloor: number;
  effortScale: EffortScale;
  /** The filter applied, and what the filters may choose from in this period. */
  filter: { app: string | null; agent: string | null };
  choices: { apps: string[]; agents: string[] | null };
  /** The period's figures over every kept cell: what the weeks shown add up to. */
  overall: GroupFigures;
  /** What suppression left out, per section, as shares (suppression.ts, `leftOutOf`). */
  leftOut: {
    any: boolean;
    distributions: LeftOut;
    effort: LeftOut;
    weekly: LeftOut;
    reasons: LeftOut;
    apps: LeftOut;
  };
  n: {
    interactions: number;
    effort: number;
    /** Interactions with a CSAT. */
    csat: number;
    /** Distinct CSAT ratings among them. */
    ratings: number;
    effortCsat: number;
    /** People the interactions come from. */
    agents: number;
  };
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

/** The rows of `rows` marked in `marks` (by row index). */
function markedRows(rows: Int32Array, marks: Uint8Array): Int32Array {
  const picked = new Int32Array(rows.length);
  let count = 0;
  for (let j = 0; j < rows.length; j++) if (marks[rows[j]!]) picked[count++] = rows[j]!;
  return picked.subarray(0, count);
}

/** The rows of `rows` in the groups marked in `groups` (suppression.ts). */
function rowsInGroups(kept: KeptRows, rows: Int32Array, groups: Uint8Array): Int32Array {
  const picked = new Int32Array(rows.length);
  let count = 0;
  for (let j = 0; j < rows.length; j++) {
    picked[count] = rows[j]!;
    count += groups[kept.group[rows[j]!]!]!;
  }
  return picked.subarray(0, count);
}

/** The rows of `rows` with time away. */
function rowsWithAway(columns: ReportColumns, rows: Int32Array): Int32Array {
  const picked = new Int32Array(rows.length);
  let count = 0;
  for (let j = 0; j < rows.length; j++) {
    picked[count] = rows[j]!;
    count += columns.awayMs[rows[j]!]! > 0 ? 1 : 0;
  }
  return picked.subarray(0, count);
}

/**
 * Builds the report from one team's rows as columns (report-columns.ts). A filter picks rows
 * before suppression: the filtered report obeys every rule the whole one does.
 */
export function buildReportFromColumns(all: ReportColumns, options: ReportOptions): Report {
  const { now, identityMode, role, seed } = options;
  const agentView = agentViewAllowed(identityMode, role);
  if (options.filter?.agent !== undefined && !agentView) {
    throw new Error('filtering by agent needs the agent view (a supervisor, not anonymous mode)');
  }
  const {
    minGroupSizeFloor = MIN_GROUP_SIZE_FLOOR_DEFAULT,
    effortScale = '1-5',
    resamples = DEFAULT_RESAMPLES,
  } = options;
  const minGroupSize = effectiveMinGroupSize(
    options.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE,
    minGroupSizeFloor,
  );
  const weeks = reportWeekIndexes(options.period, now);
  const sizes = options.minGroupSizeByWeek ?? weeks.map(() => minGroupSize);
  const keep = (of: ReportColumns) =>
    keepWeekCells(of, {
      minGroupSize: sizes,
      effortScale,
      weeks: { first: weeks[0] ?? 0, count: weeks.length },
    });
  const columns = filterColumns(all, { app: options.filter?.app });
  const teamKept = keep(columns);
  // What the filters offer is what the whole report shows: an app or agent whose every cell is
  // left out is not named, as it is in no figure.
  const wholeKept = columns === all ? teamKept : keep(all);
  const choices = {
    apps: recordApps(all, wholeKept.work),
    agents: agentView
      ? agentIdsOf(all, rowsInGroups(wholeKept, wholeKept.work, wholeKept.agentFiguresIn))
      : null,
  };
  const agent = options.filter?.agent;
  const kept = agent === undefined ? teamKept : keptOfAgent(columns, teamKept, agent);
  // With the agent filter, what suppression left out is said of the team, never of the agent:
  // the agent's own share would tell of a week of theirs that no figure shows (that it exists,
  // and with the exact counts beside it, how many interactions it had).
  const teamShares =
    agent === undefined
      ? undefined
      : {
          work: leftOutOf(columns, teamKept, teamKept.eligible.work, teamKept.work, false),
          effort: leftOutOf(columns, teamKept, teamKept.eligible.effort, teamKept.effort, false),
          csat: leftOutOf(columns, teamKept, teamKept.eligible.csat, teamKept.csat, true),
          effortCsat: leftOutOf(
            columns,
            teamKept,
            teamKept.eligible.effortCsat,
            teamKept.effortCsat,
            true,
          ),
        };

  // Each measure sorted once, for its distribution, its medians and its pairs with CSAT.
  const attributes = rowAttributes(columns, kept);
  const sorted = {
    effortScore: sortRows(columns.effortScore, kept.effort, attributes),
    switchCount: sortRows(columns.switchCount, kept.work, attributes),
    awayMs: sortRows(columns.awayMs, kept.work, attributes),
    handleMs: sortRows(columns.handleMs, kept.work, attributes),
  };
  const totals = cellTotals(columns, kept, { handleMs: sorted.handleMs, awayMs: sorted.awayMs });
  const personOf = Int32Array.from(kept.keptIn, (_, cell) => personOfCell(kept, cell));
  // A measure's pairs with CSAT are the sorted rows whose cell is kept for the pairs' population
  // and that have a CSAT: a table from attributes (row-attributes.ts) gives their CSAT, 0 for
  // the others.
  const pairs = (population: 'csat' | 'effortCsat') => {
    const bit = KEPT[population];
    return {
      yOf: attributeTable(kept, (cell, csat) =>
        csat !== 0 && kept.keptIn[cell]! & bit ? csat : 0,
      ),
      weights: ratingWeights(kept, kept[population]),
      rows: kept[population],
      eligible: kept.eligible[population],
    };
  };
  const csatPairs = pairs('csat');
  const effortPairs = pairs('effortCsat');
  const pairsLeftOut = new Map<typeof csatPairs, LeftOut>();
  const leftOutOfPairs = (p: typeof csatPairs) => {
    if (teamShares) return p === effortPairs ? teamShares.effortCsat : teamShares.csat;
    if (!pairsLeftOut.has(p))
      pairsLeftOut.set(p, leftOutOf(columns, kept, p.eligible, p.rows, true));
    return pairsLeftOut.get(p)!;
  };
  const effortEdges = effortScale === '1-5' ? BAND_EDGES.effortFive : BAND_EDGES.effortSeven;
  const measureInput: Record<
    Measure,
    { values: SortedValues; pairs: typeof csatPairs; edges: readonly number[] }
  > = {
    effort: { values: sorted.effortScore, pairs: effortPairs, edges: effortEdges },
    switches: { values: sorted.switchCount, pairs: csatPairs, edges: BAND_EDGES.switches },
    away: { values: sorted.awayMs, pairs: csatPairs, edges: BAND_EDGES.away },
    handle: { values: sorted.handleMs, pairs: csatPairs, edges: BAND_EDGES.handle },
  };
  const effortTop = effortScale === '1-5' ? 5 : 7;
  const correlations = Object.fromEntries(
    MEASURES.map((measure, index) => {
      const { values, pairs: p, edges } = measureInput[measure];
      const moments = withinPersonMoments(values, p.yOf, personOf, kept.people, p.weights);
      // One stream per measure, so adding a measure leaves the others' intervals unchanged.
      const random = createRandom((seed + Math.imul(index + 1, 0x9e3779b9)) >>> 0);
      const estimate = bootstrapWithinAgent(toClusters(moments), { random, resamples });
      const reading = readCorrelation(estimate);
      const bands = csatBands(columns, kept, values, p.yOf, p.weights, edges, p.rows, p.eligible);
      const correlation: Correlation = {
        measure,
        method: 'within-agent',
        estimate,
        reading,
        summary: renderBandsEn(bands.bands, measure, effortTop),
        text: renderReadingEn(reading, measure),
        details: renderDetailsEn(reading),
        bands: bands.bands,
        bandsLeftOut: teamShares ? leftOutOfPairs(p) : bands.leftOut,
        betweenAgents: betweenAgents(moments),
        leftOut: leftOutOfPairs(p),
      };
      return [measure, correlation];
    }),
  ) as Record<Measure, Correlation>;

  const reasonGroups = new Uint8Array(kept.groupCount);
  const reasons = rankReasons(columns, kept, reasonGroups);
  const appMarks = new Uint8Array(columns.length);
  const apps = rankApps(columns, kept, appMarks);
  const workLeftOut = leftOutOf(columns, kept, kept.eligible.work, kept.work, false);
  const csatLeftOut = leftOutOf(columns, kept, kept.eligible.csat, kept.csat, true);
  const dates =
    weeks.length > 0 ? [weekDates(weeks[0]!), weekDates(weeks[weeks.length - 1]!)] : null;

  return {
    team: columns.team,
    period: {
      fromWeek: options.period.fromWeek,
      toWeek: weeks.length > 0 ? isoWeekLabel(weeks[weeks.length - 1]!) : options.period.toWeek,
      weeks: weeks.map(isoWeekLabel),
      startDate: dates?.[0]!.startDate ?? null,
      endDate: dates?.[1]!.endDate ?? null,
    },
    minGroupSize: sizes.length > 0 ? Math.max(...sizes) : minGroupSize,
    minGroupSizeByWeek: [...sizes],
    minGroupSizeFloor,
    effortScale,
    filter: { app: options.filter?.app ?? null, agent: options.filter?.agent ?? null },
    choices,
    overall: groupFigures(totals, new Int32Array(kept.keptIn.length), 1)[0]!,
    leftOut: teamShares
      ? {
          any: teamKept.leftOut,
          distributions: teamShares.work,
          effort: teamShares.effort,
          weekly: { ...teamShares.work, ratings: teamShares.csat.ratings },
          ...teamBreakdownsLeftOut(columns, teamKept),
        }
      : {
          any: kept.leftOut,
          distributions: workLeftOut,
          effort: leftOutOf(columns, kept, kept.eligible.effort, kept.effort, false),
          weekly: { ...workLeftOut, ratings: csatLeftOut.ratings },
          ...breakdownsLeftOut(columns, kept, reasonGroups, appMarks),
        },
    n: {
      interactions: kept.work.length,
      effort: kept.effort.length,
      csat: kept.csat.length,
      ratings: countRatings(kept, kept.csat),
      effortCsat: kept.effortCsat.length,
      agents: countPeople(columns, kept.work),
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
    reasons,
    apps,
    weekly: weeklyTrend(kept, totals),
    agents: agentView
      ? { available: true, rows: agentRows(columns, kept, totals) }
      : {
          available: false,
          reason: identityMode === 'anonymous' ? 'anonymous-mode' : 'supervisors-only',
        },
  };
}

/**
 * What the reasons and apps breakdowns left out (their own per-group rule included), given which
 * reason groups and apps `rankReasons` and `rankApps` kept.
 */
function breakdownsLeftOut(
  columns: ReportColumns,
  kept: KeptRows,
  reasonGroups: Uint8Array,
  appMarks: Uint8Array,
) {
  return {
    reasons: leftOutOf(
      columns,
      kept,
      kept.eligible.effortCsat,
      rowsInGroups(kept, kept.effortCsat, reasonGroups),
      true,
    ),
    apps: leftOutOf(
      columns,
      kept,
      rowsWithAway(columns, kept.eligible.work),
      markedRows(kept.work, appMarks),
      false,
    ),
  };
}

/**
 * The same, of the team, for a report whose agent filter must not say it of the agent: the
 * team's breakdowns are ranked only to tell what they would keep.
 */
function teamBreakdownsLeftOut(columns: ReportColumns, kept: KeptRows) {
  const reasonGroups = new Uint8Array(kept.groupCount);
  rankReasons(columns, kept, reasonGroups);
  const appMarks = new Uint8Array(columns.length);
  rankApps(columns, kept, appMarks);
  return breakdownsLeftOut(columns, kept, reasonGroups, appMarks);
}
