export type RateLimitOptions = {
  /** Requests per second a token may sustain. */
  perSecond: number;
  /** Requests a token may send at once after a quiet spell. */
  burst: number;
};

/** Generous: an extension syncs once a minute, a busy backlog drain a few times a second. */
export const DEFAULT_RATE_LIMIT: RateLimitOptions = { perSecond: 50, burst: 100 };

/**
 * Webhook calls without the right secret, per source address: a CRM sends from a few addresses
 * and, configured right, never fails; a scanner gets a 429 after a few tries.
 */
export const WEBHOOK_FAILURE_LIMIT: RateLimitOptions = { perSecond: 1, burst: 10 };

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Above this many buckets, full ones are dropped: keys by source address are unbounded. */
const PRUNE_ABOVE_KEYS = 10_000;

/** A token bucket per key (token id); `now` in milliseconds is passed in, so tests need no timers. */
export function createRateLimiter(options: RateLimitOptions) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const refill = (bucket: { tokens: number; at: number }, now: number) =>
    Math.min(
      options.burst,
      bucket.tokens + (Math.max(0, now - bucket.at) / 1000) * options.perSecond,
    );
  let prunedAt = -Infinity;
  const take = function take(key: string, now: number): RateDecision {
    // At most once a second, so that a flood of new keys costs one scan a second, not one each.
    if (buckets.size > PRUNE_ABOVE_KEYS && now - prunedAt >= 1000) {
      prunedAt = now;
      // A full bucket is what a new key gets anyway: forgetting it changes no decision.
      for (const [known, bucket] of buckets) {
        if (refill(bucket, now) >= options.burst) buckets.delete(known);
      }
    }
    const bucket = buckets.get(key) ?? { tokens: options.burst, at: now };
    const refilled = refill(bucket, now);
    if (refilled >= 1) {
      buckets.set(key, { tokens: refilled - 1, at: now });
      return { allowed: true };
    }
    buckets.set(key, { tokens: refilled, at: now });
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil((1 - refilled) / options.perSecond)),
    };
  };
  return Object.assign(take, { size: () => buckets.size });
}
export type RateLimiter = ReturnType<typeof createRateLimiter>;
