import { browser, type Browser } from 'wxt/browser';
import type { FeedbackService } from '../../background/feedback-service';
import { createSidebarHub, type SidebarPort } from '../../background/sidebar-hub';
import type { TabState } from '../../background/tab-state';
import type { TrackerService } from '../../background/tracker-service';
import { buildTrackingView } from '../../background/tracking-view';
import type { ContextStore } from '../../context/context-store';
import { TOGGLE_SIDEBAR_COMMAND } from '../../constants';
import { SIDEBAR_PORT } from '../../messaging/sidebar-port-name';
import type { SelfIdentity } from '../../messaging/router';
import type { TouchpointDb } from '../../storage/db';
import type { PolicyService } from './policy';
import { relayToTab } from './sidebar-display';

/** Live figures in the sidebar follow tracker steps, at most twice a second. */
const REFRESH_SOON_MS = 500;

export type SidebarDeps = {
  db: TouchpointDb;
  self: SelfIdentity;
  tabs: TabState;
  contexts: ContextStore;
  policy: Pick<PolicyService, 'forPages' | 'settled'>;
  feedback: Pick<FeedbackService, 'active'>;
  tracker: TrackerService;
};

/**
 * The sidebars (the frame on CRM pages and the side panel): their ports to the background, the
 * state each is shown (card, measurement, effort prompt), and the keyboard command that toggles
 * the frame. A tab's token and record live in `storage.session` (lib/background/tab-state.ts).
 */
export function createSidebarService(deps: SidebarDeps) {
  const { policy, tabs } = deps;
  const hub = createSidebarHub({
    tabs,
    self: deps.self,
    cardFor: async (recordKey) => {
      const { settings, adapters } = await policy.forPages();
      return deps.contexts.cardFor(recordKey, { ...settings, adapters }, Date.now());
    },
    promptView: async () => {
      const active = await deps.feedback.active();
      if (!active) return null;
      const { settings, adapters } = await policy.forPages();
      const { prompts } = settings;
      const record = await deps.db.contexts.get(active.recordKey);
      return {
        ...active,
        appName: adapters.find((adapter) => adapter.id === active.app)?.name ?? active.app,
        recordNumber: record?.recordNumber,
        subject: record?.subject,
        customerName: record?.customerName,
        state: active.state === 'answered' ? ('answered' as const) : ('shown' as const),
        // The scale the prompt was shown with: an answer is checked against it and sent with it.
        scale: active.scale,
        reasonChoices: prompts.reasons,
        undoMs: prompts.undoMs,
      };
    },
    trackingView: async () => {
      // The tracker waits for the admin's policy; the card does not wait for the tracker (a
      // brand-new profile): measurement shows once the policy is in (it refreshes every sidebar).
      if (!policy.settled()) return null;
      const { settings, adapters } = await policy.forPages();
      return buildTrackingView(
        deps.db,
        deps.tracker,
        settings.trackingEnabled,
        Date.now(),
        (app) => adapters.find((adapter) => adapter.id === app)?.name ?? app,
      );
    },
    activeTabId: async () =>
      (await browser.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id,
  });

  browser.runtime.onConnect.addListener((port: Browser.runtime.Port) => {
    if (port.name !== SIDEBAR_PORT) return;
    const sidebarPort = port as unknown as SidebarPort;
    port.onMessage.addListener((message) => void hub.accept(sidebarPort, message));
    port.onDisconnect.addListener(() => hub.forget(sidebarPort));
  });
  browser.tabs.onRemoved.addListener((tabId) => void tabs.forgetTab(tabId));
  browser.commands.onCommand.addListener((command, tab) => {
    if (command === TOGGLE_SIDEBAR_COMMAND && tab?.id !== undefined) {
      void relayToTab(tab.id, 'toggle');
    }
  });

  let refreshTimer: ReturnType<typeof setTimeout> | undefined;
  return {
    /**
     * Push fresh state to every connected sidebar (a record anywhere may change any card), the
     * sidebar of `firstTab` (whose record changed) first.
     */
    refreshAll: (firstTab?: number) => hub.refreshAll(firstTab),
    /** The same, for frequent causes (tracker steps): at most every REFRESH_SOON_MS. */
    refreshSoon() {
      refreshTimer ??= setTimeout(() => {
        refreshTimer = undefined;
        void hub.refreshAll();
      }, REFRESH_SOON_MS);
    },
  };
}
export type SidebarService = ReturnType<typeof createSidebarService>;
