import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../contract/seeded-random';
import { drawPoisson } from './poisson';

describe('drawPoisson', () => {
  it.each([0.5, 3, 12, 80, 5000])('has mean and variance λ = %s', (mean) => {
    const random = createRandom(Math.round(mean * 10));
    const draws = Array.from({ length: 40_000 }, () => drawPoisson(random, mean));
    const average = draws.reduce((sum, k) => sum + k, 0) / draws.length;
    const variance = draws.reduce((sum, k) => sum + (k - average) ** 2, 0) / draws.length;
    // Standard error of the mean is √(λ/40,000): allow 5 of them; the variance within 5 %.
    expect(Math.abs(average - mean)).toBeLessThan(5 * Math.sqrt(mean / draws.length));
    expect(variance / mean).toBeGreaterThan(0.95);
    expect(variance / mean).toBeLessThan(1.05);
    expect(draws.every((k) => Number.isInteger(k) && k >= 0)).toBe(true);
  });

  it('draws 0 for a zero mean', () => {
    expect(drawPoisson(createRandom(1), 0)).toBe(0);
  });
});
