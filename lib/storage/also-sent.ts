import { Dexie } from 'dexie';
import type { OutboxEvent } from '../../contract/events';
import type { TouchpointDb } from './db';

/**
 * Outbox events about the agent that the day's spans, switches, interactions and prompts do not
 * show: the customer ratings seen on their records, the adapters' hourly counts of records read
 * and drop reports. The agent sees them too (PRODUCT.md: what is collected is visible).
 */
const ALSO_SENT_TYPES: ReadonlySet<string> = new Set([
  'cx.observed',
  'adapter.health',
  'events.dropped',
]);

/** The outbox events of `ALSO_SENT_TYPES` since `since`, queued or sent, in time order. */
export async function alsoSentSince(db: TouchpointDb, since: number): Promise<OutboxEvent[]> {
  const ofState = (synced: 0 | 1) =>
    db.outbox
      .where('[synced+occurredAt]')
      .between([synced, since], [synced, Dexie.maxKey])
      .filter((row) => ALSO_SENT_TYPES.has(row.type))
      .toArray();
  const rows = (await Promise.all([ofState(0), ofState(1)])).flat();
  return rows.sort((a, b) => a.occurredAt - b.occurredAt);
}
