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

/** Observations grouped by distinct value: `group[i]` is observation i's value group, in order. */
type ValueGroups = { group: Int32Array; count: number };

const INDEX_BITS = 2 ** 21;

/** Groups `values` by distinct value in ascending order. */
function groupValues(values: ArrayLike<number>): ValueGroups {
  const n = values.length;
  const group = new Int32Array(n);
  let packable = n < INDEX_BITS;
  for (let i = 0; i < n && packable; i++) {
    const value = values[i]!;
    packable = Number.isInteger(value) && value >= 0 && value < 2 ** 32;
  }
  if (packable) {
    // value · 2²¹ + index is exact below 2⁵³ and sorts by value with a native numeric sort,
    // several times faster than sorting indexes with a comparator.
    const packed = new Float64Array(n);
    for (let i = 0; i < n; i++) packed[i] = values[i]! * INDEX_BITS + i;
    packed.sort();
    let count = 0;
    let previous = -1;
    for (let j = 0; j < n; j++) {
      const value = Math.floor(packed[j]! / INDEX_BITS);
      if (value !== previous) count++;
      previous = value;
      group[packed[j]! - value * INDEX_BITS] = count - 1;
    }
    return { group, count };
  }
  const distinct: number[] = [];
  const sorted = Float64Array.from(values).sort();
  for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]!);
  for (let i = 0; i < n; i++) {
    let low = 0;
    let high = distinct.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (distinct[mid]! < values[i]!) low = mid + 1;
      else high = mid;
    }
    group[i] = low;
  }
  return { group, count: distinct.length };
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

/** Cells of the pairs (gx[i], gy[i]), each pair counting `weight(i)`. */
function cellsOf(
  gx: ArrayLike<number>,
  xGroups: number,
  gy: ArrayLike<number>,
  yGroups: number,
  weight: (i: number) => number,
): PairCells {
  const cellX: number[] = [];
  const cellY: number[] = [];
  const count: number[] = [];
  const size = xGroups * yGroups;
  // A dense table when it fits in a few megabytes, a map otherwise.
  const table = size <= 2 ** 22 ? new Int32Array(size).fill(-1) : null;
  const map = table ? null : new Map<number, number>();
  for (let i = 0; i < gx.length; i++) {
    const key = gx[i]! * yGroups + gy[i]!;
    let cell = table ? table[key]! : (map!.get(key) ?? -1);
    if (cell < 0) {
      cell = count.length;
      if (table) table[key] = cell;
      else map!.set(key, cell);
      cellX.push(gx[i]!);
      cellY.push(gy[i]!);
      count.push(0);
    }
    count[cell]! += weight(i);
  }
  let n = 0;
  for (const c of count) n += c;
  return {
    n,
    xGroups,
    yGroups,
    cellX: Int32Array.from(cellX),
    cellY: Int32Array.from(cellY),
    count: Float64Array.from(count),
  };
}

/** Compresses pairs into cells of distinct (x value, y value) with their counts. */
export function toPairCells(x: ArrayLike<number>, y: ArrayLike<number>): PairCells {
  if (x.length !== y.length) throw new Error(`x has ${x.length} values, y has ${y.length}`);
  const gx = groupValues(x);
  const gy = groupValues(y);
  return cellsOf(gx.group, gx.count, gy.group, gy.count, () => 1);
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
  return cellsOf(gx, mx.count, gy, my.count, (c) => cells.count[c]!);
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
