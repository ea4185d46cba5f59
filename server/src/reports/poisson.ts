import type { Random } from '../../../contract/seeded-random';

// Poisson draws for the bootstrap of large samples (bootstrap.ts): multiplication for small means,
// PTRS transformed rejection otherwise (W. Hörmann, "The transformed rejection method for
// generating Poisson random variables", Insurance: Mathematics and Economics 12, 1993).

const LOG_FACTORIAL_TABLE = (() => {
  const table = new Float64Array(256);
  for (let k = 1; k < table.length; k++) table[k] = table[k - 1]! + Math.log(k);
  return table;
})();

function stirlingLogFactorial(k: number): number {
  const x = k + 1;
  // Stirling's series for log Γ(x); the error is below 1e-12 for x ≥ 256.
  return (
    (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x ** 3)
  );
}

// The bootstrap asks for the same k again and again (the draws of one cell cluster around its
// count), so values past the table are remembered; NaN marks one not yet computed.
const MEMO_LIMIT = 2 ** 20;
let memo = new Float64Array(0);

function logFactorial(k: number): number {
  if (k < LOG_FACTORIAL_TABLE.length) return LOG_FACTORIAL_TABLE[k]!;
  if (k >= MEMO_LIMIT) return stirlingLogFactorial(k);
  if (k >= memo.length) {
    const grown = new Float64Array(Math.min(MEMO_LIMIT, Math.max(2 * k, 1024))).fill(NaN);
    grown.set(memo);
    memo = grown;
  }
  let value = memo[k]!;
  if (Number.isNaN(value)) memo[k] = value = stirlingLogFactorial(k);
  return value;
}

/** One draw from Poisson(mean). */
export function drawPoisson(random: Random, mean: number): number {
  return poissonSampler(mean)(random);
}

/** Draws from Poisson(mean), with what depends on the mean alone worked out once. */
export function poissonSampler(mean: number): (random: Random) => number {
  if (mean <= 0) return () => 0;
  if (mean < 10) {
    const limit = Math.exp(-mean);
    return (random) => {
      let k = 0;
      let product = random.next();
      while (product > limit) {
        k++;
        product *= random.next();
      }
      return k;
    };
  }
  const root = Math.sqrt(mean);
  const logMean = Math.log(mean);
  const b = 0.931 + 2.53 * root;
  const a = -0.059 + 0.02483 * b;
  const inverseAlpha = 1.1239 + 1.1328 / (b - 3.4);
  const logInverseAlpha = Math.log(inverseAlpha);
  const vr = 0.9277 - 3.6224 / (b - 2);
  return (random) => {
    for (;;) {
      const u = random.next() - 0.5;
      const v = random.next();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      const accept =
        Math.log(v) + logInverseAlpha - Math.log(a / (us * us) + b) <=
        -mean + k * logMean - logFactorial(k);
      if (accept) return k;
    }
  };
}
