import { describe, expect, it } from 'vitest';
import { parseRetryAfter, retryDelayMs } from './status-policy';

const NOW = Date.UTC(2026, 10, 2, 9, 0, 0);
const CAP_MS = 300_000;
const draws = Array.from({ length: 100 }, (_, i) => i / 100);

describe('retry delay after a Retry-After', () => {
  it('Retry-After: 0, or a date already past on this clock, still waits a second', () => {
    for (const header of ['0', new Date(NOW - 60_000).toUTCString()]) {
      const retryAfterMs = parseRetryAfter(header, NOW);
      for (const draw of draws)
        expect(retryDelayMs(1, CAP_MS, retryAfterMs, () => draw)).toBeGreaterThanOrEqual(1000);
    }
  });

  it('installs told "Retry-After: 5" come back spread over time, never before the 5 s', () => {
    const delays = draws.map((draw) => retryDelayMs(1, CAP_MS, 5_000, () => draw));
    expect(Math.min(...delays)).toBe(5_000);
    expect(Math.max(...delays) - Math.min(...delays)).toBeGreaterThanOrEqual(900);
    expect(new Set(delays).size).toBe(draws.length);
  });

  it('a collector answering Retry-After: 5 again and again is retried ever more slowly', () => {
    const ceilings = [1, 2, 3, 4, 5, 6].map((attempt) =>
      retryDelayMs(attempt, CAP_MS, 5_000, () => 0.999),
    );
    expect(ceilings).toEqual([5_999, 6_998, 8_996, 12_992, 20_984, 36_968]);
    expect(retryDelayMs(30, CAP_MS, 5_000, () => 0.999)).toBe(5_000 + 299_700);
  });

  it('a hostile Retry-After of days is cut to an hour, plus the spread', () => {
    const retryAfterMs = parseRetryAfter(String(30 * 86_400), NOW);
    expect(retryAfterMs).toBe(3_600_000);
    expect(retryDelayMs(1, CAP_MS, retryAfterMs, () => 0.5)).toBe(3_600_500);
  });

  it('without Retry-After, full-jitter backoff as before', () => {
    expect(retryDelayMs(1, CAP_MS, null, () => 0)).toBe(0);
    expect(retryDelayMs(3, CAP_MS, null, () => 0.5)).toBe(2_000);
  });
});
