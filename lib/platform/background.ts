import { browser, type Browser } from 'wxt/browser';
import { createFrameCheck } from '../background/frame-check';
import { createBackgroundHandlers } from '../background/handlers';
import { createSidebarHub, type SidebarPort } from '../background/sidebar-hub';
import { createTabState } from '../background/tab-state';
import { createTrackerService, trackerConfigFrom } from '../background/tracker-service';
import { buildTrackingView } from '../background/tracking-view';
import { createContextStore } from '../context/context-store';
import { TOGGLE_SIDEBAR_COMMAND } from '../constants';
import { SIDEBAR_PORT } from '../messaging/protocol';
import { handleRequest } from '../messaging/router';
import { openTouchpointDb } from '../storage/db';
import { createTrackingStore } from '../storage/tracking-store';
import { createRecordHasher } from '../../contract/record-hash';
import { createCxObserver } from '../sync/cx-observation';
import { createUuidV7 } from '../../contract/uuidv7';
import { syncCustomContentScripts } from './custom-hosts';
import { createPolicySource } from './policy-source';
import { openPanel, preparePanel, relayToTab } from './sidebar-display';
import { localStore, sessionStore } from './storage-areas';
import { sendTrackerSnapshot, wireTracker } from './tracker-wiring';
import { readAgentState } from './agent-state';
import { createFeedbackService } from '../background/feedback-service';
import { wireSync } from './sync-wiring';
import { wireTeamPolicy } from './team-policy-wiring';

const PRUNE_ALARM = 'prune-local-data';

/** Wires browser events to the background services. Synchronous: listeners must exist on wake. */
export function startBackground() {
  const self = { runtimeId: browser.runtime.id, extensionOrigin: browser.runtime.getURL('/') };
  const db = openTouchpointDb();
  const contexts = createContextStore(db);
  const tabs = createTabState(sessionStore());
  const policySource = createPolicySource(localStore(), () => applyPolicyChange());
  const policy = policySource.get;
  const teamPolicy = wireTeamPolicy({
    settings: async () => (await policy()).settings,
    onInputChange: () => {
      policySource.invalidate();
      applyPolicyChange();
    },
  });

  const newId = createUuidV7();
  let hashRecord: ReturnType<typeof createRecordHasher> | undefined;
  /** Keyed record hash with the team secret in force (rebuilt after a policy change). */
  const hashRecordForTeam = async (app: string, recordId: string) => {
    hashRecord ??= createRecordHasher((await policy()).settings.recordHashSecret);
    return hashRecord(app, recordId);
  };
  const trackingStore = createTrackingStore(db, { newId, hashRecord: hashRecordForTeam });
  const sync = wireSync({
    db,
    settings: async () => (await policy()).settings,
    local: localStore(),
    newId,
  });
  let sweepTimer: ReturnType<typeof setTimeout> | undefined;
  const feedback = createFeedbackService({
    db,
    settings: async () => (await policy()).settings.prompts,
    agentState: () => readAgentState(async (url) => (await policy()).classify(url)),
    hashRecord: hashRecordForTeam,
    newId,
    now: Date.now,
    wakeAt: (at) => {
      clearTimeout(sweepTimer);
      sweepTimer = setTimeout(() => void feedback.sweep(), Math.max(0, at - Date.now()) + 50);
    },
    onChange: () => {
      void hub.refreshAll();
      void nudgeFrontTab();
      // A prompt outcome may have landed: the agent's answer goes upstream within seconds.
      sync.syncSoon();
    },
  });

  /** The front tab's collapsed sidebar shows a small card while a prompt waits for an answer. */
  async function nudgeFrontTab() {
    const active = await feedback.active();
    const [front] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
    if (front?.id === undefined) return;
    const payload = { show: active?.state === 'shown' };
    await browser.tabs
      .sendMessage(front.id, { type: 'prompt.nudge', payload }, { frameId: 0 })
      .catch(() => undefined);
  }

  const tracker = createTrackerService({
    store: trackingStore,
    session: sessionStore(),
    config: async () => trackerConfigFrom((await policy()).settings),
    now: Date.now,
    onStep: (outputs) => {
      refreshSidebarsSoon();
      for (const output of outputs) {
        if (output.type === 'interaction.ended') void feedback.interactionEnded(output);
      }
    },
    onNewSession: () =>
      void sendTrackerSnapshot(tracker, async (url) => (await policy()).classify(url)),
  });

  // Live figures in the sidebar follow tracker steps, at most twice a second.
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;
  const refreshSidebarsSoon = () => {
    refreshTimer ??= setTimeout(() => {
      refreshTimer = undefined;
      void hub.refreshAll();
    }, 500);
  };

  const hub = createSidebarHub({
    tabs,
    self,
    cardFor: async (recordKey) => {
      const { settings, adapters } = await policy();
      return contexts.cardFor(recordKey, { ...settings, adapters }, Date.now());
    },
    promptView: async () => {
      const active = await feedback.active();
      if (!active) return null;
      const { settings, adapters } = await policy();
      const { prompts } = settings;
      return {
        ...active,
        appName: adapters.find((adapter) => adapter.id === active.app)?.name ?? active.app,
        state: active.state === 'answered' ? ('answered' as const) : ('shown' as const),
        scale: prompts.scale,
        reasonChoices: prompts.reasons,
        undoMs: prompts.undoMs,
      };
    },
    trackingView: async () =>
      buildTrackingView(db, tracker, (await policy()).settings.trackingEnabled, Date.now()),
    activeTabId: async () =>
      (await browser.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id,
  });

  const handlers = createBackgroundHandlers({
    contexts,
    tabs,
    policy,
    tracker,
    feedback,
    observeRating: createCxObserver(db, { newId, hashRecord: hashRecordForTeam }),
    refreshSidebars: () => hub.refreshAll(),
    relayToTab,
    preparePanel,
    openPanel,
    hostsAwaitingGrant: syncCustomContentScripts,
    frameAllowedOn: createFrameCheck(browser.runtime.getManifest()),
    sync,
    settings: {
      policy,
      invalidate: () => {
        policySource.invalidate();
        applyPolicyChange();
      },
      local: localStore(),
      session: sessionStore(),
      teamPolicy: teamPolicy.sync,
      fetch: (input, init) => fetch(input, init),
      db,
      readLocalStorage: () => browser.storage.local.get(null),
      afterLocalDataDeleted: () => hub.refreshAll(),
      frontTab: async () => {
        const active = await browser.tabs.query({ active: true });
        const front = active.find((tab) => tab.url?.startsWith('http'));
        if (front?.id === undefined || !front.url) return null;
        return { url: front.url, record: await tabs.getRecord(front.id) };
      },
    },
  });

  browser.runtime.onMessage.addListener((message, sender) =>
    handleRequest(handlers, message, sender, self),
  );

  browser.runtime.onConnect.addListener((port: Browser.runtime.Port) => {
    if (port.name !== SIDEBAR_PORT) return;
    const sidebarPort = port as unknown as SidebarPort;
    port.onMessage.addListener((message) => void hub.accept(sidebarPort, message));
    port.onDisconnect.addListener(() => hub.forget(sidebarPort));
  });

  wireTracker({
    tracker,
    classify: async () => (await policy()).classify,
    idleThresholdSeconds: async () => (await policy()).settings.idleThresholdSeconds,
    afterFlush: async () => {
      await feedback.sweep();
      await trackingStore.emitHourlyTotals(Date.now());
      await hub.refreshAll();
    },
  });

  browser.tabs.onRemoved.addListener((tabId) => void tabs.forgetTab(tabId));

  browser.commands.onCommand.addListener((command, tab) => {
    if (command === TOGGLE_SIDEBAR_COMMAND && tab?.id !== undefined) {
      void relayToTab(tab.id, 'toggle');
    }
  });

  function applyPolicyChange() {
    hashRecord = undefined;
    teamPolicy.settingsChanged();
    void hub.refreshAll();
    sync.settingsChanged();
    void policy().then(({ adapters, settings }) => {
      browser.idle.setDetectionInterval(settings.idleThresholdSeconds);
      return syncCustomContentScripts(adapters);
    });
  }
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area !== 'managed') return;
    policySource.invalidate();
    applyPolicyChange();
  });

  browser.permissions.onAdded.addListener(() => {
    void policy().then(({ adapters }) => syncCustomContentScripts(adapters));
  });

  const pruneLocalData = async () => {
    const { settings } = await policy();
    await contexts.prune(Date.now(), settings.retentionDays);
    await trackingStore.prune(Date.now(), settings.retentionDays);
    await sync.pruneSynced(Date.now(), settings.retentionDays);
  };
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === PRUNE_ALARM) void pruneLocalData();
  });
  browser.runtime.onInstalled.addListener(() => {
    void browser.alarms.create(PRUNE_ALARM, { periodInMinutes: 60, delayInMinutes: 1 });
  });
  browser.runtime.onStartup.addListener(() => void pruneLocalData());
  void policy().then(({ adapters }) => syncCustomContentScripts(adapters));
}
