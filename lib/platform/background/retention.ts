import { browser } from 'wxt/browser';
import type { ContextStore } from '../../context/context-store';
import type { TouchpointDb } from '../../storage/db';
import { pruneRecordReferences } from '../../storage/record-retention';
import type { TrackingStore } from '../../storage/tracking-store';
import type { PolicyService } from './policy';
import type { SyncService } from './sync';

const PRUNE_ALARM = 'prune-local-data';

export type RetentionDeps = {
  db: TouchpointDb;
  now: () => number;
  policy: Pick<PolicyService, 'settings'>;
  contexts: ContextStore;
  tracking: Pick<TrackingStore, 'prune'>;
  sync: Pick<SyncService, 'pruneSynced'>;
};

/** Local data older than `retentionDays` goes: hourly by alarm, and when the browser starts. */
export function createRetentionService(deps: RetentionDeps) {
  const pruneLocalData = async () => {
    const { retentionDays } = await deps.policy.settings();
    const now = deps.now();
    await deps.contexts.prune(now, retentionDays);
    await pruneRecordReferences(deps.db, now, retentionDays);
    await deps.tracking.prune(now, retentionDays);
    await deps.sync.pruneSynced(now, retentionDays);
  };
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === PRUNE_ALARM) void pruneLocalData();
  });
  browser.runtime.onInstalled.addListener(() => {
    void browser.alarms.create(PRUNE_ALARM, { periodInMinutes: 60, delayInMinutes: 1 });
  });
  browser.runtime.onStartup.addListener(() => void pruneLocalData());
}
