import { adaptersForUrl } from '../adapters/adapter-set';
import type { AdapterDefinition } from '../adapters/definition';
import type { ContextStore } from '../context/context-store';
import type { StoredContext } from '../storage/db';
import type { SidebarAction } from '../messaging/sidebar-actions';
import type { SidebarLayout } from '../messaging/content-messages';
import type { SidebarHostLabels } from '../content/sidebar-host';
import { SIDEBAR_HOST_STYLES } from '../content/sidebar-host-styles';
import type { Handlers } from '../messaging/router';
import type { Settings } from '../settings/definitions';
import { isTrackedApp } from '../tracking/config';
import { collectAppNames } from '../apps/app-names';
import type { TabState } from './tab-state';
import { lastLookAfterLoad } from './last-look';
import { recordSeen } from './record-replay';
import type { FeedbackService } from './feedback-service';
import { createSyncHandlers, type SyncControls } from './sync-handlers';
import { createAdapterConsoleHandlers } from './adapter-console-handlers';
import { createBuilderHandlers } from './builder-handlers';
import { createConsoleHandlers, type ConsoleDeps } from './console-handlers';
import { createDiagnosticsHandlers, type DiagnosticsDeps } from './diagnostics-handlers';
import { createLocalDataHandlers, type LocalDataDeps } from './local-data-handlers';
import { createReportHandlers } from './report-handlers';
import { createSettingsHandlers, type SettingsDeps } from './settings-handlers';
import { trackerConfigFrom, type TrackerService } from './tracker-service';

export type BackgroundDeps = {
  contexts: ContextStore;
  tabs: TabState;
  /** Current settings and the adapters in force (built-in + admin). */
  policy: () => Promise<{
    settings: Settings;
    adapters: AdapterDefinition[];
    diagnostics: string[];
  }>;
  /**
   * The same, for a CRM page's requests (hello, record reports): does not wait for a slow first
   * managed read in a brand-new profile (defaults stand in, lib/platform/background/policy-source.ts).
   */
  pagePolicy: BackgroundDeps['policy'];
  /**
   * Push fresh state to every connected sidebar (a record anywhere may change any card); the one
   * of `firstTab`, whose record changed, before the others.
   */
  refreshSidebars: (firstTab?: number) => Promise<void>;
  relayToTab: (tabId: number, action: SidebarAction) => Promise<boolean>;
  /** Whether the sidebar page is web-accessible on this page (else the side panel shows it). */
  frameAllowedOn: (url: string) => boolean;
  /** The `_locales` folder of the browser's texts for this extension ("de"), or null. */
  messagesLocale: () => string | null;
  /** The edge tab's and frame's labels in the UI language. */
  sidebarHostLabels: () => SidebarHostLabels;
  /** The agent's saved sidebar layout on this app's pages, or null (the default applies). */
  sidebarLayout: (app: string) => Promise<SidebarLayout | null>;
  /** Keeps the agent's layout for an app's pages (content scripts may not write that storage). */
  saveSidebarLayout: (app: string, layout: SidebarLayout) => Promise<void>;
  /** The tab's content script runs (its hello came): the script watchdog need not probe it. */
  contentScriptStarted: (tabId: number, url: string) => void;
  /** Points the tab's side panel at its sidebar page (before any click needs it). */
  preparePanel: (tabId: number) => Promise<void>;
  /** Opens the tab's side panel; must be called before the handler's first await (user gesture). */
  openPanel: (tabId: number) => Promise<boolean>;
  /** Whether a click in a page may open the browser's side panel (Chrome's; not Firefox's sidebar). */
  sidePanelOpensFromPage: boolean;
  tracker: TrackerService;
  /** Checks the browser's focus against the tracker's belief and corrects it; true if it did. */
  checkFocus: () => Promise<boolean>;
  feedback: FeedbackService;
  /** Queues a CSAT rating the page shows for the collector, keyed by the record hash (issue #7). */
  observeRating: (record: StoredContext, now: number) => Promise<boolean>;
  /** Counts which of the adapter's fields the page matched, for adapter health (issue #16). */
  observeHealth: (
    adapter: AdapterDefinition,
    context: { recordKey: string; matchedBy: Readonly<Record<string, string>> },
    now: number,
  ) => Promise<void>;
  /** Upstream sync (issue #5). */
  sync: SyncControls;
  /** Issue #6, one audience each: the options page's settings, the supervisor console (and its
   * report), the agent's local data, the options page's diagnostics. */
  settings: SettingsDeps;
  console: ConsoleDeps;
  localData: LocalDataDeps;
  diagnostics: DiagnosticsDeps;
};

/** Handlers of every request the background answers (lib/messaging/protocol.ts). */
export function createBackgroundHandlers(deps: BackgroundDeps): Handlers {
  /** What the page's sidebar host is drawn with: labels, style sheet, the agent's layout. */
  const sidebarHost = (layout: SidebarLayout | null, sidePanel: boolean) => ({
    labels: deps.sidebarHostLabels(),
    styles: SIDEBAR_HOST_STYLES,
    layout,
    sidePanel,
  });

  return {
    async 'page.hello'({ url }, sender) {
      if (sender.tabId !== undefined) deps.contentScriptStarted(sender.tabId, url);
      const { adapters } = await deps.pagePolicy();
      const matching = adaptersForUrl(adapters, url);
      if (matching.length === 0 || sender.tabId === undefined) {
        return {
          adapters: [],
          sidebarToken: null,
          display: 'overlay' as const,
          host: sidebarHost(null, false),
          lastLook: null,
        };
      }
      const display = deps.frameAllowedOn(url) ? ('overlay' as const) : ('panel' as const);
      // Side by side: the page's sidebar frame waits for this answer (issue #15 item 6).
      const [sidebarToken, layout, previous] = await Promise.all([
        deps.tabs.issueSidebarToken(sender.tabId),
        deps.sidebarLayout(matching[0]!.id),
        deps.tabs.getRecord(sender.tabId),
        display === 'panel' ? deps.preparePanel(sender.tabId) : undefined,
      ]);
      return {
        adapters: matching,
        sidebarToken,
        display,
        host: sidebarHost(layout, deps.sidePanelOpensFromPage),
        lastLook: lastLookAfterLoad(previous, matching[0]!, url),
      };
    },

    async 'sidebar.saveLayout'({ layout }, sender) {
      // The app whose pages the sender shows, not one it names: a page keeps only its own layout.
      const { adapters } = await deps.pagePolicy();
      const app = sender.url ? adaptersForUrl(adapters, sender.url)[0]?.id : undefined;
      if (!app) return { saved: false };
      await deps.saveSidebarLayout(app, layout);
      return { saved: true };
    },

    async 'sidebar.openPanel'(_request, sender) {
      if (sender.tabId === undefined) return { opened: false };
      return { opened: await deps.openPanel(sender.tabId) };
    },

    async 'record.departed'({ context }, sender) {
      const tabId = sender.tabId;
      if (tabId === undefined) return { stored: false };
      const { settings, adapters } = await deps.pagePolicy();
      assertAppInForce(adapters, context, sender.url);
      const stored = await deps.contexts.recordObservation(context, settings);
      void deps.tracker.handle({ ...recordSeen(tabId, stored), departed: true });
      await deps.refreshSidebars(tabId);
      return { stored: true };
    },

    async 'i18n.messagesLocale'() {
      return { locale: deps.messagesLocale() };
    },

    async 'page.activity'() {
      return { corrected: await deps.checkFocus() };
    },

    async 'record.context'({ context }, sender) {
      const tabId = sender.tabId;
      if (tabId === undefined) return { stored: false };
      if (!context) {
        void deps.tracker.handle({ type: 'record.cleared', tabId });
        await deps.tabs.setRecord(tabId, null);
        await deps.refreshSidebars(tabId);
        return { stored: false };
      }
      const { settings, adapters } = await deps.pagePolicy();
      assertAppInForce(adapters, context, sender.url);
      const stored = await deps.contexts.recordObservation(context, settings);
      void observeUpstream(deps, stored, context.matchedBy).catch((error: unknown) => {
        console.warn('Touchpoint: CSAT rating or adapter counts not queued', error);
      });
      void deps.tracker.handle(recordSeen(tabId, stored));
      await deps.tabs.setRecord(tabId, {
        recordKey: stored.key,
        app: stored.app,
        appName: stored.appName,
        url: context.url,
      });
      await deps.refreshSidebars(tabId);
      return { stored: true };
    },

    async 'tracking.setPaused'({ paused }) {
      const { settings } = await deps.policy();
      if (paused && !settings.allowPause) throw new Error('pausing is not allowed by your admin');
      await deps.tracker.handle({ type: 'paused.changed', paused });
      await deps.refreshSidebars();
      return { paused: await deps.tracker.paused() };
    },

    async 'apps.names'() {
      const { settings, adapters } = await deps.policy();
      return { names: collectAppNames(adapters, settings.catalogueAdditions) };
    },

    async 'tracking.status'() {
      const { settings } = await deps.policy();
      return {
        enabled: settings.trackingEnabled,
        paused: await deps.tracker.paused(),
        allowPause: settings.allowPause,
      };
    },

    async 'tracking.costs'() {
      return deps.tracker.costs();
    },

    async 'tracking.flush'() {
      await deps.tracker.flush();
      return { flushed: true };
    },

    async 'prompt.answer'({ id, score }) {
      await deps.feedback.answer(id, score);
      return { ok: true as const };
    },

    async 'prompt.reasons'({ id, reasons }) {
      await deps.feedback.setReasons(id, reasons);
      return { ok: true as const };
    },

    async 'prompt.act'({ id, action }) {
      await deps.feedback[action](id);
      return { ok: true as const };
    },

    async 'sidebar.command'({ action }, sender) {
      if (sender.tabId === undefined) return { relayed: false };
      return { relayed: await deps.relayToTab(sender.tabId, action) };
    },

    ...createSyncHandlers(deps.sync),
    ...createSettingsHandlers(deps.settings),
    ...createConsoleHandlers(deps.console),
    ...createReportHandlers(deps.console),
    ...createAdapterConsoleHandlers(deps.console),
    ...createLocalDataHandlers(deps.localData),
    ...createDiagnosticsHandlers(deps.diagnostics),
    ...createBuilderHandlers({ policy: deps.policy }),
  };
}

/** Only an adapter in force for this page may report for its app (a page cannot pose as another app). */
function assertAppInForce(
  adapters: AdapterDefinition[],
  context: { app: string; url: string },
  senderUrl: string | undefined,
) {
  const allowed = adaptersForUrl(adapters, context.url).some(
    (adapter) => adapter.id === context.app,
  );
  if (!allowed || new URL(context.url).origin !== originOf(senderUrl)) {
    throw new Error(`record.context: app "${context.app}" is not in force for this page`);
  }
}

/**
 * Queues what goes upstream about a record the agent opened: the CSAT rating its page shows and
 * the adapter's field counts. Both say which record was opened and when (a rating carries the
 * record's hash; the counts, in identified mode, the agent's id): nothing of it while tracking is
 * off, for an app the team does not track (`trackedApps`: the tracker keeps its time as "another
 * program"), or while the agent has paused it, by the policy in force. Off the card's path: that policy and the
 * tracker's state wait for a brand-new profile's first managed read (2 s here), the card must not.
 */
async function observeUpstream(
  deps: BackgroundDeps,
  stored: StoredContext,
  matchedBy: Readonly<Record<string, string>>,
) {
  const { settings, adapters } = await deps.policy();
  if (!settings.trackingEnabled || !isTrackedApp(stored.app, trackerConfigFrom(settings))) return;
  if (await deps.tracker.paused()) return;
  const adapter = adapters.find((candidate) => candidate.id === stored.app);
  const seen = { recordKey: stored.key, matchedBy };
  await Promise.all([
    deps.observeRating(stored, stored.observedAt),
    adapter && deps.observeHealth(adapter, seen, stored.observedAt),
  ]);
}

function originOf(url: string | undefined) {
  try {
    return url ? new URL(url).origin : undefined;
  } catch {
    return undefined;
  }
}
