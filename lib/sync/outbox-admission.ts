import { outboxEventSchema, type OutboxEvent } from '../../contract/events';
import { describeIssues } from '../../contract/validation';
import type { DeadLetter, TouchpointDb } from '../storage/db';

// The outbox holds only what the collector would accept (issue #13): the same contract is applied
// before an event is queued. An event that fails it (a bug, a clock gone wrong) goes straight to
// the dead letters with the reason, where the agent sees it, instead of being sent, refused and
// retried.

export type Admission = { admitted: OutboxEvent[]; refused: DeadLetter[] };

/**
 * Splits events into those the contract accepts and dead letters naming what was wrong; a dead
 * letter is dated `now`, or when its event occurred.
 */
export function admitEvents(events: readonly OutboxEvent[], now?: number): Admission {
  const admitted: OutboxEvent[] = [];
  const refused: DeadLetter[] = [];
  for (const event of events) {
    const parsed = outboxEventSchema.safeParse(event);
    if (parsed.success) admitted.push(event);
    else {
      refused.push({
        id: event.id,
        event,
        reason: `not sent: outside the collector's contract (${describeIssues(parsed.error)})`,
        failedAt: now ?? event.occurredAt,
        attempts: 1,
      });
    }
  }
  return { admitted, refused };
}

/**
 * Queues events for upload, dead-lettering those the contract refuses. Runs inside the caller's
 * transaction when there is one, which must include `outbox` and `deadLetters`.
 */
export async function queueEvents(
  db: TouchpointDb,
  events: readonly OutboxEvent[],
  now?: number,
): Promise<Admission> {
  const admission = admitEvents(events, now);
  if (admission.admitted.length > 0) await db.outbox.bulkAdd(admission.admitted);
  if (admission.refused.length > 0) await db.deadLetters.bulkPut(admission.refused);
  return admission;
}
