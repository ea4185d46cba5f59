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

/** A token bucket per key (token id); `now` in milliseconds is passed in, so tests need no timers. */
export function createRateLimiter(options: RateLimitOptions) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return function take(key: string, now: number): RateDecision {
    const bucket = buckets.get(key) ?? { tokens: options.burst, at: now };
    const refilled = Math.min(
      options.burst,
      bucket.tokens + (Math.max(0, now - bucket.at) / 1000) * options.perSecond,
    );
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
}
export type RateLimiter = ReturnType<typeof createRateLimiter>;
