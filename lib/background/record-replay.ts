import type { StoredContext } from '../storage/db';
import type { RecordSeenEvent } from '../tracking/events';
import { triggerFieldsOf } from '../tracking/trigger-fields';
import type { TabRecord } from './tab-state';

/** What the tracker learns from a record the page reported. */
export function recordSeen(tabId: number, stored: StoredContext): RecordSeenEvent {
  return {
    type: 'record.seen',
    tabId,
    recordKey: stored.key,
    app: stored.app,
    status: stored.status,
    fields: triggerFieldsOf(stored),
    identityKeys: stored.identityKeys,
  };
}

export type RecordReplayDeps = {
  /** The browser's open tabs. */
  tabIds: () => Promise<number[]>;
  /** The record each tab's page last reported (the sidebar's per-tab state). */
  recordOf: (tabId: number) => Promise<TabRecord | undefined>;
  /** The record as last read, by key. */
  contextOf: (recordKey: string) => Promise<StoredContext | undefined>;
};

/**
 * The records the open tabs show, as the tracker learns them from a page's report. Tracking
 * switched off forgets every record (nothing is kept about them while off); a page reports its
 * record only when it changes, so without these the tickets open across the switch were no
 * record, no interaction and no prompt until the agent navigated.
 */
export async function openRecordsSeen(deps: RecordReplayDeps): Promise<RecordSeenEvent[]> {
  const seen: RecordSeenEvent[] = [];
  for (const tabId of await deps.tabIds()) {
    const record = await deps.recordOf(tabId);
    const stored = record && (await deps.contextOf(record.recordKey));
    if (stored) seen.push(recordSeen(tabId, stored));
  }
  return seen;
}
