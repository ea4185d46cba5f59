function sorted(values: readonly number[]) {
  if (values.length === 0) throw new Error('no values');
  return [...values].sort((a, b) => a - b);
}

export function median(values: readonly number[]) {
  const ordered = sorted(values);
  const middle = Math.floor(ordered.length / 2);
  return ordered.length % 2 === 1
    ? ordered[middle]!
    : (ordered[middle - 1]! + ordered[middle]!) / 2;
}

/** Nearest-rank percentile: with 12 runs p95 is the slowest run, with 20 the slowest but one. */
export function percentile(values: readonly number[], p: number) {
  const ordered = sorted(values);
  return ordered[Math.min(ordered.length - 1, Math.ceil((p / 100) * ordered.length) - 1)]!;
}

export function sum(values: readonly number[]) {
  return values.reduce((total, value) => total + value, 0);
}

export function mean(values: readonly number[]) {
  if (values.length === 0) throw new Error('no values');
  return sum(values) / values.length;
}

/** `with[i] - without[i]`: loads measured side by side, so drift on the machine hits both. */
export function pairedDifferences(withValues: readonly number[], without: readonly number[]) {
  if (withValues.length !== without.length) {
    throw new Error(`${withValues.length} loads with the extension, ${without.length} without`);
  }
  return withValues.map((value, index) => value - without[index]!);
}

/** Where the true value of a figure lies, with the confidence that the method actually gives. */
export type Interval = { low: number; high: number; confidence: number };

/** P(X ≤ k) for X ~ Binomial(n, ½). */
function binomialHalfAtMost(n: number, k: number) {
  let term = 0.5 ** n;
  let total = term;
  for (let i = 1; i <= k; i += 1) {
    term = (term * (n - i + 1)) / i;
    total += term;
  }
  return total;
}

/**
 * The sign test's interval for the median: the k-th smallest to the k-th largest value, with the
 * largest k whose confidence still reaches `confidence`. It assumes nothing about the noise's
 * shape (the busy page's is skewed: a machine hiccup makes one load seconds slower). With 12
 * values at 95 %: the 3rd smallest to the 3rd largest, 96.1 %.
 */
export function medianInterval(values: readonly number[], confidence = 0.95): Interval {
  const ordered = sorted(values);
  const n = ordered.length;
  const coverage = (k: number) => 1 - 2 * binomialHalfAtMost(n, k - 1);
  if (coverage(1) < confidence) {
    throw new Error(`${n} values cannot give a ${confidence * 100} % interval for a median`);
  }
  let k = 1;
  while (k + 1 <= n - k && coverage(k + 1) >= confidence) k += 1;
  return { low: ordered[k - 1]!, high: ordered[n - k]!, confidence: coverage(k) };
}

/** A small seeded generator (mulberry32): the same figures give the same interval every time. */
function seededRandom(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A percentile bootstrap interval for the mean (10,000 resamples, fixed seed), for counts per
 * load (long tasks): their median is nearly always 0 and says nothing about a rare extra one.
 */
export function meanInterval(values: readonly number[], confidence = 0.95, resamples = 10_000) {
  if (values.length < 2) throw new Error('an interval needs at least 2 values');
  const random = seededRandom(values.length);
  const means: number[] = [];
  for (let resample = 0; resample < resamples; resample += 1) {
    let total = 0;
    for (let draw = 0; draw < values.length; draw += 1) {
      total += values[Math.floor(random() * values.length)]!;
    }
    means.push(total / values.length);
  }
  const tail = (1 - confidence) / 2;
  const ordered = sorted(means);
  const at = (share: number) =>
    ordered[Math.min(ordered.length - 1, Math.max(0, Math.round(share * ordered.length) - 1))]!;
  return { low: at(tail), high: at(1 - tail), confidence } satisfies Interval;
}
