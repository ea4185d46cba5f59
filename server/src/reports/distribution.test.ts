import { describe, expect, it } from 'vitest';
import { BIN_EDGES, describeDistribution, median } from './distribution';

describe('describeDistribution', () => {
  it('counts values per fixed bin, the last one open-ended, with quantiles and n', () => {
    const switches = [0, 1, 1, 2, 3, 5, 7, 9, 12, 30];
    const distribution = describeDistribution(switches, BIN_EDGES.switches);
    expect(distribution.n).toBe(10);
    expect(distribution.bins.map((bin) => bin.count)).toEqual([1, 2, 1, 1, 0, 1, 0, 1, 0, 1, 2]);
    expect(distribution.bins.at(-1)).toEqual({ from: 10, to: null, count: 2 });
    const expected = { p10: 0.9, p25: 1.25, p50: 4, p75: 8.5, p90: 13.8 };
    for (const [key, value] of Object.entries(expected)) {
      expect(distribution.quantiles![key as keyof typeof expected]).toBeCloseTo(value, 10);
    }
  });

  it('cuts every measure into bins of one width, the last open-ended (issue #14)', () => {
    for (const edges of Object.values(BIN_EDGES)) {
      const widths = edges.slice(1).map((edge, i) => edge - edges[i]!);
      expect(new Set(widths).size).toBe(1);
    }
    expect(BIN_EDGES.awayMs.slice(0, 3)).toEqual([0, 60_000, 120_000]);
    expect(BIN_EDGES.handleMs.at(-1)).toBe(3_600_000);
  });

  it('describes an empty group as n = 0 with no quantiles', () => {
    const distribution = describeDistribution([], BIN_EDGES.effortFive);
    expect(distribution).toMatchObject({ n: 0, quantiles: null });
    expect(distribution.bins.every((bin) => bin.count === 0)).toBe(true);
  });

  it('takes the median of unsorted values', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});
