import { browser, type Browser } from 'wxt/browser';
import { combineAdapters } from '../adapters/adapter-set';
import { createBackgroundHandlers } from '../background/handlers';
import { createSidebarHub, type SidebarPort } from '../background/sidebar-hub';
import { createTabState } from '../background/tab-state';
import { createContextStore } from '../context/context-store';
import { SIDEBAR_PAGE, TOGGLE_SIDEBAR_COMMAND } from '../constants';
import { CONTENT_REQUESTS, SIDEBAR_PORT, type SidebarAction } from '../messaging/protocol';
import { handleRequest } from '../messaging/router';
import { parseManagedPolicy } from '../settings/policy';
import { openTouchpointDb } from '../storage/db';
import { readManagedPolicy, sessionStore } from './storage-areas';
import { syncCustomContentScripts } from './custom-hosts';
import { createFrameCheck } from '../background/frame-check';

const PRUNE_ALARM = 'prune-contexts';

/** Wires browser events to the background services. Synchronous: listeners must exist on wake. */
export function startBackground() {
  const self = { runtimeId: browser.runtime.id, extensionOrigin: browser.runtime.getURL('/') };
  const db = openTouchpointDb();
  const contexts = createContextStore(db);
  const tabs = createTabState(sessionStore());

  let policyPromise: ReturnType<typeof loadPolicy> | undefined;
  async function loadPolicy() {
    const { settings, diagnostics } = parseManagedPolicy(await readManagedPolicy());
    for (const diagnostic of diagnostics) console.warn(`Touchpoint policy: ${diagnostic}`);
    return {
      settings,
      diagnostics,
      adapters: combineAdapters(settings.customAdapters, settings.adapterHosts),
    };
  }
  const policy = () => (policyPromise ??= loadPolicy());

  const hub = createSidebarHub({
    tabs,
    self,
    cardFor: async (recordKey) => {
      const { settings, adapters } = await policy();
      return contexts.cardFor(recordKey, { ...settings, adapters }, Date.now());
    },
    activeTabId: async () =>
      (await browser.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id,
  });

  async function relayToTab(tabId: number, action: SidebarAction) {
    try {
      const reply = await browser.tabs.sendMessage(
        tabId,
        { type: 'sidebar.command', payload: { action } },
        { frameId: 0 },
      );
      return CONTENT_REQUESTS['sidebar.command'].response.safeParse(reply).success;
    } catch {
      return false; // no content script in that tab
    }
  }

  async function preparePanel(tabId: number) {
    await browser.sidePanel
      ?.setOptions({ tabId, path: `${SIDEBAR_PAGE}?tab=${tabId}`, enabled: true })
      .catch(() => undefined);
  }

  function openPanel(tabId: number) {
    // Called synchronously from the click's message so the user gesture still counts.
    const opening = browser.sidePanel
      ? browser.sidePanel.open({ tabId })
      : (browser as unknown as { sidebarAction?: { open(): Promise<void> } }).sidebarAction?.open();
    return Promise.resolve(opening).then(
      () => true,
      () => false,
    );
  }

  const handlers = createBackgroundHandlers({
    contexts,
    tabs,
    policy,
    refreshSidebars: () => hub.refreshAll(),
    relayToTab,
    preparePanel,
    openPanel,
    hostsAwaitingGrant: syncCustomContentScripts,
    frameAllowedOn: createFrameCheck(browser.runtime.getManifest()),
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

  browser.tabs.onRemoved.addListener((tabId) => void tabs.forgetTab(tabId));

  browser.commands.onCommand.addListener((command, tab) => {
    if (command === TOGGLE_SIDEBAR_COMMAND && tab?.id !== undefined)
      void relayToTab(tab.id, 'toggle');
  });

  browser.storage.onChanged.addListener((_changes, area) => {
    if (area !== 'managed') return;
    policyPromise = undefined;
    void policy().then(({ adapters }) => syncCustomContentScripts(adapters));
  });

  browser.permissions.onAdded.addListener(() => {
    void policy().then(({ adapters }) => syncCustomContentScripts(adapters));
  });

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name !== PRUNE_ALARM) return;
    void policy().then(({ settings }) => contexts.prune(Date.now(), settings.retentionDays));
  });

  browser.runtime.onInstalled.addListener(() => {
    void browser.alarms.create(PRUNE_ALARM, { periodInMinutes: 60, delayInMinutes: 1 });
  });
  browser.runtime.onStartup.addListener(() => {
    void policy().then(({ settings }) => contexts.prune(Date.now(), settings.retentionDays));
  });
  void policy().then(({ adapters }) => syncCustomContentScripts(adapters));
}
