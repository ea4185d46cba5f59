import type { Interval } from './within-agent';

// Intervals for shares and their differences (rank-reasons.ts).

const Z95 = 1.959963984540054;

/** Wilson score interval of `successes` out of `n` (n > 0). */
export function wilsonInterval(successes: number, n: number, z = Z95): Interval {
  const p = successes / n;
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * Interval for p1 − p2 by Newcombe's hybrid score method (method 10 in R. G. Newcombe,
 * Statistics in Medicine 17, 1998): good coverage even for small groups and extreme shares.
 */
export function differenceInterval(s1: number, n1: number, s2: number, n2: number): Interval {
  const p1 = s1 / n1;
  const p2 = s2 / n2;
  const a = wilsonInterval(s1, n1);
  const b = wilsonInterval(s2, n2);
  const difference = p1 - p2;
  return {
    low: difference - Math.sqrt((p1 - a.low) ** 2 + (b.high - p2) ** 2),
    high: difference + Math.sqrt((a.high - p1) ** 2 + (p2 - b.low) ** 2),
  };
}
