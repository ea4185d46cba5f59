import { browser, type Browser } from 'wxt/browser';
import type { Classify } from '../apps/classify';
import type { TrackerService } from '../background/tracker-service';
import type { TrackerEvent } from '../tracking/events';
import { WINDOW_ID_NONE } from '../tracking/events';

export const TRACKER_FLUSH_ALARM = 'tracker-flush';
/** Shorter focus changes are the window system's transitions, not the agent's attention. */
export const FOCUS_SETTLE_MS = 150;

export type TrackerWiringDeps = {
  tracker: TrackerService;
  classify: () => Promise<Classify>;
  idleThresholdSeconds: () => Promise<number>;
  /** After each minute's flush: hourly totals, pruning, sidebar refresh. */
  afterFlush: () => Promise<void>;
};

/**
 * Listens to the browser events the tracker needs (issue #3) and hands them to it. Listeners are
 * registered synchronously so an event that wakes the service worker is not missed.
 */
export function wireTracker(deps: TrackerWiringDeps) {
  const { tracker } = deps;
  const appOf = async (url: string | undefined) => (await deps.classify())(url);

  browser.tabs.onActivated.addListener(({ tabId, windowId }) => {
    void tracker.handle(async () => {
      const tab = await browser.tabs.get(tabId).catch(() => undefined);
      // A tab opened at an address has it as pendingUrl until it commits.
      return {
        type: 'tab.activated',
        tabId,
        windowId,
        app: await appOf(tab?.pendingUrl || tab?.url),
      };
    });
  });
  browser.tabs.onUpdated.addListener((tabId, change) => {
    const url = change.url;
    if (url === undefined) return;
    void tracker.handle(async () => ({ type: 'tab.updated', tabId, app: await appOf(url) }));
  });
  browser.tabs.onRemoved.addListener(
    (tabId) => void tracker.handle({ type: 'tab.removed', tabId }),
  );
  let settlingFocus: ReturnType<typeof setTimeout> | undefined;
  browser.windows.onFocusChanged.addListener((windowId) => {
    // Chrome on Linux and Windows reports "no window" for an instant when the agent moves between
    // two browser windows. Only the focus that lasts FOCUS_SETTLE_MS counts, stamped when it came.
    const at = Date.now();
    clearTimeout(settlingFocus);
    settlingFocus = setTimeout(
      () => void tracker.handle({ type: 'window.focused', windowId }, at),
      FOCUS_SETTLE_MS,
    );
  });
  browser.idle.onStateChanged.addListener((state) => {
    void tracker.handle({ type: 'idle.changed', state });
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === TRACKER_FLUSH_ALARM) void tracker.flush().then(deps.afterFlush);
  });

  void (async () => {
    browser.idle.setDetectionInterval(await deps.idleThresholdSeconds());
    await browser.alarms.create(TRACKER_FLUSH_ALARM, { periodInMinutes: 1 });
    await tracker.wake();
  })();
}

/** A new browser session starts from what is on screen: each window's front tab, then focus. */
export async function sendTrackerSnapshot(
  tracker: TrackerService,
  appOf: (url: string | undefined) => Promise<ReturnType<Classify>>,
) {
  const windows: Browser.windows.Window[] = await browser.windows.getAll({ populate: true });
  const events: TrackerEvent[] = [];
  let focused = WINDOW_ID_NONE;
  for (const window of windows) {
    const tab = window.tabs?.find((candidate) => candidate.active);
    if (window.id === undefined || tab?.id === undefined) continue;
    events.push({
      type: 'tab.activated',
      tabId: tab.id,
      windowId: window.id,
      app: await appOf(tab.url),
    });
    if (window.focused) focused = window.id;
  }
  events.push({ type: 'window.focused', windowId: focused });
  for (const event of events) await tracker.handle(event);
}
