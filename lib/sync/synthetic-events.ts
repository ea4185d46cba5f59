import type { TouchpointDb } from '../storage/db';
import type { OutboxEvent } from '../../contract/events';

const HOUR_MS = 3_600_000;
/** Rows per transaction: big enough to be quick, small enough not to hold the database long. */
const CHUNK = 2_000;

/**
 * E2E builds only (lib/messaging/debug-requests.ts): queues `count` valid `app.hourly` events with
 * distinct ids and increasing `occurredAt` (`spacingMs` apart from `startAt`) through the normal
 * outbox path, so a fault-injection test can make a large backlog, or a day offline, quickly.
 */
export async function enqueueSyntheticEvents(
  db: TouchpointDb,
  count: number,
  startAt: number,
  newId: (now: number) => string,
  spacingMs = 1,
): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = 0; offset < count; offset += CHUNK) {
    const events: OutboxEvent[] = [];
    for (let i = offset; i < Math.min(count, offset + CHUNK); i++) {
      const occurredAt = startAt + i * spacingMs;
      events.push({
        id: newId(occurredAt),
        type: 'app.hourly',
        occurredAt,
        schemaVersion: 1,
        payload: {
          hourStart: Math.floor(occurredAt / HOUR_MS) * HOUR_MS - HOUR_MS,
          app: 'synthetic',
          ms: 1,
        },
      });
    }
    await db.transaction('rw', db.outbox, () => db.outbox.bulkAdd(events));
    ids.push(...events.map((event) => event.id));
  }
  return ids;
}
