import type { AppRef } from './events';

// Tabs and windows as small arrays rather than id-keyed objects: Chrome's tab ids are large and
// sparse, which puts id-keyed objects in V8's slow dictionary mode, and an agent has tens of tabs,
// so a linear scan is cheaper than a lookup there. Arrays also copy cheaply on write.

/**
 * The record a tab shows; `closed` when its status is one of `closedStatuses`. `identityKeys`
 * name its customer (`email:…`, `phone:…`, `id:…`), to tell a lookup from a new piece of work.
 */
export type TabRecord = {
  recordKey: string;
  app: string;
  closed: boolean;
  identityKeys?: readonly string[];
};

/** What the tracker knows of one tab. `app` is missing until the tab is reported. */
export type TabEntry = { tabId: number; app?: AppRef | null; record?: TabRecord };

/** The tab in front of one window. */
export type FrontTab = { windowId: number; tabId: number };

/** The entry of a tab, if the tracker knows it. */
export function findTab(tabs: readonly TabEntry[], tabId: number): TabEntry | undefined {
  for (const entry of tabs) if (entry.tabId === tabId) return entry;
  return undefined;
}

/** `tabs` with the entry of `entry.tabId` replaced (or added). */
export function withTab(tabs: readonly TabEntry[], entry: TabEntry): TabEntry[] {
  const next = tabs.slice();
  for (let index = 0; index < next.length; index++) {
    if (next[index]?.tabId !== entry.tabId) continue;
    next[index] = entry;
    return next;
  }
  next.push(entry);
  return next;
}

/** `tabs` without the tab (it was closed). */
export function withoutTab(tabs: readonly TabEntry[], tabId: number): TabEntry[] {
  return tabs.filter((entry) => entry.tabId !== tabId);
}

/** The tab in front of a window, if known. */
export function frontTabOf(fronts: readonly FrontTab[], windowId: number): number | undefined {
  for (const front of fronts) if (front.windowId === windowId) return front.tabId;
  return undefined;
}

/** A tab is in one window only: if it was in front of another one, it has been moved. */
export function withFrontTab(fronts: readonly FrontTab[], windowId: number, tabId: number) {
  const next = fronts.filter((front) => front.windowId !== windowId && front.tabId !== tabId);
  next.push({ windowId, tabId });
  return next;
}

/** `fronts` without the tab (it was closed); the same array when it was in front nowhere. */
export function withoutFrontTab(fronts: readonly FrontTab[], tabId: number): FrontTab[] {
  return fronts.some((front) => front.tabId === tabId)
    ? fronts.filter((front) => front.tabId !== tabId)
    : (fronts as FrontTab[]);
}
