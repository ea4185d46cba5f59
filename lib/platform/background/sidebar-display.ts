import { browser } from 'wxt/browser';
import { SIDEBAR_PAGE } from '../../constants';
import type { SidebarAction } from '../../messaging/sidebar-actions';
import { requestTab } from './tab-client';

/** Asks a tab's content script to show, hide or toggle its sidebar overlay. */
export async function relayToTab(tabId: number, action: SidebarAction) {
  return (await requestTab(tabId, 'sidebar.command', { action })) !== null;
}

/** Points the tab's side panel at the sidebar page for that tab (before a click needs it). */
export async function preparePanel(tabId: number) {
  await browser.sidePanel
    ?.setOptions({ tabId, path: `${SIDEBAR_PAGE}?tab=${tabId}`, enabled: true })
    .catch(() => undefined);
}

/** Opens the side panel (Chrome) or sidebar (Firefox). Call it synchronously from the click's message. */
export function openPanel(tabId: number) {
  // An overlay tab's panel was never pointed at its page; both calls go out within the gesture.
  void preparePanel(tabId);
  const opening = browser.sidePanel
    ? browser.sidePanel.open({ tabId })
    : (browser as unknown as { sidebarAction?: { open(): Promise<void> } }).sidebarAction?.open();
  return Promise.resolve(opening).then(
    () => true,
    () => false,
  );
}
