import { describe, expect, it } from 'vitest';
import { createRandom, type Random } from '../../../contract/seeded-random';
import { bootstrapSpearman } from './bootstrap';

function normal(random: Random): number {
  return Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
}

/** n pairs from a bivariate normal with correlation r. */
function bivariateNormal(random: Random, n: number, r: number) {
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = normal(random);
    y[i] = r * x[i]! + Math.sqrt(1 - r * r) * normal(random);
  }
  return { x, y };
}

describe('bootstrapSpearman', () => {
  it('gives the same interval for the same seed, and an interval around ρ', () => {
    const { x, y } = bivariateNormal(createRandom(1), 500, 0.4);
    const first = bootstrapSpearman(x, y, { random: createRandom(9) });
    const again = bootstrapSpearman(x, y, { random: createRandom(9) });
    const other = bootstrapSpearman(x, y, { random: createRandom(10) });
    expect(again).toEqual(first);
    expect(other.ci).not.toEqual(first.ci);
    expect(first.ci!.low).toBeLessThan(first.rho!);
    expect(first.ci!.high).toBeGreaterThan(first.rho!);
    expect(first).toMatchObject({ n: 500, confidence: 0.95, resamples: 1000 });
  });

  it('covers the population ρ in about 95 % of samples', () => {
    // Bivariate normal: Spearman's ρ = (6/π)·asin(r/2) (Pearson 1907).
    const r = 0.5;
    const population = (6 / Math.PI) * Math.asin(r / 2);
    const random = createRandom(2024);
    let covered = 0;
    const samples = 200;
    for (let s = 0; s < samples; s++) {
      const { x, y } = bivariateNormal(random, 150, r);
      const { ci } = bootstrapSpearman(x, y, { random, resamples: 500 });
      if (ci!.low <= population && population <= ci!.high) covered++;
    }
    expect(covered / samples).toBeGreaterThan(0.9);
    expect(covered / samples).toBeLessThan(0.99);
  });

  it('narrows as the sample grows', () => {
    const random = createRandom(3);
    const width = (n: number) => {
      const { x, y } = bivariateNormal(random, n, 0.3);
      const { ci } = bootstrapSpearman(x, y, { random, resamples: 500 });
      return ci!.high - ci!.low;
    };
    expect(width(2000)).toBeLessThan(width(200) / 2);
  });

  it('gives the same interval by Poisson resampling of large samples as pair by pair', () => {
    const { x, y } = bivariateNormal(createRandom(4), 25_000, -0.2);
    const options = { resamples: 400, random: createRandom(5) };
    const exact = bootstrapSpearman(x, y, { ...options, exactUpTo: Infinity });
    const poisson = bootstrapSpearman(x, y, { ...options, exactUpTo: 20_000 });
    expect(poisson.rho).toBe(exact.rho);
    expect(Math.abs(poisson.ci!.low - exact.ci!.low)).toBeLessThan(0.005);
    expect(Math.abs(poisson.ci!.high - exact.ci!.high)).toBeLessThan(0.005);
  });

  it('takes well under a second for 5,000 continuous pairs and 1,000 resamples', () => {
    const { x, y } = bivariateNormal(createRandom(6), 5_000, 0.3);
    const started = performance.now();
    bootstrapSpearman(x, y, { random: createRandom(7), resamples: 1000 });
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('has no ρ and no interval when a variable is constant', () => {
    const estimate = bootstrapSpearman([1, 2, 3, 4], [5, 5, 5, 5], { random: createRandom(1) });
    expect(estimate).toMatchObject({ n: 4, rho: null, ci: null });
  });
});
