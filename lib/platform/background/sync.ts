import { browser } from 'wxt/browser';
import type { KeyValueStore } from '../../background/key-value';
import type { Settings } from '../../settings/definitions';
import type { TouchpointDb } from '../../storage/db';
import { deleteDeadLetters, retryDeadLetters } from '../../sync/dead-letters';
import { installQuotaRecovery, pruneSyncedOutbox } from '../../sync/outbox-retention';
import { createEnrolment } from '../../sync/enrolment';
import { createSyncEngine, REQUEST_TIMEOUT_MS } from '../../sync/sync-engine';
import { STORAGE_PERSISTED_KEY, type SyncStatus } from '../../sync/sync-state';
import { readSyncState, readSyncStatus } from '../../sync/sync-state-store';
import { resolveSyncTarget } from '../../sync/sync-target';

export const SYNC_ALARM = 'sync-outbox';
const RETRY_ALARM = 'sync-retry';
/** After a prompt outcome: soon, but after the few seconds in which more writes usually follow. */
const SOON_MS = 3_000;
/** Retries closer than this wait on a timer while the worker lives; the alarm is the backstop. */
const TIMER_LIMIT_MS = 60_000;
const DAY_MS = 86_400_000;

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export type SyncDeps = {
  db: TouchpointDb;
  settings: () => Promise<Settings>;
  local: KeyValueStore;
  newId: (now: number) => string;
  /** Runs before each sync, e.g. to queue counts kept until then; a failure does not stop it. */
  beforeRun?: () => Promise<unknown>;
};

/**
 * Triggers of upstream sync (issue #5): an alarm every `syncIntervalMinutes`, the browser coming
 * back online, a few seconds after a prompt outcome, a changed collector URL or token, and
 * "Sync now". Retries wait for the time the status policy chose, on a timer and an alarm.
 * Registers its listeners synchronously (they must exist when the worker wakes).
 */
export function createSyncService(deps: SyncDeps) {
  const { db } = deps;
  installQuotaRecovery(db, {
    now: Date.now,
    newId: deps.newId,
    onEvicted: (report) => {
      console.warn(
        `Touchpoint: storage full, ${report.count} unsynced events evicted and reported`,
      );
      syncSoon();
    },
  });

  const config = async () => {
    const settings = await deps.settings();
    return {
      target: await resolveSyncTarget(settings),
      backoffCapMs: settings.syncBackoffCapSeconds * 1000,
    };
  };

  // E2E builds: the fault-injection test's stalled requests give up in seconds, not 25 s.
  const timeoutMs = import.meta.env.MODE === 'e2e' ? 4_000 : REQUEST_TIMEOUT_MS;
  const engine = createSyncEngine({
    db,
    fetch: (input, init) => fetch(input, init),
    now: Date.now,
    random: Math.random,
    config,
    senders: createEnrolment({
      store: deps.local,
      fetch: (input, init) => fetch(input, init),
      now: Date.now,
      timeoutMs,
    }),
    ownerId: crypto.randomUUID(),
    timeoutMs,
  });
  // Events queued before the first run are stamped with the identity in force (a policy may have
  // changed while the browser was closed), not the one the last worker life knew.
  void engine.noteIdentityInForce().catch((error: unknown) => {
    console.warn(`Touchpoint sync: ${messageOf(error)}`);
  });

  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  async function scheduleRetry() {
    clearTimeout(retryTimer);
    const { nextAttemptAt } = await readSyncState(db);
    if (nextAttemptAt === null) {
      await browser.alarms.clear(RETRY_ALARM);
      return;
    }
    const wait = nextAttemptAt - Date.now();
    if (wait < TIMER_LIMIT_MS) retryTimer = setTimeout(() => void run(false), Math.max(0, wait));
    await browser.alarms.create(RETRY_ALARM, { when: nextAttemptAt });
  }

  async function run(ignoreBackoff: boolean) {
    await deps.beforeRun?.().catch((error: unknown) => {
      console.warn(`Touchpoint sync: ${messageOf(error)}`);
    });
    try {
      return await engine.run({ ignoreBackoff });
    } catch (error) {
      // The engine's own failures (e.g. the database) are logged; the outbox keeps every event.
      console.warn(`Touchpoint sync: ${messageOf(error)}`);
      return undefined;
    } finally {
      // A failure here (the database closing under the worker) must not become an unhandled
      // rejection: the alarm is still there to try again.
      await scheduleRetry().catch((error: unknown) => {
        console.warn(`Touchpoint sync: retry not scheduled: ${messageOf(error)}`);
      });
    }
  }

  let soonTimer: ReturnType<typeof setTimeout> | undefined;
  function syncSoon() {
    clearTimeout(soonTimer);
    soonTimer = setTimeout(() => void run(false), SOON_MS);
  }

  async function ensureAlarm() {
    const { syncIntervalMinutes } = await deps.settings();
    const alarm = await browser.alarms.get(SYNC_ALARM);
    if (alarm?.periodInMinutes === syncIntervalMinutes) return;
    await browser.alarms.create(SYNC_ALARM, {
      periodInMinutes: syncIntervalMinutes,
      delayInMinutes: syncIntervalMinutes,
    });
  }

  async function status(): Promise<SyncStatus> {
    const [{ target }, settings, persisted] = await Promise.all([
      config(),
      deps.settings(),
      deps.local.get<boolean>(STORAGE_PERSISTED_KEY),
    ]);
    return readSyncStatus(db, {
      configured: target.ok,
      identityMode: settings.identityMode,
      running: engine.isRunning(),
      storagePersisted: typeof persisted === 'boolean' ? persisted : null,
    });
  }

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM || alarm.name === RETRY_ALARM) void run(false);
  });
  // Service worker (Chrome) and event page (Firefox) both see `online`.
  globalThis.addEventListener?.('online', () => void run(true));
  void ensureAlarm();

  return {
    status,
    /** "Sync now": waits for the run, then reports the status. */
    async runNow(): Promise<SyncStatus> {
      await run(true);
      return status();
    },
    /** A prompt outcome (or other agent-visible data) landed: send it within seconds. */
    syncSoon,
    /** Settings changed: the interval may differ; a new URL or token lifts an auth block. */
    settingsChanged() {
      void ensureAlarm();
      void run(true);
    },
    /** Hourly: outbox rows the collector acknowledged, once older than the retention period. */
    pruneSynced: (now: number, retentionDays: number) =>
      pruneSyncedOutbox(db, now - retentionDays * DAY_MS),
    async retryDeadLetters(ids: string[]) {
      const moved = await retryDeadLetters(db, ids);
      syncSoon();
      return moved;
    },
    deleteDeadLetters: (ids: string[]) => deleteDeadLetters(db, ids),
  };
}
export type SyncService = ReturnType<typeof createSyncService>;
