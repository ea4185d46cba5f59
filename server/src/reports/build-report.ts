import type { EffortScale } from '../../../lib/feedback/prompt-settings';
import type { IdentityMode, Role } from '../../../lib/sync/collector-api';
import { createRandom } from '../../../lib/tracking/seeded-random';
import { agentRows, type AgentRow } from './agent-view';
import { bootstrapSpearman, DEFAULT_RESAMPLES, type SpearmanEstimate } from './bootstrap';
import { BIN_EDGES, describeDistribution, type Distribution } from './distribution';
import { isoWeekIndex, isoWeekLabel, isoWeekStart, parseIsoWeek } from './iso-week';
import { rankApps, type AppRow } from './rank-apps';
import { rankReasons, type ReasonRow } from './rank-reasons';
import { MEASURES, readCorrelation, renderReadingEn, type Measure, type Reading } from './reading';
import type { ReportRow } from './report-row';
import { agentViewAllowed, DEFAULT_MIN_GROUP_SIZE, keepWeekCells } from './suppression';
import { weeklyTrend, type WeekRow } from './weekly-trend';

// The whole EX × CX report of one team and period (issue #7), from joined interaction rows. The
// API layer selects the team's rows of the period's weeks and passes them here; everything the
// report shows has passed the cell rule of suppression.ts.

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

function pick(rows: readonly ReportRow[], indexes: Int32Array, value: (row: ReportRow) => number) {
  const values = new Float64Array(indexes.length);
  for (let j = 0; j < indexes.length; j++) values[j] = value(rows[indexes[j]!]!);
  return values;
}

/** Builds the report; `rows` must all belong to one team. */
export function buildReport(allRows: readonly ReportRow[], options: ReportOptions): Report {
  const {
    now,
    identityMode,
    role,
    seed,
    minGroupSize = DEFAULT_MIN_GROUP_SIZE,
    effortScale = '1-5',
    resamples = DEFAULT_RESAMPLES,
  } = options;
  const team = allRows[0]?.team ?? null;
  const weeks = reportWeekIndexes(options.period, now);
  const startMs = weeks.length > 0 ? isoWeekStart(weeks[0]!) : 0;
  const endMs = weeks.length > 0 ? isoWeekStart(weeks[weeks.length - 1]! + 1) : 0;
  const rows: ReportRow[] = [];
  for (const row of allRows) {
    if (row.team !== team) throw new Error(`rows of two teams: ${team} and ${row.team}`);
    if (row.occurredAt >= startMs && row.occurredAt < endMs) rows.push(row);
  }
  const kept = keepWeekCells(rows, { minGroupSize, effortScale });

  const csatOf = (row: ReportRow) => row.csat!;
  const pairs: Record<Measure, [Float64Array, Float64Array]> = {
    effort: [
      pick(rows, kept.effortCsat, (row) => row.effortScore!),
      pick(rows, kept.effortCsat, csatOf),
    ],
    switches: [pick(rows, kept.csat, (row) => row.switchCount), pick(rows, kept.csat, csatOf)],
    away: [pick(rows, kept.csat, (row) => row.awayMs), pick(rows, kept.csat, csatOf)],
    handle: [pick(rows, kept.csat, (row) => row.handleMs), pick(rows, kept.csat, csatOf)],
  };
  const correlations = Object.fromEntries(
    MEASURES.map((measure, index) => {
      const [x, y] = pairs[measure];
      // One stream per measure, so adding a measure leaves the others' intervals unchanged.
      const random = createRandom((seed + Math.imul(index + 1, 0x9e3779b9)) >>> 0);
      const estimate = bootstrapSpearman(x, y, { random, resamples });
      const reading = readCorrelation(estimate);
      return [measure, { measure, estimate, reading, text: renderReadingEn(reading, measure) }];
    }),
  ) as Record<Measure, Correlation>;

  return {
    team,
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
      effortScore: describeDistribution(
        pick(rows, kept.effort, (row) => row.effortScore!),
        effortScale === '1-5' ? BIN_EDGES.effortFive : BIN_EDGES.effortSeven,
      ),
      switches: describeDistribution(
        pick(rows, kept.work, (row) => row.switchCount),
        BIN_EDGES.switches,
      ),
      awayMs: describeDistribution(
        pick(rows, kept.work, (row) => row.awayMs),
        BIN_EDGES.awayMs,
      ),
      handleMs: describeDistribution(
        pick(rows, kept.work, (row) => row.handleMs),
        BIN_EDGES.handleMs,
      ),
    },
    correlations,
    reasons: rankReasons(rows, kept.effortCsat, kept.week, minGroupSize),
    apps: rankApps(rows, kept.work, kept.week, minGroupSize),
    weekly: weeklyTrend(rows, kept, weeks),
    agents: agentViewAllowed(identityMode, role)
      ? { available: true, rows: agentRows(rows, kept) }
      : {
          available: false,
          reason: identityMode === 'anonymous' ? 'anonymous-mode' : 'supervisors-only',
        },
  };
}
