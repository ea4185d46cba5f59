import type { z } from 'zod';
import type { cxObservedSchema } from '../../../contract/events';
import type { AcceptedEvent, CxScore, InteractionRow } from './database';

// What the projector (sql-database.ts, projectPending) needs in JavaScript: the interaction key
// the direct writer uses, and the CSAT ratings the CRM page showed. Events reach here validated
// (validate-batch.ts).

/** The event types the projector turns into interactions and CX scores. */
export const PROJECTED_EVENT_TYPES = ['interaction.summary', 'prompt.outcome', 'cx.observed'];

/**
 * The interaction's key: the same from its `interaction.summary` and from the `prompt.outcome`
 * that repeats it. Migration 2 and the projector (PROJECT_INTERACTIONS) build the same string in
 * SQL.
 */
export const interactionKey = (
  row: Pick<InteractionRow, 'agentId' | 'app' | 'recordHash' | 'start' | 'end'>,
) => `${row.agentId ?? ''}|${row.app}|${row.recordHash ?? ''}|${row.start}|${row.end}`;

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
