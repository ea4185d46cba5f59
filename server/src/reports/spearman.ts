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

/**
 * Groups `values` by distinct value in ascending order. With `maxGroups`, neighbouring values are
 * merged into at most that many groups of about equal size (ties are never split).
 */
function groupValues(values: ArrayLike<number>, maxGroups = Infinity): ValueGroups {
  const n = values.length;
  const sorted = Float64Array.from(values).sort();
  const distinct: number[] = [];
  for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]!);
  // Upper bound of each group (inclusive), chosen by cumulative frequency when merging.
  let upper: number[] = [];
  if (distinct.length <= maxGroups) upper = distinct;
  else {
    const perGroup = n / maxGroups;
    let next = perGroup;
    for (let i = 0; i < n; i++) {
      const last = i === n - 1 || sorted[i + 1] !== sorted[i];
      if (last && (i + 1 >= next || i === n - 1)) {
        upper.push(sorted[i]!);
        while (next <= i + 1) next += perGroup;
      }
    }
  }
  const group = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const value = values[i]!;
    let low = 0;
    let high = upper.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (upper[mid]! < value) low = mid + 1;
      else high = mid;
    }
    group[i] = low;
  }
  return { group, count: upper.length };
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

/**
 * Compresses pairs into cells. `maxGroups` bounds the groups per variable (the bootstrap uses it
 * on large samples; 256 equal-frequency groups lower a continuous variable's rank correlation by
 * a factor of about √(1 − 1/256²), which is invisible at two decimals).
 */
export function toPairCells(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  maxGroups = Infinity,
): PairCells {
  if (x.length !== y.length) throw new Error(`x has ${x.length} values, y has ${y.length}`);
  const gx = groupValues(x, maxGroups);
  const gy = groupValues(y, maxGroups);
  const index = new Map<number, number>();
  const cellX: number[] = [];
  const cellY: number[] = [];
  const count: number[] = [];
  for (let i = 0; i < x.length; i++) {
    const key = gx.group[i]! * gy.count + gy.group[i]!;
    let cell = index.get(key);
    if (cell === undefined) {
      cell = count.length;
      index.set(key, cell);
      cellX.push(gx.group[i]!);
      cellY.push(gy.group[i]!);
      count.push(0);
    }
    count[cell]!++;
  }
  return {
    n: x.length,
    xGroups: gx.count,
    yGroups: gy.count,
    cellX: Int32Array.from(cellX),
    cellY: Int32Array.from(cellY),
    count: Float64Array.from(count),
  };
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
