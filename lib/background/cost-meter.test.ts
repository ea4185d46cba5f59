import { describe, expect, it } from 'vitest';
import { createCostMeter } from './cost-meter';

describe('cost meter', () => {
  it('reports median and p95 of the most recent samples only', () => {
    const meter = createCostMeter(100);
    for (let i = 0; i < 100; i++) meter.add(1000); // pushed out below
    for (let i = 1; i <= 100; i++) meter.add(i);
    expect(meter.summary()).toEqual({ count: 100, medianMs: 51, p95Ms: 96 });
  });

  it('reports zeros before any sample', () => {
    expect(createCostMeter().summary()).toEqual({ count: 0, medianMs: 0, p95Ms: 0 });
  });
});
