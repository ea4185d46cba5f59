import { browser } from 'wxt/browser';
import { createAdapterHealthRecorder } from '../../adapter-health/health-recorder';
import { createTabState } from '../../background/tab-state';
import { openRecordsSeen } from '../../background/record-replay';
import { createContextStore } from '../../context/context-store';
import { openTouchpointDb } from '../../storage/db';
import { createUuidV7 } from '../../../contract/uuidv7';
import { createFirstRunService } from './first-run';
import { createMessageService } from './messages';
import { createPolicyService } from './policy';
import { createPromptService } from './prompts';
import { createRetentionService } from './retention';
import { watchContentScripts } from './script-watchdog';
import { createSidebarService } from './sidebars';
import { keepContentScriptsOutOfLocalStorage, localStore, sessionStore } from './storage-areas';
import { createSyncService } from './sync';
import { createTrackingService } from './tracking';

/**
 * The service worker's composition root: builds each capability's service with what it needs and
 * lets them call each other. Synchronous, so every listener exists when an event wakes the
 * worker; every service keeps what matters in IndexedDB or `storage.*`, never only in memory.
 */
export function startBackground() {
  void keepContentScriptsOutOfLocalStorage().catch((error: unknown) => {
    console.warn('Touchpoint: storage.local stays open to content scripts', error);
  });
  const self = { runtimeId: browser.runtime.id, extensionOrigin: browser.runtime.getURL('/') };
  const db = openTouchpointDb();
  const newId = createUuidV7();
  const tabs = createTabState(sessionStore());
  const contexts = createContextStore(db);

  const policy = createPolicyService({
    onChange: () => {
      void sidebars.refreshAll();
      sync.settingsChanged();
      // Tracking switched off ends the interaction in progress now, not at the next event.
      void tracker.flush();
    },
  });
  const adapterHealth = createAdapterHealthRecorder(db, { newId });
  const sync = createSyncService({
    db,
    settings: policy.settings,
    local: localStore(),
    newId,
    // Adapter health counts since the last sync join this one (issue #16).
    beforeRun: () => adapterHealth.flush(Date.now()),
  });
  const feedback = createPromptService({
    db,
    newId,
    policy,
    onChange: () => {
      void sidebars.refreshAll();
      // A prompt outcome may have landed: the agent's answer goes upstream within seconds.
      sync.syncSoon();
    },
  });
  const {
    tracker,
    store: trackingStore,
    checkFocus,
  } = createTrackingService({
    db,
    newId,
    policy,
    onStep: (outputs) => {
      sidebars.refreshSoon();
      for (const output of outputs) {
        if (output.type === 'interaction.ended') void feedback.interactionEnded(output);
      }
    },
    afterFlush: async () => {
      await feedback.sweep();
      await sidebars.refreshAll();
    },
    openRecords: () =>
      openRecordsSeen({
        tabIds: async () => (await browser.tabs.query({})).flatMap((tab) => tab.id ?? []),
        recordOf: tabs.getRecord,
        contextOf: (recordKey) => db.contexts.get(recordKey),
      }),
  });
  const sidebars = createSidebarService({ db, self, tabs, contexts, policy, feedback, tracker });
  createRetentionService({ db, now: Date.now, policy, contexts, tracking: trackingStore, sync });
  createFirstRunService({ local: localStore() });
  const contentScripts = watchContentScripts();

  createMessageService({
    self,
    db,
    newId,
    tabs,
    contexts,
    policy,
    tracker,
    checkFocus,
    feedback,
    sync,
    sidebars,
    adapterHealth,
    contentScriptStarted: contentScripts.scriptStarted,
  });
}
