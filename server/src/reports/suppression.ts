import type { EffortScale } from '../../../contract/prompt-settings';
import type { IdentityMode, Role } from '../../../contract/api';
import { isoWeekIndex } from '../../../contract/iso-week';
import { SCALE_CODE, type ReportColumns } from './report-columns';

// Minimum group size (PRODUCT.md privacy rule 4, issue #7), built against differencing.
//
// The rule: data are cut into fixed cells — one agent (or "no agent" in anonymous mode) in one
// ISO week — and a cell with fewer than k values of a measure contributes nothing to that measure,
// in every answer: team figures, agent figures, weekly figures, for every role and identity mode.
// Reports cover whole ISO weeks only. Every figure is therefore a sum over whole cells of size
// ≥ k, and so is the difference of any two figures from overlapping answers: team minus the other
// agents is one agent's kept cells; weeks 1–3 minus weeks 1–2 is week 3's kept cells. A small
// cell cannot be isolated because it is in neither answer.
//
// The populations are per measure because a cell can have 40 interactions but 3 effort answers:
// effort figures are then left without those 3, though the interactions still count for time.
//
// Residual risks (documented in README.md): weeks whose data still change (late CSAT imports,
// agents syncing after days offline) can be differenced over time; breakdowns inside a team
// (reasons, apps) apply the same rule per team-week in their own modules.

export const DEFAULT_MIN_GROUP_SIZE = 5;

export const POPULATIONS = ['work', 'effort', 'csat', 'effortCsat'] as const;
export type Population = (typeof POPULATIONS)[number];

/** Bits of `KeptRows.keptIn`, one per population. */
export const KEPT = { work: 1, effort: 2, csat: 4, effortCsat: 8 } as const;

/** Row indexes (into the columns) kept for each population, in row order, and each row's cell. */
export type KeptRows = Record<Population, Int32Array> & {
  /** Each row's week as an offset from `firstWeek`; -1 outside the report's weeks. */
  weekOffset: Int32Array;
  firstWeek: number;
  weekCount: number;
  /** Each row's cell, agent · weekCount + weekOffset; -1 outside the report's weeks. */
  cell: Int32Array;
  /** Per cell, the `KEPT` bits of the populations in which it reaches the minimum. */
  keptIn: Uint8Array;
  /** Whether any cell was left out of any population (the UI says so, without numbers). */
  leftOut: boolean;
};

/** Consecutive ISO week indexes, `first` to `first + count - 1`. */
export type WeekSpan = { first: number; count: number };

/** The weeks from the earliest to the latest row. */
function spanOf(occurredAt: Float64Array): WeekSpan {
  if (occurredAt.length === 0) return { first: 0, count: 0 };
  let earliest = Infinity;
  let latest = -Infinity;
  for (const at of occurredAt) {
    if (at < earliest) earliest = at;
    if (at > latest) latest = at;
  }
  const first = isoWeekIndex(earliest);
  return { first, count: isoWeekIndex(latest) - first + 1 };
}

const { work: WORK, effort: EFFORT, csat: CSAT, effortCsat: EFFORT_CSAT } = KEPT;

/**
 * Applies the cell rule to the rows in `weeks` (default: all rows); rows outside are in no
 * population. See the module comment.
 */
export function keepWeekCells(
  columns: ReportColumns,
  options: { minGroupSize: number; effortScale: EffortScale; weeks?: WeekSpan },
): KeptRows {
  const { minGroupSize, effortScale, weeks = spanOf(columns.occurredAt) } = options;
  if (!Number.isInteger(minGroupSize) || minGroupSize < 1) {
    throw new Error(`minGroupSize must be a positive integer, got ${minGroupSize}`);
  }
  const { length: n, occurredAt, agent, effortScore, effortScale: effortScales, csat } = columns;
  const scale = SCALE_CODE[effortScale];
  const { first, count: weekCount } = weeks;
  const cellCount = columns.agentIds.length * weekCount;
  const workCounts = new Int32Array(cellCount);
  const effortCounts = new Int32Array(cellCount);
  const csatCounts = new Int32Array(cellCount);
  const effortCsatCounts = new Int32Array(cellCount);
  const weekOffset = new Int32Array(n);
  const cellOf = new Int32Array(n);
  const rowBits = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const offset = isoWeekIndex(occurredAt[i]!) - first;
    if (offset < 0 || offset >= weekCount) {
      weekOffset[i] = -1;
      cellOf[i] = -1;
      continue;
    }
    weekOffset[i] = offset;
    const cell = agent[i]! * weekCount + offset;
    cellOf[i] = cell;
    // Branch-free: whether a row has an answer is a coin flip the processor cannot predict.
    const hasEffort = +(effortScore[i] !== 0 && effortScales[i] === scale);
    const hasCsat = +(csat[i] !== 0);
    rowBits[i] =
      WORK | (hasEffort * EFFORT) | (hasCsat * CSAT) | (hasEffort * hasCsat * EFFORT_CSAT);
    workCounts[cell]!++;
    effortCounts[cell]! += hasEffort;
    csatCounts[cell]! += hasCsat;
    effortCsatCounts[cell]! += hasEffort * hasCsat;
  }
  const cellBits = new Uint8Array(cellCount);
  let leftOut = false;
  [workCounts, effortCounts, csatCounts, effortCsatCounts].forEach((cellCounts, p) => {
    for (let cell = 0; cell < cellCount; cell++) {
      const count = cellCounts[cell]!;
      if (count >= minGroupSize) cellBits[cell]! |= 1 << p;
      else if (count > 0) leftOut = true;
    }
  });
  // One spare slot each: every row is written, and kept by moving past it.
  const work = new Int32Array(n + 1);
  const effort = new Int32Array(n + 1);
  const csatRows = new Int32Array(n + 1);
  const effortCsat = new Int32Array(n + 1);
  let nWork = 0;
  let nEffort = 0;
  let nCsat = 0;
  let nEffortCsat = 0;
  for (let i = 0; i < n; i++) {
    if (rowBits[i] === 0) continue;
    const bits = rowBits[i]! & cellBits[cellOf[i]!]!;
    work[nWork] = i;
    nWork += bits & WORK;
    effort[nEffort] = i;
    nEffort += (bits & EFFORT) >> 1;
    csatRows[nCsat] = i;
    nCsat += (bits & CSAT) >> 2;
    effortCsat[nEffortCsat] = i;
    nEffortCsat += (bits & EFFORT_CSAT) >> 3;
  }
  return {
    work: work.subarray(0, nWork),
    effort: effort.subarray(0, nEffort),
    csat: csatRows.subarray(0, nCsat),
    effortCsat: effortCsat.subarray(0, nEffortCsat),
    weekOffset,
    firstWeek: first,
    weekCount,
    cell: cellOf,
    keptIn: cellBits,
    leftOut,
  };
}

/**
 * Whether agent-level figures may be shown (issue #7): only with agent ids (identified or
 * pseudonymous mode) and only to supervisors.
 */
export function agentViewAllowed(identityMode: IdentityMode, role: Role): boolean {
  return identityMode !== 'anonymous' && role === 'supervisor';
}
