import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limit';

describe('token bucket rate limit', () => {
  it('allows a burst, then one request per refill, and says how long to wait', () => {
    const take = createRateLimiter({ perSecond: 2, burst: 3 });
    const at = 1_000_000;
    expect([take('t', at), take('t', at), take('t', at)].every((d) => d.allowed)).toBe(true);
    expect(take('t', at)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    // Half a second refills one request at two per second.
    expect(take('t', at + 500).allowed).toBe(true);
    expect(take('t', at + 500).allowed).toBe(false);
    // A long pause refills to the burst, never beyond.
    const later = at + 60_000;
    const decisions = Array.from({ length: 4 }, () => take('t', later).allowed);
    expect(decisions).toEqual([true, true, true, false]);
  });

  it('keeps one bucket per token', () => {
    const take = createRateLimiter({ perSecond: 1, burst: 1 });
    expect(take('a', 0).allowed).toBe(true);
    expect(take('a', 0).allowed).toBe(false);
    expect(take('b', 0).allowed).toBe(true);
  });

  it('rounds the wait up to whole seconds for slow refill rates', () => {
    const take = createRateLimiter({ perSecond: 0.1, burst: 1 });
    take('t', 0);
    expect(take('t', 1_000)).toEqual({ allowed: false, retryAfterSeconds: 9 });
  });

  it('forgets full buckets once it holds many keys, and still limits the busy ones', () => {
    const take = createRateLimiter({ perSecond: 1, burst: 2 });
    take('busy', 0);
    take('busy', 0);
    for (let source = 0; source < 10_001; source++) take(`source-${source}`, 0);
    expect(take.size()).toBe(10_002);
    // A minute later every bucket but the busy one's (drained again now) is full.
    expect(take('busy', 60_000).allowed).toBe(true);
    expect(take('busy', 60_000).allowed).toBe(true);
    expect(take('busy', 60_000).allowed).toBe(false);
    expect(take('new', 60_000).allowed).toBe(true);
    expect(take.size()).toBeLessThan(10);
  });
});
