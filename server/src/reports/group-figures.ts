import type { SortedValues } from './radix-sort';
import type { ReportColumns } from './report-columns';
import { cellOfAttribute } from './row-attributes';
import { LOW_CSAT_MAX } from './report-row';
import type { KeptRows } from './suppression';

// The figures shown per week and per agent, from the rows the cell rule kept (suppression.ts):
// each figure covers whole agent-week cells of at least k values, so it shows n ≥ k or nothing.
// Times are medians: no total of time away is published, which keeps the app ranking's left-out
// weeks out of reach of subtraction (rank-apps.ts).

export type GroupFigures = {
  /** Interactions counted for time and switches. */
  n: number;
  medianHandleMs: number | null;
  medianAwayMs: number | null;
  meanSwitches: number | null;
  effort: { n: number; mean: number | null };
  csat: { n: number; mean: number | null; lowShare: number | null };
};

/** The kept interactions' times (`kept.work`), each sorted with its rows (radix-sort.ts). */
export type SortedTimes = { handleMs: SortedValues; awayMs: SortedValues };

/**
 * The median of each group's values, from all groups' values sorted together: a group's values
 * come in its own sorted order, so its median is read off as it passes.
 */
function groupMedians(
  sorted: SortedValues,
  groupOfCell: Int32Array,
  sizes: Int32Array,
): (number | null)[] {
  const groupCount = sizes.length;
  const below = new Int32Array(groupCount);
  const above = new Int32Array(groupCount);
  for (let g = 0; g < groupCount; g++) {
    below[g] = Math.floor((sizes[g]! - 1) * 0.5);
    above[g] = Math.min(below[g]! + 1, sizes[g]! - 1);
  }
  const seen = new Int32Array(groupCount);
  const low = new Float64Array(groupCount);
  const high = new Float64Array(groupCount);
  const { values, attributes } = sorted;
  for (let j = 0; j < values.length; j++) {
    const g = groupOfCell[cellOfAttribute(attributes[j]!)]!;
    if (g < 0) continue;
    const k = seen[g]!++;
    if (k === below[g]) low[g] = values[j]!;
    if (k === above[g]) high[g] = values[j]!;
  }
  // As `quantile` in distribution.ts computes the type-7 quantile at 0.5.
  return Array.from(sizes, (size, g) =>
    size === 0 ? null : low[g]! + (high[g]! - low[g]!) * ((size - 1) * 0.5 - below[g]!),
  );
}

/**
 * What every grouping of cells needs: each cell's counts and sums over its kept rows, and the kept
 * times sorted. The measures are whole numbers, so a group's sums do not depend on the order in
 * which its cells' sums are added.
 */
export type CellTotals = {
  times: SortedTimes;
  n: Int32Array;
  switches: Float64Array;
  effortN: Int32Array;
  effortSum: Float64Array;
  csatN: Int32Array;
  csatSum: Float64Array;
  csatLow: Int32Array;
};

export function cellTotals(columns: ReportColumns, kept: KeptRows, times: SortedTimes): CellTotals {
  const { switchCount, effortScore, csat } = columns;
  const { cell, work, effort, csat: csatRows } = kept;
  const cells = kept.keptIn.length;
  const totals: CellTotals = {
    times,
    n: new Int32Array(cells),
    switches: new Float64Array(cells),
    effortN: new Int32Array(cells),
    effortSum: new Float64Array(cells),
    csatN: new Int32Array(cells),
    csatSum: new Float64Array(cells),
    csatLow: new Int32Array(cells),
  };
  const { n, switches, effortN, effortSum, csatN, csatSum, csatLow } = totals;
  for (let j = 0; j < work.length; j++) {
    const i = work[j]!;
    n[cell[i]!]!++;
    switches[cell[i]!]! += switchCount[i]!;
  }
  for (let j = 0; j < effort.length; j++) {
    const i = effort[j]!;
    effortN[cell[i]!]!++;
    effortSum[cell[i]!]! += effortScore[i]!;
  }
  for (let j = 0; j < csatRows.length; j++) {
    const i = csatRows[j]!;
    csatN[cell[i]!]!++;
    csatSum[cell[i]!]! += csat[i]!;
    csatLow[cell[i]!]! += csat[i]! <= LOW_CSAT_MAX ? 1 : 0;
  }
  return totals;
}

/**
 * Figures per group for groups 0 … `groupCount` − 1, where `groupOfCell[c]` is the group of cell c
 * (suppression.ts), −1 for none.
 */
export function groupFigures(
  totals: CellTotals,
  groupOfCell: Int32Array,
  groupCount: number,
): GroupFigures[] {
  const n = new Int32Array(groupCount);
  const switches = new Float64Array(groupCount);
  const effortN = new Int32Array(groupCount);
  const effortSum = new Float64Array(groupCount);
  const csatN = new Int32Array(groupCount);
  const csatSum = new Float64Array(groupCount);
  const csatLow = new Int32Array(groupCount);
  groupOfCell.forEach((g, c) => {
    if (g < 0) return;
    n[g]! += totals.n[c]!;
    switches[g]! += totals.switches[c]!;
    effortN[g]! += totals.effortN[c]!;
    effortSum[g]! += totals.effortSum[c]!;
    csatN[g]! += totals.csatN[c]!;
    csatSum[g]! += totals.csatSum[c]!;
    csatLow[g]! += totals.csatLow[c]!;
  });
  const handle = groupMedians(totals.times.handleMs, groupOfCell, n);
  const away = groupMedians(totals.times.awayMs, groupOfCell, n);
  return Array.from({ length: groupCount }, (_, g): GroupFigures => ({
    n: n[g]!,
    medianHandleMs: handle[g]!,
    medianAwayMs: away[g]!,
    meanSwitches: n[g]! > 0 ? switches[g]! / n[g]! : null,
    effort: { n: effortN[g]!, mean: effortN[g]! > 0 ? effortSum[g]! / effortN[g]! : null },
    csat: {
      n: csatN[g]!,
      mean: csatN[g]! > 0 ? csatSum[g]! / csatN[g]! : null,
      lowShare: csatN[g]! > 0 ? csatLow[g]! / csatN[g]! : null,
    },
  }));
}
