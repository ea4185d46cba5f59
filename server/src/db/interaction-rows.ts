import type { z } from 'zod';
import type { cxObservedSchema } from '../../../contract/events';
import type { AcceptedEvent, CxScore } from './database';

// What the projector (events-repository.ts, projectPending) needs in JavaScript: the CSAT
// ratings the CRM page showed. Events reach here validated
// (validate-batch.ts).

/** The event types the projector turns into interactions and CX scores. */
export const PROJECTED_EVENT_TYPES = ['interaction.summary', 'prompt.outcome', 'cx.observed'];

/** A `cx.observed` event and the person whose install sent it (`CxScore.observer`). */
export type ObservedEvent = AcceptedEvent & { observer: string };

/**
 * The CSAT ratings the page showed (`cx.observed`), the latest per record and observer: one
 * observer's rating never replaces another's.
 */
export function pageScoresOf(events: readonly ObservedEvent[]): CxScore[] {
  const byRecord = new Map<string, CxScore>();
  for (const event of events) {
    if (event.type !== 'cx.observed') continue;
    const cx = event.payload as z.infer<typeof cxObservedSchema>;
    const key = JSON.stringify([event.observer, cx.recordHash]);
    const known = byRecord.get(key);
    if (known && known.observedAt.getTime() > event.occurredAt) continue;
    byRecord.set(key, {
      recordHash: cx.recordHash,
      app: cx.app,
      metric: 'csat',
      source: 'page',
      score: cx.csat,
      scale: '1-5',
      observedAt: new Date(event.occurredAt),
      observer: event.observer,
    });
  }
  return [...byRecord.values()];
}
