import {
  errorResponseSchema,
  ingestResponseSchema,
  type EventResult,
  type IngestResponse,
} from '../../contract/api';

/**
 * What the sync engine does with each answer of `POST /v1/events` (issue #5). One table, mirrored
 * in the README's "Sync" section: keep the two in step.
 */
export const STATUS_POLICY = [
  {
    answer: '2xx with a valid ingest body',
    action: 'ack',
    effect: 'stored and duplicate events are marked synced',
  },
  {
    answer: '2xx with an invalid body',
    action: 'retry',
    effect: 'nothing is marked synced; retried with backoff',
  },
  {
    answer: '422 with a valid ingest body',
    action: 'ack',
    effect:
      "stored and duplicate events marked synced; rejected ones dead-lettered with the server's reason, except those it will take later (`retryAfterMs`: dated ahead of its clock by at most a day past the skew), which stay queued until then",
  },
  {
    answer: '413',
    action: 'split',
    effect: 'the batch is sent again in halves; a single event still too large is dead-lettered',
  },
  {
    answer: '400, or 422 without per-event results',
    action: 'isolate',
    effect:
      "split in halves until the bad event is alone, then dead-lettered with the server's message",
  },
  {
    answer: '401, 403',
    action: 'block',
    effect:
      'the install enrols again once and resends; refused again, sync stops and shows "not authorised" until the collector URL or token changes',
  },
  {
    answer: 'network error, timeout, 408, 425, 429, 5xx',
    action: 'retry',
    effect:
      'exponential backoff with full jitter up to syncBackoffCapSeconds; a Retry-After (seconds or date, at least 1 s, at most 1 h) is waited first, with that backoff on top',
  },
  {
    answer: 'any other status',
    action: 'retry',
    effect: 'retried with backoff and shown: usually a wrong collector URL',
  },
] as const;

export type StatusAction = (typeof STATUS_POLICY)[number]['action'];

/** The answer to one batch as the engine acts on it. */
export type BatchVerdict =
  | { action: 'ack'; results: EventResult[] }
  | { action: 'split' }
  | { action: 'isolate'; message: string }
  | { action: 'block'; status: number }
  | {
      action: 'retry';
      problem: 'server' | 'rate-limited' | 'invalid-response' | 'unexpected-status';
      status: number;
      /** From `Retry-After`, when the collector sent one. */
      retryAfterMs: number | null;
    };

const RETRYABLE = new Set([408, 425, 429]);

/**
 * Classifies a collector answer by the table above. `body` is the parsed JSON (undefined when it
 * was not JSON); the results must cover the batch's `eventIds` exactly, one per event.
 */
export function classifyAnswer(
  status: number,
  body: unknown,
  retryAfter: string | null,
  eventIds: readonly string[],
  now: number,
): BatchVerdict {
  const retryAfterMs = parseRetryAfter(retryAfter, now);
  if (status >= 200 && status < 300) {
    const results = coveringResults(body, eventIds);
    return results
      ? { action: 'ack', results }
      : { action: 'retry', problem: 'invalid-response', status, retryAfterMs };
  }
  if (status === 422) {
    const results = coveringResults(body, eventIds);
    if (results) return { action: 'ack', results };
    return { action: 'isolate', message: errorMessage(body, status) };
  }
  if (status === 413) return { action: 'split' };
  if (status === 400) return { action: 'isolate', message: errorMessage(body, status) };
  if (status === 401 || status === 403) return { action: 'block', status };
  if (RETRYABLE.has(status))
    return {
      action: 'retry',
      problem: status === 429 ? 'rate-limited' : 'server',
      status,
      retryAfterMs,
    };
  if (status >= 500) return { action: 'retry', problem: 'server', status, retryAfterMs };
  return { action: 'retry', problem: 'unexpected-status', status, retryAfterMs };
}

/** The per-event results when the body is a valid ingest answer with one result per event. */
function coveringResults(body: unknown, eventIds: readonly string[]): EventResult[] | null {
  const parsed = ingestResponseSchema.safeParse(body);
  if (!parsed.success) return null;
  const response: IngestResponse = parsed.data;
  const seen = new Set<number>();
  for (const result of response.results) {
    if (result.index >= eventIds.length || seen.has(result.index)) return null;
    if (result.id !== null && result.id !== eventIds[result.index]) return null;
    seen.add(result.index);
  }
  return seen.size === eventIds.length ? response.results : null;
}

function errorMessage(body: unknown, status: number): string {
  const parsed = errorResponseSchema.safeParse(body);
  return parsed.success ? parsed.data.message : `HTTP ${status}`;
}

/** A bogus far-future `Retry-After` must not silence sync for days. */
const MAX_RETRY_AFTER_MS = 3_600_000;

/** `Retry-After` as a delay: delta-seconds or an HTTP date (RFC 9110 §10.2.3); null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Math.min(Number(trimmed) * 1000, MAX_RETRY_AFTER_MS);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.min(Math.max(0, at - now), MAX_RETRY_AFTER_MS);
}

const BASE_DELAY_MS = 1000;

/**
 * The least wait after a `Retry-After`: 0, or a date already past on this clock, would otherwise
 * retry at once, again and again. Backoff's first step.
 */
export const MIN_RETRY_AFTER_MS = BASE_DELAY_MS;

/**
 * Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff And
 * Jitter", 2015): a uniform draw in [0, min(cap, base · 2^(attempt-1))], so that many agents
 * coming back online at once do not hit the collector in lockstep. `attempt` counts from 1.
 */
export function backoffDelayMs(attempt: number, capMs: number, random: () => number): number {
  const ceiling = Math.min(capMs, BASE_DELAY_MS * 2 ** Math.min(Math.max(0, attempt - 1), 30));
  return Math.floor(random() * ceiling);
}

/** The longest wait `retryDelayMs` chooses under `capMs`. */
export function longestRetryDelayMs(capMs: number): number {
  return Math.max(MAX_RETRY_AFTER_MS, MIN_RETRY_AFTER_MS) + capMs;
}

/**
 * The wait before the next attempt: backoff, after the collector's `Retry-After` when it sent
 * one. Its `Retry-After` is a floor, not a meeting time: every install given the collector's
 * shutdown answer (`Retry-After: 5`) would come back in the same instant, and a collector that
 * keeps answering so would be retried at that pace for ever.
 */
export function retryDelayMs(
  attempt: number,
  capMs: number,
  retryAfterMs: number | null,
  random: () => number,
): number {
  const backoff = backoffDelayMs(attempt, capMs, random);
  return retryAfterMs === null ? backoff : Math.max(retryAfterMs, MIN_RETRY_AFTER_MS) + backoff;
}
