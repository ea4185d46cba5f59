import { useCallback, useSyncExternalStore } from 'react';
import { browser } from 'wxt/browser';
import {
  SIDEBAR_PORT,
  sidebarPortServerMessage,
  type SidebarPortServerMessage,
} from '../../messaging/sidebar-port';
import { describeIssues } from '../../../contract/validation';
import { sidebarRequest } from './sidebar-client';

export type SidebarConnectionState = SidebarPortServerMessage | { type: 'connecting' };

const RECONNECT_MS = 250;

function readToken() {
  return new URLSearchParams(location.hash.slice(1)).get('token') ?? undefined;
}

/** Side panel opened for one tab (self-hosted CRMs): `sidepanel.html?tab=N`. */
function readPanelTab() {
  const tab = Number(new URLSearchParams(location.search).get('tab'));
  return Number.isInteger(tab) && tab > 0 ? tab : undefined;
}

/** The sidebar page's port to the background and the latest state it pushed. */
export type SidebarConnection = {
  /** In a CRM page's frame (tied to its tab by token), not the browser's side panel. */
  embedded: boolean;
  getState: () => SidebarConnectionState;
  subscribe: (onChange: () => void) => () => void;
};

/**
 * Opens the port as soon as the page's script runs, before React renders: the background builds
 * the card while the page renders its frame (issue #15 item 6). Reconnects when the service worker
 * is stopped (its ports close), which wakes it again. In the side panel, it follows the tab the
 * agent brings to front. Lives as long as the page.
 */
export function openSidebarConnection(): SidebarConnection {
  const token = readToken();
  const embedded = token !== undefined;
  let followedTab = readPanelTab();
  let state: SidebarConnectionState = { type: 'connecting' };
  const listeners = new Set<() => void>();
  let port: ReturnType<typeof browser.runtime.connect> | undefined;

  const setState = (next: SidebarConnectionState) => {
    state = next;
    for (const listener of listeners) listener();
  };
  const followTab = (tabId = followedTab) => {
    followedTab = tabId;
    port?.postMessage({ type: 'hello', token, tabId });
  };

  function connect() {
    port = browser.runtime.connect({ name: SIDEBAR_PORT });
    port.onMessage.addListener((raw: unknown) => {
      const message = sidebarPortServerMessage.safeParse(raw);
      setState(
        message.success
          ? message.data
          : { type: 'denied', code: 'unreadable', detail: describeIssues(message.error) },
      );
    });
    port.onDisconnect.addListener(() => setTimeout(connect, RECONNECT_MS));
    followTab();
  }
  connect();

  if (!embedded && followedTab === undefined) {
    browser.tabs.onActivated.addListener((info: { tabId: number }) => followTab(info.tabId));
  }
  return {
    embedded,
    getState: () => state,
    subscribe: (onChange) => {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
  };
}

/** The connection's latest state, and the sidebar's own collapse command. */
export function useSidebarConnection(connection: SidebarConnection) {
  const state = useSyncExternalStore(connection.subscribe, connection.getState);
  const collapse = useCallback(() => {
    void sidebarRequest('sidebar.command', { action: 'collapse' });
  }, []);
  return { state, embedded: connection.embedded, collapse };
}
