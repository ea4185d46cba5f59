import { adaptersForUrl } from '../adapters/adapter-set';
import type { AdapterDefinition } from '../adapters/definition';
import type { ContextStore } from '../context/context-store';
import type { SidebarAction } from '../messaging/protocol';
import type { Handlers } from '../messaging/router';
import type { ContextSettings } from '../settings/policy';
import type { TabState } from './tab-state';

export type BackgroundDeps = {
  contexts: ContextStore;
  tabs: TabState;
  /** Current settings and the adapters in force (built-in + admin). */
  policy: () => Promise<{ settings: ContextSettings; adapters: AdapterDefinition[] }>;
  /** Push fresh sidebar state to every connected sidebar (a record anywhere may change any card). */
  refreshSidebars: () => Promise<void>;
  relayToTab: (tabId: number, action: SidebarAction) => Promise<boolean>;
};

/** Handlers of every request the background answers (lib/messaging/protocol.ts). */
export function createBackgroundHandlers(deps: BackgroundDeps): Handlers {
  return {
    async 'page.hello'({ url }, sender) {
      const { adapters } = await deps.policy();
      const matching = adaptersForUrl(adapters, url);
      if (matching.length === 0 || sender.tabId === undefined)
        return { adapters: [], sidebarToken: null };
      return { adapters: matching, sidebarToken: await deps.tabs.issueSidebarToken(sender.tabId) };
    },

    async 'record.context'({ context }, sender) {
      const tabId = sender.tabId;
      if (tabId === undefined) return { stored: false };
      if (!context) {
        await deps.tabs.setRecord(tabId, null);
        await deps.refreshSidebars();
        return { stored: false };
      }
      const { settings, adapters } = await deps.policy();
      // Only an adapter in force for this page may report for its app (a page cannot pose as another app).
      const allowed = adaptersForUrl(adapters, context.url).some(
        (adapter) => adapter.id === context.app,
      );
      if (!allowed || new URL(context.url).origin !== originOf(sender.url)) {
        throw new Error(`record.context: app "${context.app}" is not in force for this page`);
      }
      const stored = await deps.contexts.recordObservation(context, settings);
      await deps.tabs.setRecord(tabId, {
        recordKey: stored.key,
        app: stored.app,
        appName: stored.appName,
      });
      await deps.refreshSidebars();
      return { stored: true };
    },

    async 'sidebar.command'({ action }, sender) {
      if (sender.tabId === undefined) return { relayed: false };
      return { relayed: await deps.relayToTab(sender.tabId, action) };
    },
  };
}

function originOf(url: string | undefined) {
  try {
    return url ? new URL(url).origin : undefined;
  } catch {
    return undefined;
  }
}
