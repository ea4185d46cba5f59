import { describe, expect, it } from 'vitest';
import { INGEST_LIMITS } from '../../../contract/api';
import { createUuidV7 } from '../../../contract/uuidv7';
import { planBatch, summariseBatch } from './validate-batch';

const NOW = Date.parse('2026-05-04T12:00:00Z');
const uuid = createUuidV7();
const hourly = (occurredAt: number) => ({
  id: uuid(occurredAt),
  type: 'app.hourly',
  occurredAt,
  schemaVersion: 1,
  payload: { hourStart: occurredAt - (occurredAt % 3_600_000), app: 'zendesk', ms: 1_000 },
});

describe('checking a batch before storage', () => {
  it('accepts events up to the clock-skew and age limits and refuses one millisecond past them', () => {
    const events = [
      hourly(NOW + INGEST_LIMITS.maxFutureSkewMs),
      hourly(NOW + INGEST_LIMITS.maxFutureSkewMs + 1),
      hourly(NOW - INGEST_LIMITS.maxAgeMs),
      hourly(NOW - INGEST_LIMITS.maxAgeMs - 1),
    ];
    const statuses = planBatch(events, NOW).verdicts.map((verdict) => verdict.status);
    expect(statuses).toEqual(['accepted', 'rejected', 'accepted', 'rejected']);
  });

  it('tells an early event when to come again, up to a day past the skew; later, it is refused for good', () => {
    const { maxFutureSkewMs, maxDeferMs } = INGEST_LIMITS;
    const early = hourly(NOW + maxFutureSkewMs + 12 * 60_000); // a clock 17 minutes fast
    const lastDeferred = hourly(NOW + maxFutureSkewMs + maxDeferMs);
    const yearAhead = hourly(NOW + 365 * 86_400_000);
    const verdicts = planBatch([early, lastDeferred, yearAhead], NOW).verdicts;
    expect(verdicts.map((verdict) => verdict.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(verdicts.map((verdict) => 'retryAfterMs' in verdict && verdict.retryAfterMs)).toEqual([
      12 * 60_000 + 1_000,
      maxDeferMs + 1_000,
      false,
    ]);
    // A time other than occurredAt counts too: an hour filed ahead waits for the later of the two.
    const hourAhead = {
      ...hourly(NOW),
      payload: { hourStart: NOW + 3_600_000, app: 'zendesk', ms: 1 },
    };
    const [filed] = planBatch([hourAhead], NOW).verdicts;
    expect(filed).toMatchObject({
      status: 'rejected',
      reason: expect.stringMatching(/^payload\.hourStart: /),
      retryAfterMs: 3_600_000 - maxFutureSkewMs + 1_000,
    });
  });

  it('tells an event newer than this collector to come again later; a malformed type is final', () => {
    const event = hourly(NOW - 1_000);
    const verdicts = planBatch(
      [
        { ...event, type: 'screen.recorded' },
        { ...event, schemaVersion: 3 },
        { ...event, type: 'Not a type!' },
        { ...event, type: 42 },
        { ...event, schemaVersion: 0 },
      ],
      NOW,
    ).verdicts;
    expect(
      verdicts.map((verdict) => 'deferredBecause' in verdict && verdict.deferredBecause),
    ).toEqual(['version', 'version', false, false, false]);
    expect(verdicts[1]).toMatchObject({
      status: 'rejected',
      reason: "schemaVersion: 3 is newer than this collector's 1 for app.hourly",
      retryAfterMs: INGEST_LIMITS.versionRetryMs,
    });
  });

  it('sends each id to storage once and reports what storage kept as stored, the rest as duplicates', () => {
    const [a, b] = [hourly(NOW - 1_000), hourly(NOW - 2_000)];
    const plan = planBatch([a, b, a], NOW);
    expect(plan.accepted.map((event) => event.id)).toEqual([a.id, b.id]);
    // Storage already had b from an earlier request.
    const response = summariseBatch(plan, new Set([a.id]));
    expect(response.results.map((result) => result.status)).toEqual([
      'stored',
      'duplicate',
      'duplicate',
    ]);
    expect(response).toMatchObject({ stored: 1, duplicates: 2, rejected: 0 });
  });

  it('keeps reasons short and ids readable only when they are short strings', () => {
    const long = { ...hourly(NOW), id: 'x'.repeat(5_000), type: 'y'.repeat(5_000) };
    const [verdict] = planBatch([long], NOW).verdicts;
    expect(verdict).toMatchObject({ status: 'rejected', id: null });
    expect(verdict?.status === 'rejected' && verdict.reason.length).toBeLessThanOrEqual(500);
  });
});
