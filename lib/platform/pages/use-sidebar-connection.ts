import { useCallback, useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import {
  SIDEBAR_PORT,
  sidebarPortServerMessage,
  type SidebarPortServerMessage,
} from '../../messaging/protocol';
import { describeIssues } from '../../../contract/validation';
import { request } from './extension-client';

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

/**
 * Keeps a port to the background and returns the latest state it pushed. Reconnects when the
 * service worker is stopped (its ports close), which wakes it again.
 */
export function useSidebarConnection() {
  const [state, setState] = useState<SidebarConnectionState>({ type: 'connecting' });
  const token = readToken();
  const panelTab = readPanelTab();
  const embedded = token !== undefined;

  useEffect(() => {
    let port: ReturnType<typeof browser.runtime.connect> | undefined;
    let closed = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let followedTab = panelTab;
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
      port.onDisconnect.addListener(() => {
        if (!closed) retry = setTimeout(connect, RECONNECT_MS);
      });
      followTab();
    }
    connect();

    // In the side panel, follow the tab the agent brings to front.
    const onActivated = (info: { tabId: number }) => followTab(info.tabId);
    const followsActiveTab = !embedded && panelTab === undefined;
    if (followsActiveTab) browser.tabs.onActivated.addListener(onActivated);
    return () => {
      closed = true;
      if (retry) clearTimeout(retry);
      if (followsActiveTab) browser.tabs.onActivated.removeListener(onActivated);
      port?.disconnect();
    };
  }, [token, embedded, panelTab]);

  const collapse = useCallback(() => {
    void request('sidebar.command', { action: 'collapse' });
  }, []);

  return { state, embedded, collapse };
}
