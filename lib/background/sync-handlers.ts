import type { SYNC_REQUESTS } from '../messaging/sync-requests';
import type { Handlers } from '../messaging/router';
import type { SyncStatus } from '../sync/sync-state';

/** What the sync handlers need from the background's sync wiring (lib/platform/background/sync.ts). */
export type SyncControls = {
  status: () => Promise<SyncStatus>;
  runNow: () => Promise<SyncStatus>;
  retryDeadLetters: (ids: string[]) => Promise<number>;
  deleteDeadLetters: (ids: string[]) => Promise<number>;
};

/** Handlers of the sync requests (lib/messaging/sync-requests.ts). */
export function createSyncHandlers(sync: SyncControls): Pick<Handlers, keyof typeof SYNC_REQUESTS> {
  return {
    'sync.status': () => sync.status(),
    'sync.now': () => sync.runNow(),
    async 'sync.retryDeadLetters'({ ids }) {
      return { moved: await sync.retryDeadLetters(ids) };
    },
    async 'sync.deleteDeadLetters'({ ids }) {
      return { deleted: await sync.deleteDeadLetters(ids) };
    },
  };
}
