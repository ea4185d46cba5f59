import { radixSort, sortKeys, sortRows, type SortedValues } from './radix-sort';

// Spearman's rank correlation with average ranks for ties (issue #7). Ranks depend only on which
// distinct value each observation has, so the data are kept as cells of distinct (x, y) value
// pairs with a count: a resample is then just new counts, and its ranks are recomputed in
// O(cells) without sorting (bootstrap.ts).

/** 1-based ranks; tied values share the average of the ranks they span. */
export function rankAverage(values: ArrayLike<number>): Float64Array {
  const order = Array.from({ length: values.length }, (_, i) => i);
  order.sort((a, b) => values[a]! - values[b]!);
  const ranks = new Float64Array(values.length);
  let start = 0;
  while (start < order.length) {
    let end = start + 1;
    while (end < order.length && values[order[end]!] === values[order[start]!]) end++;
    const average = (start + 1 + end) / 2;
    for (let i = start; i < end; i++) ranks[order[i]!] = average;
    start = end;
  }
  return ranks;
}

/** Paired observations as counted cells of distinct (x group, y group). */
export type PairCells = {
  n: number;
  xGroups: number;
  yGroups: number;
  cellX: Int32Array;
  cellY: Int32Array;
  count: Float64Array;
};

/** Cells of the pairs (gx[i], gy[i]), each pair counting `weights[i]`. */
function cellsOf(
  gx: ArrayLike<number>,
  xGroups: number,
  gy: ArrayLike<number>,
  yGroups: number,
  weights: ArrayLike<number>,
): PairCells {
  const pairs = gx.length;
  const size = xGroups * yGroups;
  const most = Math.min(pairs, size);
  const cellX = new Int32Array(most);
  const cellY = new Int32Array(most);
  const count = new Float64Array(most);
  let cells = 0;
  // A dense table when it fits in a few megabytes, a map otherwise.
  const table = size <= 2 ** 22 ? new Int32Array(size).fill(-1) : null;
  const map = table ? null : new Map<number, number>();
  for (let i = 0; i < pairs; i++) {
    const key = gx[i]! * yGroups + gy[i]!;
    let cell = table ? table[key]! : (map!.get(key) ?? -1);
    if (cell < 0) {
      cell = cells++;
      if (table) table[key] = cell;
      else map!.set(key, cell);
      cellX[cell] = gx[i]!;
      cellY[cell] = gy[i]!;
    }
    count[cell]! += weights[i]!;
  }
  let n = 0;
  for (let c = 0; c < cells; c++) n += count[c]!;
  return {
    n,
    xGroups,
    yGroups,
    cellX: cellX.slice(0, cells),
    cellY: cellY.slice(0, cells),
    count: count.slice(0, cells),
  };
}

/** Dense value groups: `group[i]` numbers value i among the distinct values, ascending. */
export type ValueGroups = { group: Uint32Array; count: number };

export function valueGroups(values: ArrayLike<number>): ValueGroups {
  const n = values.length;
  const { keys, max } = sortKeys(values);
  if (max < Math.max(n, 2 ** 16)) {
    const groupOf = new Int32Array(max + 1).fill(-1);
    for (let i = 0; i < n; i++) groupOf[keys[i]!] = 0;
    let count = 0;
    for (let key = 0; key <= max; key++) if (groupOf[key] === 0) groupOf[key] = count++;
    for (let i = 0; i < n; i++) keys[i] = groupOf[keys[i]!]!;
    return { group: keys, count };
  }
  const index = new Uint32Array(n);
  for (let i = 0; i < n; i++) index[i] = i;
  const sorted = radixSort(keys, max, index);
  const group = new Uint32Array(n);
  let count = 0;
  for (let j = 0; j < n; j++) {
    if (j === 0 || sorted.keys[j] !== sorted.keys[j - 1]) count++;
    group[sorted.payload[j]!] = count - 1;
  }
  return { group, count };
}

/**
 * Compresses pairs into cells of distinct (x value, y value) with their counts. Groups number the
 * distinct values in ascending order; cells are in the order of their first pair.
 */
export function toPairCells(x: ArrayLike<number>, y: ArrayLike<number>): PairCells {
  if (x.length !== y.length) throw new Error(`x has ${x.length} values, y has ${y.length}`);
  const n = x.length;
  const gy = valueGroups(y);
  const rows = new Int32Array(n);
  const tags = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    rows[i] = i;
    tags[i] = gy.group[i]! + 1;
  }
  const tagOf = new Int32Array(gy.count + 1);
  for (let tag = 0; tag <= gy.count; tag++) tagOf[tag] = tag;
  return toPairCellsSorted(sortRows(x, rows, tags), tagOf, gy.count);
}

/**
 * The same from x values sorted with their rows (ascending rows for equal values), whose
 * attribute `a` makes the row a pair with y group `tagOf[a]` − 1, or no pair when `tagOf[a]` is 0.
 * A report sorts each measure once for its distribution and medians, and takes its pairs with
 * CSAT from there. Walking x in order, the first pair of each y group in a run of equal x starts
 * a cell (its first pair, as rows ascend); the cells are then put in the order of their first row.
 */
export function toPairCellsSorted(
  sortedX: SortedValues,
  tagOf: Int32Array,
  yGroups: number,
): PairCells {
  const { values, rows, attributes } = sortedX;
  const most = rows.length;
  const cellX = new Int32Array(most);
  const cellY = new Int32Array(most);
  const cellCount = new Float64Array(most);
  const cellFirst = new Uint32Array(most);
  // The cell of y group g within the current x value, valid while seenIn[g] is that x group.
  const seenIn = new Int32Array(yGroups).fill(-1);
  const cellOfY = new Int32Array(yGroups);
  let cells = 0;
  let xGroup = -1;
  let previous = 0;
  let lastRow = 0;
  for (let j = 0; j < most; j++) {
    const tag = tagOf[attributes[j]!]!;
    if (tag === 0) continue;
    if (xGroup < 0 || values[j] !== previous) {
      xGroup++;
      previous = values[j]!;
    }
    const g = tag - 1;
    if (seenIn[g] !== xGroup) {
      seenIn[g] = xGroup;
      cellOfY[g] = cells;
      cellX[cells] = xGroup;
      cellY[cells] = g;
      cellFirst[cells++] = rows[j]!;
      lastRow = Math.max(lastRow, rows[j]!);
    }
    cellCount[cellOfY[g]!]!++;
  }
  // Each cell's place in the order of first rows: mark the first rows, then count them in row
  // order. The random accesses are writes, which do not wait for memory as reads do.
  const cellAtRow = new Int32Array(lastRow + 1).fill(-1);
  for (let c = 0; c < cells; c++) cellAtRow[cellFirst[c]!] = c;
  const place = new Int32Array(cells);
  for (let row = 0, k = 0; row <= lastRow; row++)
    if (cellAtRow[row]! >= 0) place[cellAtRow[row]!] = k++;
  const sorted: PairCells = {
    n: 0,
    xGroups: xGroup + 1,
    yGroups,
    cellX: new Int32Array(cells),
    cellY: new Int32Array(cells),
    count: new Float64Array(cells),
  };
  for (let c = 0; c < cells; c++) {
    const k = place[c]!;
    sorted.cellX[k] = cellX[c]!;
    sorted.cellY[k] = cellY[c]!;
    sorted.count[k] = cellCount[c]!;
    // Counts are whole numbers: their sum does not depend on the order.
    sorted.n += cellCount[c]!;
  }
  return sorted;
}

/** Merges neighbouring groups of one variable into at most about `maxGroups` of equal weight. */
function mergeGroups(groups: number, weightOf: Float64Array, total: number, maxGroups: number) {
  const merged = new Int32Array(groups);
  if (groups <= maxGroups) {
    for (let g = 0; g < groups; g++) merged[g] = g;
    return { merged, count: groups };
  }
  const perGroup = total / maxGroups;
  let current = 0;
  let cumulative = 0;
  let next = perGroup;
  for (let g = 0; g < groups; g++) {
    merged[g] = current;
    cumulative += weightOf[g]!;
    if (cumulative >= next && g < groups - 1) {
      current++;
      while (next <= cumulative) next += perGroup;
    }
  }
  return { merged, count: current + 1 };
}

/**
 * The same pairs with at most about `maxGroups` value groups per variable; tied values are never
 * split. The bootstrap uses it on large samples: 256 equal-frequency groups lower a continuous
 * variable's rank correlation by a factor of about √(1 − 1/256²), invisible at two decimals.
 */
export function capGroups(cells: PairCells, maxGroups: number): PairCells {
  const xWeight = new Float64Array(cells.xGroups);
  const yWeight = new Float64Array(cells.yGroups);
  for (let c = 0; c < cells.count.length; c++) {
    xWeight[cells.cellX[c]!]! += cells.count[c]!;
    yWeight[cells.cellY[c]!]! += cells.count[c]!;
  }
  const mx = mergeGroups(cells.xGroups, xWeight, cells.n, maxGroups);
  const my = mergeGroups(cells.yGroups, yWeight, cells.n, maxGroups);
  const gx = new Int32Array(cells.cellX.length);
  const gy = new Int32Array(cells.cellY.length);
  for (let c = 0; c < gx.length; c++) {
    gx[c] = mx.merged[cells.cellX[c]!]!;
    gy[c] = my.merged[cells.cellY[c]!]!;
  }
  return cellsOf(gx, mx.count, gy, my.count, cells.count);
}

/** Average ranks of each group given per-group weights; fills `ranks`, returns the total weight. */
function groupRanks(weights: Float64Array, ranks: Float64Array): number {
  let before = 0;
  for (let g = 0; g < weights.length; g++) {
    ranks[g] = before + (weights[g]! + 1) / 2;
    before += weights[g]!;
  }
  return before;
}

/** Scratch arrays sized for one `PairCells`, reused across bootstrap resamples. */
export type SpearmanScratch = {
  xWeight: Float64Array;
  yWeight: Float64Array;
  xRank: Float64Array;
  yRank: Float64Array;
};

export function createScratch(cells: PairCells): SpearmanScratch {
  return {
    xWeight: new Float64Array(cells.xGroups),
    yWeight: new Float64Array(cells.yGroups),
    xRank: new Float64Array(cells.xGroups),
    yRank: new Float64Array(cells.yGroups),
  };
}

/**
 * Spearman's ρ of the sample in which cell c occurs `weights[c]` times: the Pearson correlation
 * of average ranks. NaN when either variable is constant or the sample has fewer than 2 items.
 */
export function weightedSpearman(
  cells: PairCells,
  weights: Float64Array,
  scratch: SpearmanScratch = createScratch(cells),
): number {
  const { xWeight, yWeight, xRank, yRank } = scratch;
  xWeight.fill(0);
  yWeight.fill(0);
  for (let c = 0; c < weights.length; c++) {
    xWeight[cells.cellX[c]!]! += weights[c]!;
    yWeight[cells.cellY[c]!]! += weights[c]!;
  }
  const total = groupRanks(xWeight, xRank);
  groupRanks(yWeight, yRank);
  if (total < 2) return NaN;
  const mean = (total + 1) / 2;
  let varX = 0;
  for (let g = 0; g < xWeight.length; g++) varX += xWeight[g]! * (xRank[g]! - mean) ** 2;
  let varY = 0;
  for (let g = 0; g < yWeight.length; g++) varY += yWeight[g]! * (yRank[g]! - mean) ** 2;
  if (varX === 0 || varY === 0) return NaN;
  let cov = 0;
  for (let c = 0; c < weights.length; c++) {
    cov += weights[c]! * (xRank[cells.cellX[c]!]! - mean) * (yRank[cells.cellY[c]!]! - mean);
  }
  return cov / Math.sqrt(varX * varY);
}

/** Spearman's ρ of paired values (average ranks for ties); NaN when undefined. */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const cells = toPairCells(x, y);
  return weightedSpearman(cells, cells.count);
}
