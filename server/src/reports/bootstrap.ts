import type { Random } from '../../../contract/seeded-random';
import { poissonSampler } from './poisson';
import {
  capGroups,
  createScratch,
  toPairCells,
  weightedSpearman,
  type PairCells,
} from './spearman';

// Percentile bootstrap confidence interval for Spearman's ρ (issue #7). Each resample gets new
// cell counts and its ranks are recomputed from them, so ties are ranked as in the resample.
// Up to `exactUpTo` pairs a resample draws n pairs with replacement (the classic bootstrap);
// above, each cell's count is drawn from Poisson(its count) — the Poisson bootstrap, which has the
// same large-sample behaviour (Hanley & MacGibbon, Comput. Methods Programs Biomed. 83, 2006) and
// costs O(cells) instead of O(n) per resample. Resamples rank by value groups, capped at
// `maxGroups` per variable (spearman.ts: invisible at two decimals), so a continuous variable
// costs no more than a 256-level one.

export type BootstrapOptions = {
  random: Random;
  /** Number of resamples. */
  resamples?: number;
  /** Coverage of the interval. */
  confidence?: number;
  /** Largest sample resampled pair by pair. */
  exactUpTo?: number;
  /** Value groups per variable on larger samples. */
  maxGroups?: number;
};

export const DEFAULT_RESAMPLES = 1000;

export type Interval = { low: number; high: number };

/** ρ with its interval; `ci` is null when ρ is undefined (a constant variable) or n < 2. */
export type SpearmanEstimate = {
  n: number;
  rho: number | null;
  ci: Interval | null;
  confidence: number;
  resamples: number;
};

/** Type-7 quantile of ascending `sorted`. */
function quantileSorted(sorted: Float64Array, p: number): number {
  const position = (sorted.length - 1) * p;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}

function resampler(cells: PairCells, random: Random, exact: boolean) {
  const weights = new Float64Array(cells.count.length);
  if (!exact) {
    const samplers = Array.from(cells.count, poissonSampler);
    return () => {
      for (let c = 0; c < weights.length; c++) weights[c] = samplers[c]!(random);
      return weights;
    };
  }
  const cellOf = new Int32Array(cells.n);
  let at = 0;
  for (let c = 0; c < cells.count.length; c++) cellOf.fill(c, at, (at += cells.count[c]!));
  return () => {
    weights.fill(0);
    for (let i = 0; i < cells.n; i++) weights[cellOf[Math.floor(random.next() * cells.n)]!]!++;
    return weights;
  };
}

/** Spearman's ρ of the pairs and its percentile bootstrap interval. */
export function bootstrapSpearman(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  options: BootstrapOptions,
): SpearmanEstimate {
  return bootstrapSpearmanCells(toPairCells(x, y), options);
}

/**
 * The same from counted cells (pairs aggregated in SQL, issue #7). `rho`, when given, is the ρ of
 * the uncapped data: callers that pass cells already capped to `maxGroups` groups per variable
 * compute it where the full data are.
 */
export function bootstrapSpearmanCells(
  full: PairCells,
  options: BootstrapOptions,
  rho: number = weightedSpearman(full, full.count),
): SpearmanEstimate {
  const {
    random,
    resamples = DEFAULT_RESAMPLES,
    confidence = 0.95,
    exactUpTo = 20_000,
    maxGroups = 256,
  } = options;
  const base = { n: full.n, confidence, resamples };
  if (Number.isNaN(rho)) return { ...base, rho: null, ci: null };

  const exact = full.n <= exactUpTo;
  const grouped = full.xGroups > maxGroups || full.yGroups > maxGroups;
  const cells = grouped ? capGroups(full, maxGroups) : full;
  const draw = resampler(cells, random, exact);
  const scratch = createScratch(cells);
  const estimates = new Float64Array(resamples);
  let finite = 0;
  for (let b = 0; b < resamples; b++) {
    const estimate = weightedSpearman(cells, draw(), scratch);
    // A resample can come out constant in a variable; it has no ρ and is left out.
    if (!Number.isNaN(estimate)) estimates[finite++] = estimate;
  }
  if (finite === 0) return { ...base, rho, ci: null };
  const sorted = estimates.subarray(0, finite).sort();
  const tail = (1 - confidence) / 2;
  return {
    ...base,
    rho,
    ci: { low: quantileSorted(sorted, tail), high: quantileSorted(sorted, 1 - tail) },
  };
}
