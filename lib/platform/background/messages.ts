import { browser } from 'wxt/browser';
import { createDebugHandlers } from '../../background/debug-handlers';
import type { FeedbackService } from '../../background/feedback-service';
import { createFrameCheck } from '../../background/frame-check';
import { createBackgroundHandlers } from '../../background/handlers';
import type { TabState } from '../../background/tab-state';
import type { TrackerService } from '../../background/tracker-service';
import type { ContextStore } from '../../context/context-store';
import { debugRequests } from '../../messaging/debug-requests';
import { parseSidebarLayout, sidebarLayoutKey } from '../../messaging/content-messages';
import { readSidebarHostLabels } from '../../content/sidebar-host';
import {
  backgroundRoutes,
  handleRequest,
  joinRoutes,
  type Routes,
  type SelfIdentity,
} from '../../messaging/router';
import type { TouchpointDb } from '../../storage/db';
import { createCxObserver } from '../../sync/cx-observation';
import type { AdapterHealthRecorder } from '../../adapter-health/health-recorder';
import type { PolicyService } from './policy';
import { openPanel, preparePanel, relayToTab } from './sidebar-display';
import type { SidebarService } from './sidebars';
import { localStore, sessionStore } from './storage-areas';
import type { SyncService } from './sync';

export type MessageDeps = {
  self: SelfIdentity;
  db: TouchpointDb;
  newId: (now: number) => string;
  tabs: TabState;
  contexts: ContextStore;
  policy: PolicyService;
  tracker: TrackerService;
  checkFocus: () => Promise<boolean>;
  feedback: FeedbackService;
  sync: SyncService;
  sidebars: Pick<SidebarService, 'refreshAll'>;
  adapterHealth: AdapterHealthRecorder;
  contentScriptStarted: (tabId: number, url: string) => void;
};

/**
 * Answers every request of lib/messaging/protocol.ts, checked by the router (envelope, sender,
 * schemas), with the handlers of lib/background/ given the services they act on. E2E builds
 * (`--mode e2e`) also answer the debug requests; in every other build Vite replaces the mode with
 * a constant and drops them, names and schemas included (issue #12).
 */
export function createMessageService(deps: MessageDeps) {
  const { db, policy, tabs } = deps;
  const fetchFromWorker: typeof fetch = (input, init) => fetch(input, init);
  const handlers = createBackgroundHandlers({
    ...deps,
    policy: policy.get,
    pagePolicy: policy.forPages,
    observeRating: createCxObserver(db, { newId: deps.newId, hashRecord: policy.hashRecord }),
    observeHealth: (adapter, context, now) => deps.adapterHealth.observe(adapter, context, now),
    refreshSidebars: deps.sidebars.refreshAll,
    relayToTab,
    preparePanel,
    openPanel,
    sidePanelOpensFromPage: browser.sidePanel !== undefined,
    frameAllowedOn: createFrameCheck(browser.runtime.getManifest()),
    messagesLocale: () => browser.i18n.getMessage('messagesLocale') || null,
    sidebarHostLabels: () => readSidebarHostLabels((key) => browser.i18n.getMessage(key)),
    sidebarLayout: async (app) => {
      const key = sidebarLayoutKey(app);
      return parseSidebarLayout((await browser.storage.local.get(key))[key]);
    },
    saveSidebarLayout: (app, layout) =>
      browser.storage.local.set({ [sidebarLayoutKey(app)]: layout }),
    settings: {
      policy: policy.get,
      invalidate: policy.reload,
      local: localStore(),
      teamPolicy: policy.teamPolicy,
      fetch: fetchFromWorker,
    },
    console: {
      policy: policy.get,
      invalidate: policy.reload,
      session: sessionStore(),
      teamPolicy: policy.teamPolicy,
      fetch: fetchFromWorker,
    },
    localData: {
      db,
      readLocalStorage: () => browser.storage.local.get(null),
      afterLocalDataDeleted: deps.sidebars.refreshAll,
    },
    diagnostics: {
      db,
      policy: policy.get,
      hostsAwaitingGrant: policy.hostsAwaitingGrant,
      frontTab: async () => {
        const active = await browser.tabs.query({ active: true });
        const front = active.find((tab) => tab.url?.startsWith('http'));
        if (front?.id === undefined || !front.url) return null;
        return { url: front.url, record: await tabs.getRecord(front.id) };
      },
    },
  });

  let routes: Routes = backgroundRoutes(handlers);
  if (import.meta.env.MODE === 'e2e') {
    routes = joinRoutes(routes, debugRequests(), createDebugHandlers({ ...deps, now: Date.now }));
  }
  browser.runtime.onMessage.addListener((message, sender) =>
    handleRequest(routes, message, sender, deps.self),
  );
}
