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

const sentKey = (recordKey: string) => `cx-sent:${recordKey}`;

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
