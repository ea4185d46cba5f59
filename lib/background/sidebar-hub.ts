import type { CustomerCard } from '../context/customer-card';
import {
  sidebarPortClientMessage,
  type SidebarDenial,
  type SidebarPortServerMessage,
  type PromptView,
  type TrackingView,
} from '../messaging/sidebar-port';
import { describeIssues } from '../../contract/validation';
import type { TabState } from './tab-state';

/** The part of `runtime.Port` the hub uses. */
export type SidebarPort = {
  sender?: { id?: string; url?: string; frameId?: number; tab?: { id?: number } };
  postMessage(message: SidebarPortServerMessage): void;
  disconnect(): void;
};

export type SidebarHubDeps = {
  tabs: TabState;
  self: { runtimeId: string; extensionOrigin: string };
  cardFor: (recordKey: string) => Promise<CustomerCard | null>;
  /** Measurement figures for the agent (null when there is nothing to show). */
  trackingView: () => Promise<TrackingView | null>;
  /** The open effort prompt, shown in whichever sidebar the agent looks at. */
  promptView: () => Promise<PromptView | null>;
  /** Side panel: the tab the panel should follow when it names none. */
  activeTabId: () => Promise<number | undefined>;
};

/**
 * Connected sidebars (iframes on CRM pages and the side panel). A sidebar receives data only after
 * it proves it belongs to a tab the background knows: an iframe shows the token its own tab's
 * content script was given; the side panel is an extension page outside any tab.
 */
export function createSidebarHub(deps: SidebarHubDeps) {
  const ports = new Map<SidebarPort, number>();

  /** What every sidebar shows alike: read once per refresh, however many sidebars are open. */
  type Shared = { tracking: Promise<TrackingView | null>; prompt: Promise<PromptView | null> };
  const readShared = (): Shared => ({ tracking: deps.trackingView(), prompt: deps.promptView() });

  async function stateFor(tabId: number, shared: Shared): Promise<SidebarPortServerMessage> {
    const ownRead = deps.tabs.getRecord(tabId).then(async (record) => ({
      record,
      card: record ? await deps.cardFor(record.recordKey) : null,
    }));
    // Side by side: a new sidebar waits for all three before its first card (issue #15 item 6).
    const [{ record, card }, tracking, prompt] = await Promise.all([
      ownRead,
      shared.tracking,
      shared.prompt,
    ]);
    return { type: 'state', tabId, appName: record?.appName ?? null, card, tracking, prompt };
  }

  async function push(port: SidebarPort, tabId: number, shared = readShared()) {
    try {
      port.postMessage(await stateFor(tabId, shared));
    } catch {
      ports.delete(port); // the frame went away between the lookup and the post
    }
  }

  type Denial = { code: SidebarDenial; detail?: string };

  async function resolveTab(port: SidebarPort, message: unknown): Promise<number | Denial> {
    const hello = sidebarPortClientMessage.safeParse(message);
    if (!hello.success) return { code: 'malformed', detail: describeIssues(hello.error) };
    const sender = port.sender;
    if (sender?.id !== deps.self.runtimeId || !sender.url?.startsWith(deps.self.extensionOrigin)) {
      return { code: 'notExtensionPage' };
    }
    // Embedded in a web page (a sub-frame of a tab): it must show its tab's token. A top-level
    // extension page (the side panel, or the page opened as a tab) is the extension's own UI.
    const frameTab = sender.frameId !== 0 ? sender.tab?.id : undefined;
    if (frameTab !== undefined) {
      const { token } = hello.data;
      if (token && (await deps.tabs.tokenBelongsTo(token, frameTab))) return frameTab;
      return { code: 'unknownFrame' };
    }
    return hello.data.tabId ?? (await deps.activeTabId()) ?? { code: 'noTab' };
  }

  return {
    /** Handles a port's first message; later messages may re-point the side panel to another tab. */
    async accept(port: SidebarPort, message: unknown) {
      const tab = await resolveTab(port, message);
      if (typeof tab !== 'number') {
        port.postMessage({ type: 'denied', ...tab });
        return;
      }
      ports.set(port, tab);
      await push(port, tab);
    },
    forget(port: SidebarPort) {
      ports.delete(port);
    },
    /**
     * Pushes fresh state to every sidebar; `firstTab`'s first, before the others' reads begin: its
     * record just changed, and the agent looks at that tab (with many CRM tabs open, the others'
     * cards would otherwise be read alongside it).
     */
    async refreshAll(firstTab?: number) {
      if (ports.size === 0) return;
      const shared = readShared();
      const all = [...ports];
      const first = all.filter(([, tabId]) => tabId === firstTab);
      await Promise.all(first.map(([port, tabId]) => push(port, tabId, shared)));
      const rest = all.filter(([, tabId]) => tabId !== firstTab);
      await Promise.all(rest.map(([port, tabId]) => push(port, tabId, shared)));
    },
    connectedTabs() {
      return [...new Set(ports.values())];
    },
  };
}
export type SidebarHub = ReturnType<typeof createSidebarHub>;
