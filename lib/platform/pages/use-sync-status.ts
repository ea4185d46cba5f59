import { Dexie } from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { request } from './extension-client';
import { openTouchpointDb, type DeadLetter } from '../../storage/db';
import { STORAGE_PERSISTED_KEY, SYNC_STATE_KEY, type SyncStatus } from '../../sync/sync-state';

let db: ReturnType<typeof openTouchpointDb> | undefined;
const database = () => (db ??= openTouchpointDb());

/**
 * Asks once for persistent storage, so the browser does not evict the outbox under pressure.
 * `persist()` exists only in windows (not in the service worker): extension pages ask.
 */
async function requestPersistenceOnce() {
  const key = STORAGE_PERSISTED_KEY;
  const asked = (await browser.storage.local.get(key))[key];
  if (asked === true || !navigator.storage?.persist) return;
  const persisted = await navigator.storage.persist();
  await browser.storage.local.set({ [key]: persisted });
}

/** The sync status from the background, re-read whenever the outbox or the sync state changes. */
export function useSyncStatus() {
  const [status, setStatus] = useState<SyncStatus>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const changed = useLiveQuery(async () => {
    const [pending, state, deadLetters] = await Promise.all([
      database()
        .outbox.where('[synced+occurredAt]')
        .between([0, Dexie.minKey], [0, Dexie.maxKey])
        .count(),
      database().meta.get(SYNC_STATE_KEY),
      database().deadLetters.count(),
    ]);
    return JSON.stringify([pending, state?.value, deadLetters]);
  });

  useEffect(() => {
    request('sync.status', {}).then(setStatus, (reason: unknown) => setError(String(reason)));
  }, [changed]);

  useEffect(() => {
    requestPersistenceOnce().catch(() => undefined);
  }, []);

  const syncNow = useCallback(() => {
    setBusy(true);
    request('sync.now', {})
      .then(setStatus, (reason: unknown) => setError(String(reason)))
      .finally(() => setBusy(false));
  }, []);

  return { status, error, busy, syncNow };
}

/** Dead-lettered events (live), with Retry and Delete through the background. */
export function useDeadLetters() {
  const [error, setError] = useState<string>();
  const letters = useLiveQuery((): Promise<DeadLetter[]> =>
    database().deadLetters.orderBy('failedAt').reverse().toArray(),
  );
  const retry = useCallback((ids: string[]) => {
    request('sync.retryDeadLetters', { ids }).catch((reason: unknown) => setError(String(reason)));
  }, []);
  const remove = useCallback((ids: string[]) => {
    request('sync.deleteDeadLetters', { ids }).catch((reason: unknown) => setError(String(reason)));
  }, []);
  return { letters, error, retry, remove };
}
