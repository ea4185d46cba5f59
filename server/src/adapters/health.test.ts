import { describe, expect, it } from 'vitest';
import { findHitRateDrop, type HourCounts } from './health';

const HOUR = 3_600_000;
const now = Date.parse('2026-03-02T12:30:00Z');
const thisHour = Math.floor(now / HOUR) * HOUR;
/** Hours counted back from this one: `at(3, 9, 1)` is three hours ago, 9 matched, 1 missed. */
const at = (hoursAgo: number, matched: number, missed: number): HourCounts => ({
  hourStart: thisHour - hoursAgo * HOUR,
  matched,
  missed,
});

describe('the adapter health flag', () => {
  it('flags a field that matched at least 90% the day before and under 50% since', () => {
    const drop = findHitRateDrop([at(20, 18, 2), at(10, 9, 1), at(2, 1, 4)], now);
    expect(drop).toEqual({ since: thisHour - 2 * HOUR, rateBefore: 0.9, rateSince: 0.2 });
  });

  it('does not flag a field that was already weak before the drop', () => {
    expect(findHitRateDrop([at(20, 17, 3), at(2, 0, 5)], now)).toBeNull();
  });

  it('does not flag a fall that stays at or above half', () => {
    expect(findHitRateDrop([at(20, 20, 0), at(2, 3, 3)], now)).toBeNull();
  });

  it('does not flag a field that recovered: the stretch since the drop runs up to now', () => {
    expect(findHitRateDrop([at(20, 20, 0), at(3, 0, 3), at(1, 10, 0)], now)).toBeNull();
  });

  it('needs enough records on both sides: one odd page is no broken selector', () => {
    expect(findHitRateDrop([at(20, 5, 0), at(2, 0, 5)], now)).toBeNull();
    expect(findHitRateDrop([at(20, 20, 0), at(2, 0, 2)], now)).toBeNull();
  });

  it('only looks at drops within the last day, against the 24 hours before them', () => {
    // Broken for two days: the day before any recent hour was already broken.
    expect(findHitRateDrop([at(70, 20, 0), at(40, 0, 10), at(2, 0, 5)], now)).toBeNull();
    // Healthy more than a day before the drop does not count as "the day before".
    expect(findHitRateDrop([at(30, 20, 0), at(2, 0, 5)], now)).toBeNull();
  });

  it('reports the earliest hour from which the field stayed broken', () => {
    const drop = findHitRateDrop([at(20, 30, 0), at(5, 0, 4), at(4, 1, 3), at(1, 0, 2)], now);
    expect(drop?.since).toBe(thisHour - 5 * HOUR);
    expect(drop?.rateSince).toBeCloseTo(0.1);
  });
});
