import { browser, type Browser } from 'wxt/browser';
import type { Classify } from '../../apps/classify';
import {
  createTrackerService,
  trackerConfigFrom,
  type TrackerService,
} from '../../background/tracker-service';
import type { TouchpointDb } from '../../storage/db';
import { createTrackingStore } from '../../storage/tracking-store';
import type { TrackerEvent } from '../../tracking/events';
import { WINDOW_ID_NONE } from '../../tracking/events';
import type { TrackerOutput } from '../../tracking/outputs';
import type { PolicyService } from './policy';
import { sessionStore } from './storage-areas';

export const TRACKER_FLUSH_ALARM = 'tracker-flush';
/** Shorter focus changes are the window system's transitions, not the agent's attention. */
export const FOCUS_SETTLE_MS = 150;

export type TrackingDeps = {
  db: TouchpointDb;
  newId: (now: number) => string;
  policy: Pick<PolicyService, 'settings' | 'classify' | 'hashRecord'>;
  /** After each tracker step, with what it produced (interaction ends, for the effort prompt). */
  onStep: (outputs: readonly TrackerOutput[]) => void;
  /** After each minute's flush and hourly totals: prompt sweep, sidebar refresh. */
  afterFlush: () => Promise<void>;
};

/**
 * Measurement (issue #3): the tracker service over its IndexedDB store, fed by the browser's tab,
 * window and idle events, flushed by a one-minute alarm, and started from what is on screen when
 * a new browser session begins.
 */
export function createTrackingService(deps: TrackingDeps) {
  const { policy } = deps;
  const store = createTrackingStore(deps.db, { newId: deps.newId, hashRecord: policy.hashRecord });
  const tracker = createTrackerService({
    store,
    session: sessionStore(),
    config: async () => trackerConfigFrom(await policy.settings()),
    now: Date.now,
    onStep: deps.onStep,
    onNewSession: () => void sendTrackerSnapshot(tracker, policy.classify),
  });
  wireTracker({
    tracker,
    classify: policy.classify,
    idleThresholdSeconds: async () => (await policy.settings()).idleThresholdSeconds,
    afterFlush: async () => {
      await store.emitHourlyTotals(Date.now());
      await deps.afterFlush();
    },
  });
  return { tracker, store };
}
export type TrackingService = ReturnType<typeof createTrackingService>;

type TrackerWiringDeps = {
  tracker: TrackerService;
  classify: (url: string | undefined) => Promise<ReturnType<Classify>>;
  idleThresholdSeconds: () => Promise<number>;
  afterFlush: () => Promise<void>;
};

/**
 * Listens to the browser events the tracker needs (issue #3) and hands them to it. Listeners are
 * registered synchronously so an event that wakes the service worker is not missed.
 */
function wireTracker(deps: TrackerWiringDeps) {
  const { tracker } = deps;
  const appOf = deps.classify;

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
async function sendTrackerSnapshot(
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
