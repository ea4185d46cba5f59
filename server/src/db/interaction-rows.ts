import type { z } from 'zod';
import type {
  cxObservedSchema,
  interactionSummarySchema,
  promptOutcomeSchema,
} from '../../../lib/sync/outbox-events';
import type { AcceptedEvent, CxScore, InteractionRow } from './database';

// What the projector writes from the stored events (issue #7): one `interactions` row per
// interaction and the CSAT the CRM page showed. Events reach here validated (validate-batch.ts).

type Summary = z.infer<typeof interactionSummarySchema>;

/** The event types the projector turns into interactions and CX scores. */
export const PROJECTED_EVENT_TYPES = ['interaction.summary', 'prompt.outcome', 'cx.observed'];

/**
 * The interaction's key: the same from its `interaction.summary` and from the `prompt.outcome`
 * that repeats it. Migration 2 builds the same string in SQL for events stored before it.
 */
export const interactionKey = (
  row: Pick<InteractionRow, 'agentId' | 'app' | 'recordHash' | 'start' | 'end'>,
) => `${row.agentId ?? ''}|${row.app}|${row.recordHash ?? ''}|${row.start}|${row.end}`;

const fromSummary = (agentId: string | null, s: Summary): InteractionRow => ({
  agentId,
  app: s.app,
  recordHash: s.recordHash,
  start: s.start,
  end: s.end,
  handleMs: s.handleMs,
  awayMs: s.awayMs,
  switchCount: s.switchCount,
  appsUsed: s.appsUsed,
  effortScore: null,
  effortScale: null,
  reasons: [],
});

/** Interaction rows of the events, one per key; an answered prompt adds its effort answer. */
export function interactionRowsOf(
  agentId: string | null,
  events: readonly AcceptedEvent[],
): InteractionRow[] {
  const byKey = new Map<string, InteractionRow>();
  for (const event of events) {
    let row: InteractionRow;
    if (event.type === 'interaction.summary') {
      row = fromSummary(agentId, event.payload as Summary);
    } else if (event.type === 'prompt.outcome') {
      const outcome = event.payload as z.infer<typeof promptOutcomeSchema>;
      row = fromSummary(agentId, outcome.interaction);
      if (outcome.outcome === 'answered' && outcome.score !== null) {
        row = {
          ...row,
          effortScore: outcome.score,
          effortScale: outcome.scale,
          reasons: outcome.reasons,
        };
      }
    } else continue;
    const key = interactionKey(row);
    const known = byKey.get(key);
    if (!known || (row.effortScore !== null && known.effortScore === null)) byKey.set(key, row);
  }
  return [...byKey.values()];
}

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
