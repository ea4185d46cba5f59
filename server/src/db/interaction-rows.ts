import type { z } from 'zod';
import type { cxObservedSchema } from '../../../contract/events';
import type { AcceptedEvent, CxScore } from './database';

// What the projector (events-repository.ts, projectPending) needs in JavaScript: the CSAT
// ratings the CRM page showed. Events reach here validated
// (validate-batch.ts).

/** The event types the projector turns into interactions and CX scores. */
export const PROJECTED_EVENT_TYPES = ['interaction.summary', 'prompt.outcome', 'cx.observed'];

/** The CSAT ratings the page showed (`cx.observed`), the latest per record. */
export function pageScoresOf(events: readonly AcceptedEvent[]): CxScore[] {
  const byRecord = new Map<string, CxScore>();
  for (const event of events) {
    if (event.type !== 'cx.observed') continue;
    const cx = event.payload as z.infer<typeof cxObservedSchema>;
    const known = byRecord.get(cx.recordHash);
    if (known && known.observedAt.getTime() > event.occurredAt) continue;
    byRecord.set(cx.recordHash, {
      recordHash: cx.recordHash,
      app: cx.app,
      metric: 'csat',
      source: 'page',
      score: cx.csat,
      scale: '1-5',
      observedAt: new Date(event.occurredAt),
    });
  }
  return [...byRecord.values()];
}
