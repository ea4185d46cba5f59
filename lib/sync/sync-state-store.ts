import { Dexie } from 'dexie';
import type { TouchpointDb } from '../storage/db';
import {
  INITIAL_SYNC_STATE,
  SYNC_STATE_KEY,
  syncStateSchema,
  type SyncState,
  type SyncStatus,
} from './sync-state';

/** The stored state, or the initial one when there is none or it has an older shape. */
export async function readSyncState(db: TouchpointDb): Promise<SyncState> {
  const parsed = syncStateSchema.safeParse((await db.meta.get(SYNC_STATE_KEY))?.value);
  return parsed.success ? parsed.data : INITIAL_SYNC_STATE;
}

/** Applies `change` to the stored state inside the caller's transaction or a new one. */
export async function updateSyncState(
  db: TouchpointDb,
  change: (state: SyncState) => SyncState,
): Promise<SyncState> {
  return db.transaction('rw', db.meta, async () => {
    const next = change(await readSyncState(db));
    await db.meta.put({ key: SYNC_STATE_KEY, value: next });
    return next;
  });
}

/** The status as `sync.status` reports it; the caller knows the settings and the running run. */
export async function readSyncStatus(
  db: TouchpointDb,
  context: Pick<SyncStatus, 'configured' | 'identityMode' | 'running' | 'storagePersisted'>,
): Promise<SyncStatus> {
  const [state, pending, deadLetters] = await Promise.all([
    readSyncState(db),
    db.outbox.where('[synced+occurredAt]').between([0, Dexie.minKey], [0, Dexie.maxKey]).count(),
    db.deadLetters.count(),
  ]);
  return {
    ...context,
    pending,
    deadLetters,
    syncedCount: state.syncedCount,
    lastSuccessAt: state.lastSuccessAt,
    lastError: state.lastError,
    nextAttemptAt: state.nextAttemptAt,
    blocked: state.blockedFor !== null,
  };
}
