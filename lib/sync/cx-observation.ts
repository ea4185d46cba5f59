import { queueEvents } from './outbox-admission';
import type { TouchpointDb } from '../storage/db';
import type { RecordType } from '../../contract/record-fields';
import type { OutboxEvent } from '../../contract/events';

/**
 * A CSAT rating as an adapter reads it, on the 1–5 scale the reports use: Zendesk's binary
 * `satisfaction_rating.score` ("good"/"bad") maps to 5/1; a 1–5 number is kept; anything else
 * ("offered", "unoffered", free text) is no rating.
 */
export function csatScoreOf(raw: string | undefined): number | null {
  if (raw === undefined) return null;
  const value = raw.trim().toLowerCase();
  if (value === 'good' || value === 'goodwithcomment') return 5;
  if (value === 'bad' || value === 'badwithcomment') return 1;
  return /^[1-5]$/.test(value) ? Number(value) : null;
}

type RatedRecord = {
  key: string;
  app: string;
  recordType: RecordType;
  recordId: string;
  csat?: string;
};

const SENT_PREFIX = 'cx-sent:';
const sentKey = (recordKey: string) => `${SENT_PREFIX}${recordKey}`;
const recordKeyOfMark = (markKey: string) => markKey.slice(SENT_PREFIX.length);

/**
 * Queues a `cx.observed` event when a record page shows a CSAT rating (issue #7): once per record
 * and rating, so re-reading the same page sends nothing new and a changed rating is sent again.
 * Without a team secret there is nothing to join it to, so nothing is queued.
 */
export function createCxObserver(
  db: TouchpointDb,
  deps: {
    newId: (now: number) => string;
    hashRecord: (app: string, recordId: string) => Promise<string | null>;
  },
) {
  return async function observeRating(record: RatedRecord, now: number): Promise<boolean> {
    const csat = csatScoreOf(record.csat);
    if (csat === null) return false;
    const recordHash = await deps.hashRecord(record.app, record.recordId);
    if (recordHash === null) return false;
    const event: OutboxEvent = {
      id: deps.newId(now),
      type: 'cx.observed',
      occurredAt: now,
      schemaVersion: 1,
      payload: { app: record.app, recordType: record.recordType, recordHash, csat },
    };
    return db.transaction('rw', [db.meta, db.outbox, db.deadLetters], async () => {
      if ((await db.meta.get(sentKey(record.key)))?.value === csat) return false;
      await queueEvents(db, [event], now);
      await db.meta.put({ key: sentKey(record.key), value: csat });
      return true;
    });
  };
}

/**
 * Deletes the marks of ratings sent for records whose context the browser no longer keeps. A mark
 * names its record (instance and raw id), so it must not outlive the context, which goes
 * `retentionDays` after the record was last seen (`ContextStore.prune`); run it after that prune.
 * The mark holds no time of its own (nor do those already written): its context dates it, and
 * while the context is kept the mark still stops the same rating from being sent twice.
 */
export async function pruneForgottenRatingMarks(db: TouchpointDb): Promise<number> {
  return db.transaction('rw', [db.meta, db.contexts], async () => {
    const marks = await db.meta.where('key').startsWith(SENT_PREFIX).primaryKeys();
    const kept = await db.contexts.where('key').anyOf(marks.map(recordKeyOfMark)).primaryKeys();
    const forgotten = marksWithoutContext(marks, kept);
    await db.meta.bulkDelete(forgotten);
    return forgotten.length;
  });
}

/** The mark keys whose record key is not among the contexts kept. */
function marksWithoutContext(marks: readonly string[], keptContexts: readonly string[]): string[] {
  const kept = new Set(keptContexts);
  return marks.filter((mark) => !kept.has(recordKeyOfMark(mark)));
}
