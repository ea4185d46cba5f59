// Distributions of one measure (issue #7): count per fixed bin and a few quantiles. Bins are
// fixed per measure, not fitted to the data, so teams and weeks compare bin for bin.

export type Bin = { from: number; to: number | null; count: number };
export type Quantiles = { p10: number; p25: number; p50: number; p75: number; p90: number };
export type Distribution = { n: number; quantiles: Quantiles | null; bins: Bin[] };

const MINUTE_MS = 60_000;

/** `count` edges from `from`, `width` apart. */
const steps = (from: number, width: number, count: number) =>
  Array.from({ length: count }, (_, i) => from + i * width);

/**
 * Lower edges of the bins; the last bin is open-ended. Bins of one measure have one width
 * (issue #14: "2 min" between bins of 30 s and 5 min read as nothing): one switch, one minute
 * away, five minutes of handle time, one scale point.
 */
export const BIN_EDGES = {
  effortFive: steps(1, 1, 5),
  effortSeven: steps(1, 1, 7),
  /** 0, 1, … 9 switches, then 10 or more. */
  switches: steps(0, 1, 11),
  /** 0–1 min, 1–2 min, … 9–10 min away, then 10 min or more. */
  awayMs: steps(0, MINUTE_MS, 11),
  /** 0–5 min, … 55–60 min handle time, then an hour or more. */
  handleMs: steps(0, 5 * MINUTE_MS, 13),
} as const;

/** Type-7 quantile (linear between order statistics) of ascending `sorted`. */
export function quantile(sorted: ArrayLike<number>, p: number): number {
  const position = (sorted.length - 1) * p;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}

/** Median of unsorted values; null when there are none. */
export function median(values: ArrayLike<number>): number | null {
  if (values.length === 0) return null;
  return quantile(Float64Array.from(values).sort(), 0.5);
}

/** Bins and quantiles of `values` over the bins starting at `edges` (ascending). */
export function describeDistribution(
  values: ArrayLike<number>,
  edges: readonly number[],
): Distribution {
  return describeSorted(Float64Array.from(values).sort(), edges);
}

/** The same from values already in ascending order (radix-sort.ts sorts a report's measures). */
export function describeSorted(sorted: Float64Array, edges: readonly number[]): Distribution {
  const n = sorted.length;
  // Each bin's count is a run of the sorted values: find where each run starts.
  const starts = edges.map((edge) => {
    let low = 0;
    let high = n;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (sorted[mid]! < edge) low = mid + 1;
      else high = mid;
    }
    return low;
  });
  const bins: Bin[] = edges.map((from, i) => ({
    from,
    to: edges[i + 1] ?? null,
    count: (starts[i + 1] ?? n) - starts[i]!,
  }));
  const quantiles =
    n === 0
      ? null
      : {
          p10: quantile(sorted, 0.1),
          p25: quantile(sorted, 0.25),
          p50: quantile(sorted, 0.5),
          p75: quantile(sorted, 0.75),
          p90: quantile(sorted, 0.9),
        };
  return { n, quantiles, bins };
}
