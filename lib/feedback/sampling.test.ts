import { describe, expect, it } from 'vitest';
import { fnv1a32, isSampledIn, samplingValue } from './sampling';

const START = Date.UTC(2025, 2, 3, 8, 0, 0);

describe('fnv1a32', () => {
  // Test vectors from the FNV reference (http://www.isthe.com/chongo/tech/comp/fnv/).
  it.each([
    ['', 0x811c9dc5],
    ['a', 0xe40c292c],
    ['foobar', 0xbf9cf968],
  ])('hashes %j', (text, expected) => {
    expect(fnv1a32(text)).toBe(expected);
  });
});

describe('sampling', () => {
  it('is a fixed value in [0, 1) per record and end', () => {
    const value = samplingValue('zendesk:1', START);
    expect(value).toBeGreaterThanOrEqual(0);
    expect(value).toBeLessThan(1);
    expect(samplingValue('zendesk:1', START)).toBe(value);
    expect(samplingValue('zendesk:1', START + 1)).not.toBe(value);
    expect(samplingValue('zendesk:2', START)).not.toBe(value);
  });

  it('takes none at rate 0 and all at rate 1', () => {
    for (let index = 0; index < 1_000; index += 1) {
      expect(isSampledIn(`salesforce:${index}`, START + index, 0)).toBe(false);
      expect(isSampledIn(`salesforce:${index}`, START + index, 1)).toBe(true);
    }
  });

  it.each([0.1, 0.25, 0.5, 0.9])(
    'takes close to %s of interactions that differ only by a few ms',
    (rate) => {
      const count = 20_000;
      let taken = 0;
      for (let index = 0; index < count; index += 1) {
        if (isSampledIn('zendesk:42', START + index, rate)) taken += 1;
      }
      // 4 standard deviations of a binomial at n = 20 000 is at most 0.0142.
      expect(Math.abs(taken / count - rate)).toBeLessThan(0.015);
    },
  );

  it('spreads values evenly over ten buckets for sequential records', () => {
    const buckets = new Array<number>(10).fill(0);
    const count = 20_000;
    for (let index = 0; index < count; index += 1) {
      const bucket = Math.floor(samplingValue(`zendesk:${index}`, START) * 10);
      buckets[bucket] = (buckets[bucket] ?? 0) + 1;
    }
    for (const size of buckets) expect(Math.abs(size - count / 10)).toBeLessThan(200);
  });
});
