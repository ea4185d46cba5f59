import { useCallback, useSyncExternalStore } from 'react';
import { browser } from 'wxt/browser';
import {
  sidebarPortServerMessage,
  type SidebarPortServerMessage,
} from '../../messaging/sidebar-port';
import { describeIssues } from '../../../contract/validation';
import { sidebarRequest } from './sidebar-client';
import {
  openHeldSidebarPort,
  sidebarHello,
  takeEarlyPort,
  type HeldSidebarPort,
} from './sidebar-port-opener';

export type SidebarConnectionState = SidebarPortServerMessage | { type: 'connecting' };

const RECONNECT_MS = 250;

/** The sidebar page's port to the background and the latest state it pushed. */
export type SidebarConnection = {
  /** In a CRM page's frame (tied to its tab by token), not the browser's side panel. */
  embedded: boolean;
  getState: () => SidebarConnectionState;
  subscribe: (onChange: () => void) => () => void;
};

/**
 * Takes over the port the page's early script opened (`entrypoints/sidebar-port.ts`), or opens
 * one: the background builds the card while the page loads and renders (issue #15 item 6).
 * Reconnects when the service worker is stopped (its ports close), which wakes it again. In the
 * side panel, it follows the tab the agent brings to front. Lives as long as the page.
 */
export function openSidebarConnection(): SidebarConnection {
  const hello = sidebarHello(location);
  const embedded = hello.token !== undefined;
  let followedTab = hello.tabId;
  let state: SidebarConnectionState = { type: 'connecting' };
  const listeners = new Set<() => void>();
  let current: HeldSidebarPort | undefined;

  const setState = (next: SidebarConnectionState) => {
    state = next;
    for (const listener of listeners) listener();
  };
  const followTab = (tabId: number) => {
    followedTab = tabId;
    current?.port.postMessage({ ...hello, tabId });
  };

  function listen(held: HeldSidebarPort) {
    current = held;
    held.release({
      message(raw) {
        const message = sidebarPortServerMessage.safeParse(raw);
        setState(
          message.success
            ? message.data
            : { type: 'denied', code: 'unreadable', detail: describeIssues(message.error) },
        );
      },
      disconnect: () => setTimeout(connect, RECONNECT_MS),
    });
  }
  function connect() {
    listen(
      openHeldSidebarPort((info) => browser.runtime.connect(info), {
        ...hello,
        tabId: followedTab,
      }),
    );
  }
  const early = takeEarlyPort(globalThis);
  if (early) listen(early);
  else connect();

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
