import { browser, type Browser } from 'wxt/browser';
import type { Classify } from '../../apps/classify';
import {
  createTrackerService,
  trackerConfigFrom,
  type TrackerService,
} from '../../background/tracker-service';
import type { TouchpointDb } from '../../storage/db';
import { createTrackingStore } from '../../storage/tracking-store';
import type { AppRef, TrackerEvent } from '../../tracking/events';
import { OWN_PAGES_APP, WINDOW_ID_NONE } from '../../tracking/events';
import { focusCorrection, type FocusTruth } from '../../tracking/focus-reconcile';
import type { TrackerOutput } from '../../tracking/outputs';
import { isPhoneAppPlaying } from './agent-state';
import type { PolicyService } from './policy';
import { sessionStore } from './storage-areas';

export const TRACKER_FLUSH_ALARM = 'tracker-flush';
/** Shorter focus changes are the window system's transitions, not the agent's attention. */
export const FOCUS_SETTLE_MS = 150;
/**
 * The backstop focus check (issue #15). Chrome runs alarms at most every 30 s for an installed
 * extension; the quick path is the checks on input activity and right after focus leaves.
 */
export const FOCUS_CHECK_ALARM = 'focus-check';
/** After focus leaves the browser, the browser is asked twice a second for 20 s. */
export const FOCUS_RECHECKS = { everyMs: 500, count: 40 } as const;
/**
 * While Chrome is silent (see `wireTracker`), it is asked twice a second for 2 min, then on the
 * alarm: a leave is then seen within half a second (once a second, CI measured one 1.02 s late).
 */
export const SILENT_FOCUS_CHECKS = { everyMs: 500, count: 240 } as const;
const CHROME_SILENT_KEY = 'focus:chrome-silent';

export type TrackingDeps = {
  db: TouchpointDb;
  newId: (now: number) => string;
  policy: Pick<PolicyService, 'settings' | 'classify' | 'hashRecord'>;
  /** After each tracker step, with what it produced (interaction ends, for the effort prompt). */
  onStep: (outputs: readonly TrackerOutput[]) => void;
  /** After each minute's flush and hourly totals: prompt sweep, sidebar refresh. */
  afterFlush: () => Promise<void>;
  /** The records the open tabs show, to tell the tracker again when tracking comes back on. */
  openRecords: () => Promise<readonly TrackerEvent[]>;
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
    onNewSession: () => void sendTrackerSnapshot(tracker, withOwnPages(policy.classify)),
    onResumed: () => void tracker.handle(() => deps.openRecords()),
  });
  const wiring = wireTracker({
    tracker,
    classify: policy.classify,
    idleThresholdSeconds: async () => (await policy.settings()).idleThresholdSeconds,
    afterFlush: async () => {
      await store.emitHourlyTotals(Date.now());
      await deps.afterFlush();
    },
  });
  return { tracker, store, checkFocus: wiring.checkFocus };
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
export function wireTracker(deps: TrackerWiringDeps) {
  const { tracker } = deps;
  const appOf = withOwnPages(deps.classify);

  /**
   * The tab's address when its queued event is handled, not when the event fired: an activation
   * can only be looked up then, so an update must be too, or an address the tab has already left
   * (`about:blank` before the page a new tab opens) would be replayed after the newer one as two
   * switches in the same millisecond. `reported` stands in for a tab that is gone.
   */
  async function addressNow(tabId: number, reported?: string) {
    const tab = await browser.tabs.get(tabId).catch(() => undefined);
    // A tab opened at an address has it as pendingUrl until it commits.
    return tab ? tab.pendingUrl || tab.url : reported;
  }

  browser.tabs.onActivated.addListener(({ tabId, windowId }) => {
    void tracker.handle(async () => {
      const url = await addressNow(tabId);
      return { type: 'tab.activated', tabId, windowId, app: await appOf(url) };
    });
  });
  /**
   * Tells the tracker whether the agent is on a call (a phone app's tab playing sound), asked of
   * the browser when the event is handled, and only when that changed: on a call, no input is no
   * idleness. Only whether: not which app or tab, nor for how long.
   */
  function reportCall() {
    void tracker.handle(async (state) => {
      const onCall = await isPhoneAppPlaying(appOf);
      return onCall === (state.onCall === true) ? null : { type: 'call.changed', onCall };
    });
  }

  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    // A tab started or stopped playing sound, or one playing sound went to another address.
    if (change.audible !== undefined || (change.url !== undefined && tab.audible)) reportCall();
    if (change.url === undefined) return;
    void tracker.handle(async () => {
      const url = await addressNow(tabId, change.url);
      return { type: 'tab.updated', tabId, app: await appOf(url) };
    });
  });

  /** Whether Touchpoint's toolbar popup is open: it has the focus, yet the agent is in the window. */
  async function ownPopupOpen() {
    const runtime = browser.runtime as { getContexts?: typeof chrome.runtime.getContexts };
    if (!runtime.getContexts) return false;
    const popups = await runtime.getContexts({
      contextTypes: ['POPUP' as chrome.runtime.ContextType],
    });
    return popups.length > 0;
  }

  /** What the browser says is in front now (Touchpoint's popup counts as its window). */
  async function focusTruth(): Promise<FocusTruth | null> {
    const window = await browser.windows
      .getLastFocused({ populate: true, windowTypes: ['normal', 'popup', 'devtools'] })
      .catch(() => undefined);
    if (window?.id === undefined) return null;
    // An undocked DevTools window: Chrome's focus events leave it out (it reports "no window"),
    // yet the agent is in the browser. Its window has no tab the tracker knows, so the time stays
    // with the page in front, as with DevTools docked.
    if (window.type === 'devtools' && window.focused) return { windowId: window.id };
    // A minimised window has no focus, whatever Chrome's model says (seen without a window manager).
    if (window.state === 'minimized') return { windowId: WINDOW_ID_NONE };
    if (!window.focused && !(await ownPopupOpen())) return { windowId: WINDOW_ID_NONE };
    const tab = window.tabs?.find((candidate) => candidate.active);
    return tab?.id === undefined ? { windowId: window.id } : { windowId: window.id, tabId: tab.id };
  }

  // Chrome sends a focus event only when the window it would name differs from the one it named
  // last (`windows_event_router.cc`). Once it said "no window" for Touchpoint's popup or its own
  // dialog while the agent stayed in the window, the agent leaving the browser afterwards sends
  // nothing, until Chrome names a window again: 300 s in another program counted as the ticket's.
  // Meanwhile the browser is asked; the flag outlives the worker's sleep.
  let lastNamedByChrome: number | undefined;
  let silentChecks: ReturnType<typeof setInterval> | undefined;
  async function chromeGoesSilent() {
    await browser.storage.session.set({ [CHROME_SILENT_KEY]: true });
    clearInterval(silentChecks);
    let left = SILENT_FOCUS_CHECKS.count;
    silentChecks = setInterval(() => {
      if (--left <= 0) clearInterval(silentChecks);
      void checkLeftWhileSilent();
    }, SILENT_FOCUS_CHECKS.everyMs);
  }
  async function chromeSpeaks() {
    clearInterval(silentChecks);
    await browser.storage.session.remove(CHROME_SILENT_KEY);
  }
  /** While Chrome is silent: the agent left the browser when no window has the focus any more. */
  async function checkLeftWhileSilent() {
    const silent = await browser.storage.session.get(CHROME_SILENT_KEY);
    if (silent[CHROME_SILENT_KEY] !== true) return;
    const truth = await focusTruth();
    if (truth?.windowId !== WINDOW_ID_NONE) return;
    await chromeSpeaks();
    await tracker.handle({ type: 'window.focused', windowId: WINDOW_ID_NONE });
  }

  /** Compares the tracker's belief with the browser's answer and reports what it missed. */
  async function checkFocus(): Promise<boolean> {
    const truth = await focusTruth();
    if (!truth) return false;
    let corrected = false;
    await tracker.handle(async (state) => {
      const correction = focusCorrection(state, truth);
      if (!correction) return null;
      corrected = true;
      const events: TrackerEvent[] = [];
      if (correction.tabId !== undefined) {
        events.push({
          type: 'tab.activated',
          tabId: correction.tabId,
          windowId: correction.windowId,
          app: await appOf(await addressNow(correction.tabId)),
        });
      }
      events.push({ type: 'window.focused', windowId: correction.windowId });
      return events;
    });
    if (corrected && lastNamedByChrome === WINDOW_ID_NONE) await chromeGoesSilent();
    return corrected;
  }

  let rechecks: ReturnType<typeof setInterval> | undefined;
  /** Asks the browser again for a while: its dialogs and popups close without a focus event. */
  function recheckFocusSoon() {
    clearInterval(rechecks);
    let left = FOCUS_RECHECKS.count;
    rechecks = setInterval(() => {
      if (--left <= 0) clearInterval(rechecks);
      void checkFocus().then((corrected) => {
        if (corrected) clearInterval(rechecks);
      });
    }, FOCUS_RECHECKS.everyMs);
  }
  // A tab dragged to another window keeps its id: the tracker keeps it in front while it moves.
  browser.tabs.onDetached.addListener((tabId, { oldWindowId }) => {
    void tracker.handle({ type: 'tab.detached', tabId, windowId: oldWindowId });
  });
  browser.tabs.onAttached.addListener((tabId, { newWindowId }) => {
    void tracker.handle({ type: 'tab.attached', tabId, windowId: newWindowId });
  });
  // Chrome swapped in a prerendered page under a new id: the same tab, whose page may show another
  // address (no tabs.onUpdated says so), reported as a navigation when the tab can still be read.
  browser.tabs.onReplaced.addListener((addedTabId, removedTabId) => {
    void tracker.handle(async () => {
      const events: TrackerEvent[] = [{ type: 'tab.replaced', addedTabId, removedTabId }];
      const url = await addressNow(addedTabId);
      if (url !== undefined) {
        events.push({ type: 'tab.updated', tabId: addedTabId, app: await appOf(url) });
      }
      return events;
    });
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    void tracker.handle({ type: 'tab.removed', tabId });
    // The softphone's tab closed mid-call: no event says its sound stopped.
    reportCall();
  });
  let settlingFocus: ReturnType<typeof setTimeout> | undefined;
  browser.windows.onFocusChanged.addListener((windowId) => {
    // Chrome on Linux and Windows reports "no window" for an instant when the agent moves between
    // two browser windows. Only the focus that lasts FOCUS_SETTLE_MS counts, stamped when it came.
    const at = Date.now();
    lastNamedByChrome = windowId;
    clearTimeout(settlingFocus);
    settlingFocus = setTimeout(() => {
      if (windowId !== WINDOW_ID_NONE) {
        clearInterval(rechecks);
        void chromeSpeaks();
        void tracker.handle({ type: 'window.focused', windowId }, at);
        return;
      }
      void focusTruth().then((truth) => {
        // Chrome says "no window" while a window has the focus: Touchpoint's popup took it (the
        // agent is still in the window it opened from), or Chrome reports late, after its own
        // dialog closed. Its answer wins.
        if (truth && truth.windowId !== WINDOW_ID_NONE) {
          void chromeGoesSilent().then(checkFocus);
          return;
        }
        void tracker.handle({ type: 'window.focused', windowId }, at);
        recheckFocusSoon();
      });
    }, FOCUS_SETTLE_MS);
  });
  browser.idle.onStateChanged.addListener((state) => {
    void tracker.handle({ type: 'idle.changed', state });
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === TRACKER_FLUSH_ALARM) void tracker.flush().then(deps.afterFlush);
    if (alarm.name === FOCUS_CHECK_ALARM) void checkLeftWhileSilent().then(checkFocus);
  });

  void (async () => {
    browser.idle.setDetectionInterval(await deps.idleThresholdSeconds());
    await browser.alarms.create(TRACKER_FLUSH_ALARM, { periodInMinutes: 1 });
    await browser.alarms.create(FOCUS_CHECK_ALARM, { periodInMinutes: 0.5 });
    await tracker.wake();
  })();
  return { checkFocus };
}

/** The app a tab's address shows, as the tracker takes it. */
type AppOf = (url: string | undefined) => Promise<AppRef | null>;

/**
 * Touchpoint's own pages are never a switch away (issue #15). The popup and the side panel are no
 * tab: the page in front stays in front. An own page in a tab (options, welcome) is a gap of its
 * own (`OWN_PAGES_APP`): no ticket's time either.
 */
function withOwnPages(classify: AppOf): AppOf {
  const ownOrigin = browser.runtime.getURL('/');
  return (url) => (url?.startsWith(ownOrigin) ? Promise.resolve(OWN_PAGES_APP) : classify(url));
}

/** A new browser session starts from what is on screen: each window's front tab, then focus. */
async function sendTrackerSnapshot(tracker: TrackerService, appOf: AppOf) {
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
  // A new session's state is on no call: a call already playing says so only now.
  if (await isPhoneAppPlaying(appOf)) events.push({ type: 'call.changed', onCall: true });
  for (const event of events) await tracker.handle(event);
}
