import type { Random } from '../../../contract/seeded-random';
import type { SortedValues } from './radix-sort';
import { cellOfAttribute } from './row-attributes';
import { spearman } from './spearman';

// The association a supervisor reads (issue #14): Spearman's ρ *within agent*, with a cluster
// bootstrap that resamples agents.
//
// Why within agent: agents differ in how much they switch (their desk, their queue) and in their
// customers' CSAT (their queue, their product), and a team-wide ρ mixes those differences with
// what happens inside one agent's work. In simulations where agents only differ between
// themselves, the team-wide ρ claimed an association in 10 of 40 teams. Ranking each agent's
// interactions among that agent's own removes every difference between agents: an agent who
// switches more than others, or whose customers rate higher, shifts none of their ranks.
//
// The estimate: for each person p and each of x (the measure) and y (CSAT), the mid-rank of a
// value among p's values, as a share of p's weight and centred ("ridits": −½ … ½; ties share the
// mid-rank, as in Spearman's ρ). ρ_w is the Pearson correlation of these centred ridits pooled
// over people: Σ_p S_uv(p) / √(Σ_p S_uu(p) · Σ_p S_vv(p)). It is 0 in expectation when x and y
// are unrelated within every agent, whatever the differences between agents; with one agent it
// is that agent's Spearman ρ. Ridits (ranks / n_p) rather than raw ranks keep a large agent from
// weighing with the cube of their size; each interaction counts about equally. Rejected: a
// stratified mean of per-agent ρ (agents with 8 ratings get as much say as agents with 400, and
// an agent with one distinct value has no ρ at all); fixed-effects regression on the 1–5 scale
// (needs the interval scale the rank correlation avoids).
//
// Each CSAT rating counts once (issue #14): a rating that k interactions of one ticket share
// gives each weight 1/k, so n = Σ weights is the number of distinct ratings.
//
// The interval resamples whole people: a person's interactions move together, so the interval
// reflects how much the estimate would change with other agents, not with other interactions of
// the same agents (which the per-interaction bootstrap of issue #7 assumed independent). A
// resample of G people is computed from their three sums, O(G). With few people a percentile
// interval of a cluster bootstrap is too narrow by about √((G−1)/G) and by using normal rather
// than t(G−1) tails; the interval is widened about ρ_w by √(G/(G−1))·t(G−1)/z (the usual small-
// cluster corrections, Cameron & Miller, J. Human Resources 50, 2015, §VI).
//
// Determinism: the same data give the same interval on any collector instance and in any row
// order. The database hands rows over in physical order, split among parallel readers, and the
// issue-#7 bootstrap drew its resamples cell by cell in the order of the cells' first rows: a
// different order, a different interval (the third decimal). Here each person's sums are rounded
// to 2⁻²⁸ (float sums in another order differ in the last bits) and people are put in the order
// of their sums before the fixed seed draws: the interval is a function of the multiset of people.

/** Per person: weight, ridit sums and means over the pairs. */
export type PersonMoments = {
  weight: Float64Array;
  suv: Float64Array;
  suu: Float64Array;
  svv: Float64Array;
  sumX: Float64Array;
  sumY: Float64Array;
};

/**
 * The within-person ridit sums of the pairs among `sorted` (a measure's values ascending with
 * their rows' attributes): a row is a pair with CSAT `yOf[attribute]` (1–7; 0: not a pair), of
 * person `personOfCell[cell]`, with weight `weightOfRow[row]` (1 when null).
 */
export function withinPersonMoments(
  sorted: SortedValues,
  yOf: Int32Array,
  personOfCell: Int32Array,
  people: number,
  weightOfRow: Float64Array | null,
): PersonMoments {
  const pairs = gatherPairs(sorted, yOf, personOfCell, weightOfRow);
  const { count, x, y, person, w } = pairs;
  const weight = new Float64Array(people);
  const yWeight = new Float64Array(people * 8);
  const sumX = new Float64Array(people);
  const sumY = new Float64Array(people);
  for (let k = 0; k < count; k++) {
    const p = person[k]!;
    weight[p]! += w[k]!;
    yWeight[p * 8 + y[k]!]! += w[k]!;
    sumX[p]! += w[k]! * x[k]!;
    sumY[p]! += w[k]! * y[k]!;
  }
  // y's centred ridit per (person, value).
  const yRidit = new Float64Array(people * 8);
  for (let p = 0; p < people; p++) {
    let below = 0;
    for (let value = 1; value < 8; value++) {
      const weightOfValue = yWeight[p * 8 + value]!;
      if (weightOfValue === 0) continue;
      yRidit[p * 8 + value] = (below + weightOfValue / 2) / weight[p]! - 0.5;
      below += weightOfValue;
    }
  }
  // x's: walk each run of equal values twice, first for each person's weight in the run (the
  // tie), then for the pairs' products.
  const below = new Float64Array(people);
  const tie = new Float64Array(people);
  const ridit = new Float64Array(people);
  const touched = new Int32Array(people);
  const suv = new Float64Array(people);
  const suu = new Float64Array(people);
  const svv = new Float64Array(people);
  let start = 0;
  while (start < count) {
    let end = start;
    let touchedCount = 0;
    const value = x[start];
    for (; end < count && x[end] === value; end++) {
      const p = person[end]!;
      if (tie[p] === 0) touched[touchedCount++] = p;
      tie[p]! += w[end]!;
    }
    for (let t = 0; t < touchedCount; t++) {
      const p = touched[t]!;
      ridit[p] = (below[p]! + tie[p]! / 2) / weight[p]! - 0.5;
      below[p]! += tie[p]!;
      tie[p] = 0;
    }
    for (let k = start; k < end; k++) {
      const p = person[k]!;
      const u = ridit[p]!;
      const v = yRidit[p * 8 + y[k]!]!;
      suv[p]! += w[k]! * u * v;
      suu[p]! += w[k]! * u * u;
      svv[p]! += w[k]! * v * v;
    }
    start = end;
  }
  return { weight, suv, suu, svv, sumX, sumY };
}

/** Reused by `gatherPairs`: a report walks four measures, each a million rows long. */
let scratch = {
  x: new Float64Array(0),
  y: new Uint8Array(0),
  person: new Int32Array(0),
  w: new Float64Array(0),
};

/**
 * The pairs among `sorted`, in its order, as dense arrays: the rows without CSAT dropped and each
 * pair's CSAT, person and weight looked up once. The walks above then read memory in order
 * instead of gathering from three row-indexed tables on every pass. The arrays are valid until
 * the next call.
 */
function gatherPairs(
  sorted: SortedValues,
  yOf: Int32Array,
  personOfCell: Int32Array,
  weightOfRow: Float64Array | null,
) {
  const { values, rows, attributes } = sorted;
  if (scratch.x.length < values.length) {
    const length = values.length;
    scratch = {
      x: new Float64Array(length),
      y: new Uint8Array(length),
      person: new Int32Array(length),
      w: new Float64Array(length),
    };
  }
  const { x, y, person, w } = scratch;
  let count = 0;
  for (let j = 0; j < values.length; j++) {
    const attribute = attributes[j]!;
    const csat = yOf[attribute]!;
    if (csat === 0) continue;
    x[count] = values[j]!;
    y[count] = csat;
    person[count] = personOfCell[cellOfAttribute(attribute)]!;
    w[count] = weightOfRow === null ? 1 : weightOfRow[rows[j]!]!;
    count++;
  }
  return { count, x, y, person, w };
}

const GRID = 2 ** 28;
const onGrid = (value: number) => Math.round(value * GRID) / GRID;

/** The people with pairs, their sums on the grid, in canonical order (see the module comment). */
export type Clusters = { suv: Float64Array; suu: Float64Array; svv: Float64Array; n: number };

export function toClusters(moments: PersonMoments): Clusters {
  const people: { suv: number; suu: number; svv: number }[] = [];
  let n = 0;
  moments.weight.forEach((weight, p) => {
    if (weight === 0) return;
    n += weight;
    people.push({
      suv: onGrid(moments.suv[p]!),
      suu: onGrid(moments.suu[p]!),
      svv: onGrid(moments.svv[p]!),
    });
  });
  people.sort((a, b) => a.suu - b.suu || a.svv - b.svv || a.suv - b.suv);
  return {
    suv: Float64Array.from(people, (p) => p.suv),
    suu: Float64Array.from(people, (p) => p.suu),
    svv: Float64Array.from(people, (p) => p.svv),
    // Weights of one rating sum to 1: n is a whole number but for float error.
    n: Math.round(n),
  };
}

/** ρ_w of the clusters each taken `times[g]` times (all once when null); NaN when undefined. */
function pooledRho(clusters: Clusters, times: Int32Array | null): number {
  let uv = 0;
  let uu = 0;
  let vv = 0;
  for (let g = 0; g < clusters.suv.length; g++) {
    const c = times === null ? 1 : times[g]!;
    if (c === 0) continue;
    uv += c * clusters.suv[g]!;
    uu += c * clusters.suu[g]!;
    vv += c * clusters.svv[g]!;
  }
  if (uu <= 0 || vv <= 0) return NaN;
  return uv / Math.sqrt(uu * vv);
}

const Z95 = 1.959963984540054;

/** Standard normal quantile of p: exact for the reports' 95 %, by bisection otherwise. */
function normalQuantile(p: number): number {
  if (Math.abs(p - 0.975) < 1e-12) return Z95;
  let low = -10;
  let high = 10;
  for (let i = 0; i < 80; i++) {
    const mid = (low + high) / 2;
    if (normalCdf(mid) < p) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}

function normalCdf(x: number): number {
  // Abramowitz & Stegun 7.1.26 via erf, error < 1.5e-7: enough to place a bisection.
  const t = 1 / (1 + 0.3275911 * (Math.abs(x) / Math.SQRT2));
  const erf =
    1 -
    t *
      (0.254829592 +
        t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) *
      Math.exp(-(x * x) / 2);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** Student's t quantile from the normal one (Abramowitz & Stegun 26.7.5; within 0.01 from 3 df). */
export function studentQuantile(z: number, df: number): number {
  const z3 = z ** 3;
  const z5 = z ** 5;
  const z7 = z ** 7;
  const z9 = z ** 9;
  return (
    z +
    (z3 + z) / (4 * df) +
    (5 * z5 + 16 * z3 + 3 * z) / (96 * df ** 2) +
    (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df ** 3) +
    (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / (92160 * df ** 4)
  );
}

/** Type-7 quantile of ascending `sorted`. */
function quantileSorted(sorted: Float64Array, p: number): number {
  const position = (sorted.length - 1) * p;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}

export type Interval = { low: number; high: number };

export type WithinAgentEstimate = {
  /** Distinct CSAT ratings among the pairs. */
  n: number;
  /** People the pairs come from (the bootstrap's clusters). */
  agents: number;
  rho: number | null;
  ci: Interval | null;
  confidence: number;
  resamples: number;
};

export const DEFAULT_RESAMPLES = 1000;

/** ρ_w and its cluster-bootstrap interval (module comment). */
export function bootstrapWithinAgent(
  clusters: Clusters,
  options: { random: Random; resamples?: number; confidence?: number },
): WithinAgentEstimate {
  const { random, resamples = DEFAULT_RESAMPLES, confidence = 0.95 } = options;
  const agents = clusters.suv.length;
  const base = { n: clusters.n, agents, confidence, resamples };
  const rho = pooledRho(clusters, null);
  if (Number.isNaN(rho) || agents < 2)
    return { ...base, rho: Number.isNaN(rho) ? null : rho, ci: null };
  const times = new Int32Array(agents);
  const estimates = new Float64Array(resamples);
  let finite = 0;
  for (let b = 0; b < resamples; b++) {
    times.fill(0);
    for (let draw = 0; draw < agents; draw++) times[Math.floor(random.next() * agents)]!++;
    const estimate = pooledRho(clusters, times);
    // A resample can come out without variation in one variable; it has no ρ and is left out.
    if (!Number.isNaN(estimate)) estimates[finite++] = estimate;
  }
  if (finite === 0) return { ...base, rho, ci: null };
  const sorted = estimates.subarray(0, finite).sort();
  const tail = (1 - confidence) / 2;
  const z = normalQuantile(1 - tail);
  const widen = Math.sqrt(agents / (agents - 1)) * (studentQuantile(z, agents - 1) / z);
  const low = quantileSorted(sorted, tail);
  const high = quantileSorted(sorted, 1 - tail);
  return {
    ...base,
    rho,
    ci: {
      low: Math.max(-1, rho - widen * (rho - low)),
      high: Math.min(1, rho + widen * (high - rho)),
    },
  };
}

/** Spearman's ρ between the people's mean measure and mean CSAT: the between-agent picture. */
export function betweenAgents(moments: PersonMoments): { agents: number; rho: number | null } {
  const x: number[] = [];
  const y: number[] = [];
  moments.weight.forEach((weight, p) => {
    if (weight === 0) return;
    // On a grid, so that float sums in another row order rank the same.
    x.push(onGrid(moments.sumX[p]! / weight));
    y.push(onGrid(moments.sumY[p]! / weight));
  });
  const rho = x.length >= 3 ? spearman(x, y) : NaN;
  return { agents: x.length, rho: Number.isNaN(rho) ? null : rho };
}
