import { INGEST_LIMITS, type EventResult, type IngestResponse } from '../../../contract/api';
import { OUTBOX_PAYLOADS, outboxEventSchema, type OutboxEvent } from '../../../contract/events';
import { describeIssues } from '../../../contract/validation';
import type { AcceptedEvent } from '../db/database';

const KNOWN_TYPES = Object.keys(OUTBOX_PAYLOADS);
/** What an event type looks like (`interaction.summary`): one not known here is newer. */
const TYPE_NAME = /^[a-z][a-z-]*(?:\.[a-z][a-z-]*)+$/;
/** The schema version every known type is at. */
const KNOWN_SCHEMA_VERSION = 1;
/** An event of a newer extension than this collector: kept by the sender, for after the update. */
const NEWER_THAN_COLLECTOR = {
  retryAfterMs: INGEST_LIMITS.versionRetryMs,
  deferredBecause: 'version',
} as const;
const MAX_REASON = 500;

export type TimeWindow = { maxFutureSkewMs: number; maxAgeMs: number; maxDeferMs: number };

/** Why an event is refused; `retryAfterMs` when it may be taken later (`deferredBecause`). */
type Refusal = Pick<EventResult, 'retryAfterMs' | 'deferredBecause'> & { reason: string };

/** The verdict on one event before storage: `accepted` becomes `stored` or `duplicate`. */
export type EventVerdict =
  | ({ index: number; id: string | null; status: 'rejected' } & Refusal)
  | { index: number; id: string; status: 'duplicate' }
  | { index: number; id: string; status: 'accepted' };

export type BatchPlan = { verdicts: EventVerdict[]; accepted: AcceptedEvent[] };

const readableId = (raw: unknown): string | null => {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === 'string' && id.length <= 100 ? id : null;
};

const clip = (reason: string) =>
  reason.length <= MAX_REASON ? reason : `${reason.slice(0, MAX_REASON - 1)}…`;

/**
 * The event's own time and the time it files its figures under (the interaction's end sets the
 * report week, an hour its hour). Both are held to the window: with `occurredAt` alone, a client
 * could file work under any closed week since 2020 and change reports already read, or adapter
 * health under an hour to come, where it counted unseen until that hour.
 */
export function eventTimes(event: OutboxEvent): [field: string, at: number][] {
  const times: [string, number][] = [['occurredAt', event.occurredAt]];
  if (event.type === 'interaction.summary') times.push(['payload.end', event.payload.end]);
  if (event.type === 'prompt.outcome')
    times.push(['payload.interaction.end', event.payload.interaction.end]);
  if (event.type === 'app.hourly' || event.type === 'adapter.health')
    times.push(['payload.hourStart', event.payload.hourStart]);
  return times;
}

/** Why one event is refused, or the event as it will be stored. */
function checkEvent(raw: unknown, now: number, window: TimeWindow): AcceptedEvent | Refusal {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { reason: 'event: expected an object' };
  }
  const type = (raw as { type?: unknown }).type;
  if (typeof type !== 'string' || !KNOWN_TYPES.includes(type)) {
    const shown =
      typeof type === 'string' ? JSON.stringify(type.slice(0, 60)) : String(typeof type);
    const reason = `type: unknown event type ${shown} (known: ${KNOWN_TYPES.join(', ')})`;
    return typeof type === 'string' && type.length <= 60 && TYPE_NAME.test(type)
      ? { reason, ...NEWER_THAN_COLLECTOR }
      : { reason };
  }
  const version = (raw as { schemaVersion?: unknown }).schemaVersion;
  if (typeof version === 'number' && Number.isInteger(version) && version > KNOWN_SCHEMA_VERSION) {
    const reason = `schemaVersion: ${version} is newer than this collector's ${KNOWN_SCHEMA_VERSION} for ${type}`;
    return { reason, ...NEWER_THAN_COLLECTOR };
  }
  const parsed = outboxEventSchema.safeParse(raw);
  if (!parsed.success) return { reason: describeIssues(parsed.error) };
  const event = parsed.data;
  const times = eventTimes(event);
  const old = times.find(([, at]) => at < now - window.maxAgeMs);
  if (old)
    return { reason: `${old[0]}: older than ${Math.round(window.maxAgeMs / 86_400_000)} days` };
  const early = times.filter(([, at]) => at > now + window.maxFutureSkewMs);
  if (early.length > 0) {
    const [field, at] = early[0]!;
    const reason = `${field}: ${at - now} ms in the future, more than the ${window.maxFutureSkewMs} ms clock skew allowed`;
    // Until the latest of its times is within the skew, and a second for the trip back.
    const wait = Math.max(...early.map(([, time]) => time)) - now - window.maxFutureSkewMs;
    return wait <= window.maxDeferMs
      ? { reason, retryAfterMs: wait + 1_000, deferredBecause: 'clock' }
      : { reason };
  }
  return {
    id: event.id,
    type: event.type,
    occurredAt: event.occurredAt,
    schemaVersion: event.schemaVersion,
    payload: event.payload,
  };
}

/**
 * Checks a batch event by event (one bad event never fails the rest) and drops repeats of an id
 * within the batch, so that each id reaches storage once.
 */
export function planBatch(
  events: readonly unknown[],
  now: number,
  window: TimeWindow = INGEST_LIMITS,
): BatchPlan {
  const seen = new Set<string>();
  const accepted: AcceptedEvent[] = [];
  const verdicts = events.map((raw, index): EventVerdict => {
    const checked = checkEvent(raw, now, window);
    if ('reason' in checked) {
      return {
        ...checked,
        index,
        id: readableId(raw),
        status: 'rejected',
        reason: clip(checked.reason),
      };
    }
    if (seen.has(checked.id)) return { index, id: checked.id, status: 'duplicate' };
    seen.add(checked.id);
    accepted.push(checked);
    return { index, id: checked.id, status: 'accepted' };
  });
  return { verdicts, accepted };
}

/** The answer once storage said which accepted ids were new. */
export function summariseBatch(plan: BatchPlan, storedIds: ReadonlySet<string>): IngestResponse {
  const results = plan.verdicts.map((verdict): EventResult => {
    if (verdict.status === 'accepted') {
      return {
        index: verdict.index,
        id: verdict.id,
        status: storedIds.has(verdict.id) ? 'stored' : 'duplicate',
      };
    }
    return verdict;
  });
  const count = (status: EventResult['status']) =>
    results.filter((result) => result.status === status).length;
  return {
    results,
    stored: count('stored'),
    duplicates: count('duplicate'),
    rejected: count('rejected'),
  };
}
