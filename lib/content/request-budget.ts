/**
 * How often the content script may ask a CRM's own API about the record in front (issue #15).
 * The API shares the agent's session and the account's rate limit (Zendesk: 200 to 700 requests a
 * minute for the whole account), so each tab stays well inside a fixed share of it.
 */
export const API_REFRESH = {
  /** Requests per tab in any 60 s (every step counts: Zendesk's ticket and requester are two). */
  maxRequestsPerMinute: 20,
  /** Between two refreshes caused by page changes; later changes are folded into one trailing read. */
  minGapMs: 400,
  /** While the page is visible, the record is read again this often even if nothing changed. */
  intervalMs: 30_000,
  /** How long a record that left the page waits for its last API read before the next is reported. */
  lastLookTimeoutMs: 1_500,
} as const;

const WINDOW_MS = 60_000;

/** A sliding one-minute window of request times. Pure apart from its own list; times are passed in. */
export function createRequestBudget(maxPerMinute: number = API_REFRESH.maxRequestsPerMinute) {
  const taken: number[] = [];
  const forget = (now: number) => {
    while (taken.length > 0 && taken[0]! <= now - WINDOW_MS) taken.shift();
  };
  return {
    /** Whether `count` requests may start now. */
    allows(count: number, now: number): boolean {
      forget(now);
      return taken.length + count <= maxPerMinute;
    },
    /** Counts one request made at `now`. */
    take(now: number) {
      forget(now);
      taken.push(now);
    },
    /** The earliest time `count` requests fit (now when they already do). */
    nextFreeAt(count: number, now: number): number {
      forget(now);
      const excess = taken.length + count - maxPerMinute;
      if (excess <= 0) return now;
      return taken[excess - 1]! + WINDOW_MS;
    },
  };
}
export type RequestBudget = ReturnType<typeof createRequestBudget>;
