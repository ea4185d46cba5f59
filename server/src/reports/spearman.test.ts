import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../contract/seeded-random';
import { rankAverage, spearman } from './spearman';

/** The textbook definition: Pearson's r of the average ranks. */
function pearsonOfRanks(x: number[], y: number[]): number {
  const rx = rankAverage(x);
  const ry = rankAverage(y);
  const mean = (x.length + 1) / 2;
  let cov = 0;
  let vx = 0;
  let vy = 0;
  for (let i = 0; i < x.length; i++) {
    cov += (rx[i]! - mean) * (ry[i]! - mean);
    vx += (rx[i]! - mean) ** 2;
    vy += (ry[i]! - mean) ** 2;
  }
  return cov / Math.sqrt(vx * vy);
}

describe('rankAverage', () => {
  it('gives tied values the average of the ranks they span', () => {
    expect(Array.from(rankAverage([10, 20, 20, 30]))).toEqual([1, 2.5, 2.5, 4]);
    expect(Array.from(rankAverage([5, 1, 5, 5, 2]))).toEqual([4, 1, 4, 4, 2]);
  });
});

describe('spearman', () => {
  it('matches hand-computed values without ties', () => {
    // d = rank differences 0, 0, -1, 1, 0: ρ = 1 − 6·2 / (5·24) = 0.9.
    expect(spearman([1, 2, 3, 4, 5], [1, 2, 4, 3, 5])).toBeCloseTo(0.9, 12);
    expect(spearman([1, 2, 3, 4, 5], [5, 4, 3, 2, 1])).toBe(-1);
  });

  it('matches hand-computed values with ties', () => {
    // Ranks x: 1, 2.5, 2.5, 4; y: 1, 3, 2, 4 → cov 4.5, var 4.5 and 5 → 4.5 / √22.5.
    expect(spearman([1, 2, 2, 3], [1, 3, 2, 4])).toBeCloseTo(4.5 / Math.sqrt(22.5), 12);
    // Both variables tied: x ranks 2,2,2,4.5,4.5,6 and y ranks 1.5,1.5,4,4,4,6 → cov 12.5, var 15 each.
    expect(spearman([0, 0, 0, 3, 3, 5], [1, 1, 4, 4, 4, 5])).toBeCloseTo(
      pearsonOfRanks([0, 0, 0, 3, 3, 5], [1, 1, 4, 4, 4, 5]),
      12,
    );
    expect(spearman([0, 0, 0, 3, 3, 5], [1, 1, 4, 4, 4, 5])).toBeCloseTo(12.5 / 15, 12);
  });

  it('is unchanged by any increasing transformation of either variable', () => {
    const x = [3, 1, 4, 1, 5, 9, 2, 6];
    const y = [2, 7, 1, 8, 2, 8, 1, 8];
    expect(
      spearman(
        x.map((v) => Math.exp(v)),
        y,
      ),
    ).toBeCloseTo(spearman(x, y), 12);
  });

  it('is undefined (NaN) when a variable is constant or there is one pair', () => {
    expect(spearman([1, 2, 3], [4, 4, 4])).toBeNaN();
    expect(spearman([1], [1])).toBeNaN();
  });

  it('agrees with the textbook definition on random tied and untied data', () => {
    const random = createRandom(11);
    for (let round = 0; round < 50; round++) {
      const n = random.int(3, 300);
      const x = Array.from({ length: n }, () => random.int(0, round % 2 ? 5 : 1_000_000));
      const y = x.map((v) => v + random.int(-3, 3));
      expect(spearman(x, y)).toBeCloseTo(pearsonOfRanks(x, y), 10);
    }
  });

  it('rejects pairs of unequal length', () => {
    expect(() => spearman([1, 2], [1])).toThrow(/2 values, y has 1/);
  });
});
