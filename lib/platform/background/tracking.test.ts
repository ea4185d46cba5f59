import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { TrackerService } from '../../background/tracker-service';
import { DEFAULT_TRACKER_CONFIG } from '../../tracking/config';
import { OWN_PAGES_APP, WINDOW_ID_NONE, type TrackerEvent } from '../../tracking/events';
import type { TrackerOutput } from '../../tracking/outputs';
import { flushTracker, reduceTracker } from '../../tracking/reducer';
import { initialTrackerState, type TrackerState } from '../../tracking/state';
import { FOCUS_CHECK_ALARM, wireTracker } from './tracking';

type Resolver = (state: unknown) => Promise<TrackerEvent | readonly TrackerEvent[] | null>;

/** A browser event the test fires: fakeBrowser does not implement the tab moves and replacements. */
function triggerable() {
  const listeners: ((...args: never[]) => unknown)[] = [];
  return {
    addListener: (listener: (...args: never[]) => unknown) => void listeners.push(listener),
    trigger: async (...args: unknown[]) => {
      for (const listener of listeners) await (listener as (...a: unknown[]) => unknown)(...args);
    },
  };
}
let tabEvents = { onAttached: triggerable(), onDetached: triggerable(), onReplaced: triggerable() };
beforeEach(() => {
  tabEvents = { onAttached: triggerable(), onDetached: triggerable(), onReplaced: triggerable() };
  Object.assign(fakeBrowser.tabs, tabEvents);
});

/** A tracker that resolves each queued event when asked, the way its queue runs them later. */
function queuedTracker(state: TrackerState = initialTrackerState(0)) {
  const queued: Resolver[] = [];
  const tracker = {
    handle: (event: TrackerEvent | Resolver) => {
      queued.push(typeof event === 'function' ? event : async () => event);
      return Promise.resolve();
    },
    flush: () => Promise.resolve(),
    wake: () => Promise.resolve(),
  } as unknown as TrackerService;
  const resolveAll = async () => {
    const events: unknown[] = [];
    for (const resolve of queued.splice(0)) events.push(await resolve(state));
    return events.flat().filter(Boolean);
  };
  return { tracker, resolveAll };
}

const appOf = (url: string | undefined) =>
  Promise.resolve(
    url?.startsWith('https://mail.google.com/')
      ? { id: 'gmail', category: 'mail' as const }
      : url?.startsWith('https://')
        ? { id: 'other', category: 'other' as const }
        : null,
  );

/** The real wiring of browser events, handing them to a queued tracker. */
function wiredToQueue() {
  const queued = queuedTracker();
  wireTracker({
    tracker: queued.tracker,
    classify: appOf,
    idleThresholdSeconds: () => Promise.resolve(60),
    afterFlush: () => Promise.resolve(),
  });
  return queued;
}

describe('the tracker wiring', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.spyOn(fakeBrowser.idle, 'setDetectionInterval').mockImplementation(() => undefined);
    vi.spyOn(fakeBrowser.idle.onStateChanged, 'addListener').mockImplementation(() => undefined);
  });

  it('looks a new tab up as it is when its events are handled, so a late lookup replays no address the tab has left', async () => {
    const { resolveAll } = wiredToQueue();
    // A new tab opens at about:blank, is activated, and navigates to Gmail before the tracker's
    // queue gets to its events (a busy worker).
    vi.spyOn(fakeBrowser.tabs, 'get').mockResolvedValue({
      id: 7,
      url: 'https://mail.google.com/mail/u/0/',
    } as never);
    await fakeBrowser.tabs.onActivated.trigger({ tabId: 7, windowId: 1 });
    await fakeBrowser.tabs.onUpdated.trigger(7, { url: 'about:blank' }, {} as never);
    await fakeBrowser.tabs.onUpdated.trigger(
      7,
      { url: 'https://mail.google.com/mail/u/0/' },
      {} as never,
    );

    const apps = (await resolveAll()).map((event) => (event as { app?: { id: string } }).app?.id);
    expect(apps).toEqual(['gmail', 'gmail', 'gmail']);
  });

  it('takes the address an update reported when the tab is already gone', async () => {
    const { resolveAll } = wiredToQueue();
    vi.spyOn(fakeBrowser.tabs, 'get').mockRejectedValue(new Error('No tab with id: 7.'));
    await fakeBrowser.tabs.onUpdated.trigger(
      7,
      { url: 'https://mail.google.com/mail/u/0/' },
      {} as never,
    );

    expect(await resolveAll()).toEqual([
      { type: 'tab.updated', tabId: 7, app: { id: 'gmail', category: 'mail' } },
    ]);
  });
  it('tells the tracker of a tab replaced under a new id, with the address the new tab shows', async () => {
    const { resolveAll } = wiredToQueue();
    vi.spyOn(fakeBrowser.tabs, 'get').mockImplementation(async (tabId) => {
      if (tabId !== 5) throw new Error(`No tab with id: ${tabId}.`);
      return { id: 5, url: 'https://mail.google.com/mail/u/0/' } as never;
    });
    await tabEvents.onReplaced.trigger(5, 1);
    await tabEvents.onReplaced.trigger(6, 5);

    expect(await resolveAll()).toEqual([
      { type: 'tab.replaced', addedTabId: 5, removedTabId: 1 },
      { type: 'tab.updated', tabId: 5, app: { id: 'gmail', category: 'mail' } },
      // Gone already: nothing is known of its address, so the tracker keeps what it knew.
      { type: 'tab.replaced', addedTabId: 6, removedTabId: 5 },
    ]);
  });

  it("names Touchpoint's own page in a tab as such, not as another site", async () => {
    const { resolveAll } = wiredToQueue();
    const options = fakeBrowser.runtime.getURL('/options.html');
    vi.spyOn(fakeBrowser.tabs, 'get').mockResolvedValue({ id: 7, url: options } as never);
    await fakeBrowser.tabs.onActivated.trigger({ tabId: 7, windowId: 1 });
    await fakeBrowser.tabs.onUpdated.trigger(7, { url: options }, {} as never);

    expect(await resolveAll()).toEqual([
      { type: 'tab.activated', tabId: 7, windowId: 1, app: OWN_PAGES_APP },
      { type: 'tab.updated', tabId: 7, app: OWN_PAGES_APP },
    ]);
  });
});

describe('calls', () => {
  const SOFTPHONE = 'https://phone.aircall.io/';
  const VIDEO = 'https://videos.example/';
  const classify = (url: string | undefined) =>
    Promise.resolve(
      url === SOFTPHONE
        ? { id: 'aircall', category: 'phone' as const }
        : url?.startsWith('https://')
          ? { id: 'other', category: 'other' as const }
          : null,
    );
  let audible: { id: number; url: string }[] = [];

  beforeEach(() => {
    fakeBrowser.reset();
    audible = [];
    vi.spyOn(fakeBrowser.idle, 'setDetectionInterval').mockImplementation(() => undefined);
    vi.spyOn(fakeBrowser.idle.onStateChanged, 'addListener').mockImplementation(() => undefined);
    vi.spyOn(fakeBrowser.tabs, 'get').mockRejectedValue(new Error('No tab'));
    vi.spyOn(fakeBrowser.tabs, 'query').mockImplementation(async (query) =>
      query.audible ? (audible as never) : [],
    );
  });

  function wired(state?: TrackerState) {
    const queued = queuedTracker(state);
    wireTracker({
      tracker: queued.tracker,
      classify,
      idleThresholdSeconds: () => Promise.resolve(60),
      afterFlush: () => Promise.resolve(),
    });
    return queued;
  }

  it('tells the tracker the agent is on a call when a phone app’s tab plays sound, and only then', async () => {
    const { resolveAll } = wired();
    audible = [{ id: 8, url: VIDEO }];
    await fakeBrowser.tabs.onUpdated.trigger(8, { audible: true }, { audible: true } as never);
    expect(await resolveAll()).toEqual([]);

    audible.push({ id: 9, url: SOFTPHONE });
    await fakeBrowser.tabs.onUpdated.trigger(9, { audible: true }, { audible: true } as never);
    expect(await resolveAll()).toEqual([{ type: 'call.changed', onCall: true }]);
  });

  it('ends the call when the softphone stops playing sound or its tab is closed', async () => {
    const onCall = { ...initialTrackerState(0), onCall: true };
    const stopped = wired(onCall);
    await fakeBrowser.tabs.onUpdated.trigger(9, { audible: false }, { audible: false } as never);
    expect(await stopped.resolveAll()).toEqual([{ type: 'call.changed', onCall: false }]);

    fakeBrowser.reset();
    const closed = wired(onCall);
    await fakeBrowser.tabs.onRemoved.trigger(9, { windowId: 1, isWindowClosing: false });
    expect(await closed.resolveAll()).toEqual([
      { type: 'tab.removed', tabId: 9 },
      { type: 'call.changed', onCall: false },
    ]);
  });

  it('keeps the ticket’s time through a call without input, idle in the browser’s eyes', async () => {
    const T0 = Date.UTC(2026, 11, 7, 9, 0, 0);
    vi.useFakeTimers({ now: T0 });
    try {
      const { tracker, recorded } = reducingTracker(T0);
      const zendesk = { id: 'zendesk', category: 'crm' as const };
      wireTracker({
        tracker,
        classify: async (url) => (url?.includes('zendesk') ? zendesk : classify(url)),
        idleThresholdSeconds: () => Promise.resolve(60),
        afterFlush: () => Promise.resolve(),
      });
      vi.spyOn(fakeBrowser.tabs, 'get').mockResolvedValue({
        id: 1,
        url: 'https://acme.zendesk.com/agent/tickets/1',
      } as never);
      await fakeBrowser.tabs.onActivated.trigger({ tabId: 1, windowId: 1 });
      await fakeBrowser.windows.onFocusChanged.trigger(1);
      await vi.advanceTimersByTimeAsync(30_000);
      audible = [{ id: 9, url: SOFTPHONE }];
      await fakeBrowser.tabs.onUpdated.trigger(9, { audible: true }, { audible: true } as never);
      await vi.advanceTimersByTimeAsync(60_000);
      await tracker.handle({ type: 'idle.changed', state: 'idle' });
      await vi.advanceTimersByTimeAsync(540_000);
      audible = [];
      await fakeBrowser.tabs.onUpdated.trigger(9, { audible: false }, { audible: false } as never);
      await vi.advanceTimersByTimeAsync(10_000);
      await tracker.handle({ type: 'idle.changed', state: 'active' });
      await vi.advanceTimersByTimeAsync(20_000);

      expect(await recorded()).toEqual([['zendesk', 0, 660]]);
    } finally {
      vi.useRealTimers();
    }
  });
});

/** A tracker running the real reducer, reporting what it recorded in seconds from `t0`. */
function reducingTracker(t0: number) {
  let state: TrackerState = initialTrackerState(t0);
  const outputs: TrackerOutput[] = [];
  let queue = Promise.resolve();
  const tracker = {
    handle: (
      event: TrackerEvent | ((state: TrackerState) => Promise<unknown>),
      at = Date.now(),
    ) => {
      queue = queue.then(async () => {
        const resolved = typeof event === 'function' ? await event(state) : event;
        for (const next of [resolved ?? []].flat() as TrackerEvent[]) {
          const step = reduceTracker(state, next, at, DEFAULT_TRACKER_CONFIG);
          state = step.state;
          outputs.push(...step.outputs);
        }
      });
      return queue;
    },
    flush: () => Promise.resolve(),
    wake: () => Promise.resolve(),
  } as unknown as TrackerService;
  /** The switches and in-app tab switches it counted, as `[from, to]` apps or tab ids. */
  const switches = async () => {
    await queue;
    return outputs.flatMap((output): (string | number)[][] =>
      output.type === 'switch'
        ? [[output.from, output.to]]
        : output.type === 'inAppTabSwitch'
          ? [[output.fromTabId, output.toTabId]]
          : [],
    );
  };
  const recorded = async () => {
    await queue;
    outputs.push(...flushTracker(state, Date.now(), DEFAULT_TRACKER_CONFIG).outputs);
    const seconds = (at: number) => Math.round((at - t0) / 1000);
    // Whole seconds; the instants of the focus events' settling (150 ms) are left out.
    return outputs.flatMap((output) =>
      (output.type === 'segment' || output.type === 'gap') &&
      seconds(output.end) > seconds(output.start)
        ? [
            [
              output.type === 'segment' ? output.app : output.kind,
              seconds(output.start),
              seconds(output.end),
            ],
          ]
        : [],
    );
  };
  return { tracker, recorded, switches };
}

describe('focus the browser no longer reports', () => {
  const T0 = Date.UTC(2026, 11, 7, 9, 0, 0);
  const TICKET = 'https://acme.zendesk.com/agent/tickets/1';
  let windowFocused = true;
  let popupOpen = false;

  beforeEach(() => {
    vi.useFakeTimers({ now: T0 });
    fakeBrowser.reset();
    windowFocused = true;
    popupOpen = false;
    vi.spyOn(fakeBrowser.idle, 'setDetectionInterval').mockImplementation(() => undefined);
    vi.spyOn(fakeBrowser.idle.onStateChanged, 'addListener').mockImplementation(() => undefined);
    vi.spyOn(fakeBrowser.tabs, 'get').mockResolvedValue({ id: 1, url: TICKET } as never);
    vi.spyOn(fakeBrowser.windows, 'getLastFocused').mockImplementation(
      async () =>
        ({
          id: 1,
          focused: windowFocused,
          state: 'normal',
          tabs: [{ id: 1, active: true, url: TICKET }],
        }) as never,
    );
    (fakeBrowser.runtime as { getContexts?: unknown }).getContexts = async () =>
      popupOpen ? [{ contextType: 'POPUP' }] : [];
    return () => vi.useRealTimers();
  });

  it('sees the agent leave for another program from Touchpoint’s popup, though Chrome sends no event', async () => {
    const { tracker, recorded } = reducingTracker(T0);
    const zendesk = { id: 'zendesk', category: 'crm' as const };
    wireTracker({
      tracker,
      classify: async (url) => (url?.includes('zendesk') ? zendesk : null),
      idleThresholdSeconds: () => Promise.resolve(600),
      afterFlush: () => Promise.resolve(),
    });
    await fakeBrowser.tabs.onActivated.trigger({ tabId: 1, windowId: 1 });
    await fakeBrowser.windows.onFocusChanged.trigger(1);
    await vi.advanceTimersByTimeAsync(60_000);

    // The popup opens: Chrome says "no window", the window still has the agent.
    popupOpen = true;
    await fakeBrowser.windows.onFocusChanged.trigger(WINDOW_ID_NONE);
    await vi.advanceTimersByTimeAsync(5_000);
    // Alt+Tab to the softphone: the popup closes, and Chrome, having said "no window" last, says
    // nothing.
    popupOpen = false;
    windowFocused = false;
    await vi.advanceTimersByTimeAsync(300_000);
    // Back: Chrome names the window again.
    windowFocused = true;
    await fakeBrowser.windows.onFocusChanged.trigger(1);
    await vi.advanceTimersByTimeAsync(60_000);

    expect(await recorded()).toEqual([
      ['zendesk', 0, 65],
      ['outside', 65, 365],
      ['zendesk', 365, 425],
    ]);
  });

  it('counts an undocked DevTools window, which Chrome’s focus events leave out, as the browser', async () => {
    const { tracker, recorded } = reducingTracker(T0);
    wireTracker({
      tracker,
      classify: async (url) =>
        url?.includes('zendesk') ? { id: 'zendesk', category: 'crm' } : null,
      idleThresholdSeconds: () => Promise.resolve(600),
      afterFlush: () => Promise.resolve(),
    });
    let devTools = false;
    vi.spyOn(fakeBrowser.windows, 'getLastFocused').mockImplementation(
      async (options) =>
        (devTools && options?.windowTypes?.includes('devtools')
          ? { id: 2, type: 'devtools', focused: true, state: 'normal', tabs: [] }
          : {
              id: 1,
              type: 'normal',
              focused: !devTools,
              state: 'normal',
              tabs: [{ id: 1, active: true, url: TICKET }],
            }) as never,
    );
    await fakeBrowser.tabs.onActivated.trigger({ tabId: 1, windowId: 1 });
    await fakeBrowser.windows.onFocusChanged.trigger(1);
    await vi.advanceTimersByTimeAsync(30_000);
    devTools = true; // the agent clicks into DevTools, undocked: Chrome says "no window"
    await fakeBrowser.windows.onFocusChanged.trigger(WINDOW_ID_NONE);
    await vi.advanceTimersByTimeAsync(20_000);
    devTools = false;
    await fakeBrowser.windows.onFocusChanged.trigger(1);
    await vi.advanceTimersByTimeAsync(10_000);

    expect(await recorded()).toEqual([['zendesk', 0, 60]]);
  });

  it('asks again on the alarm once the quick checks are over (the flag is in session storage: the worker may sleep)', async () => {
    const { tracker, recorded } = reducingTracker(T0);
    const wire = () =>
      wireTracker({
        tracker,
        classify: async (url) =>
          url?.includes('zendesk') ? { id: 'zendesk', category: 'crm' } : null,
        idleThresholdSeconds: () => Promise.resolve(3600),
        afterFlush: () => Promise.resolve(),
      });
    wire();
    await fakeBrowser.tabs.onActivated.trigger({ tabId: 1, windowId: 1 });
    await fakeBrowser.windows.onFocusChanged.trigger(1);
    popupOpen = true;
    await fakeBrowser.windows.onFocusChanged.trigger(WINDOW_ID_NONE);
    await vi.advanceTimersByTimeAsync(1_000);
    popupOpen = false; // closed back into the page: the agent works on for ten minutes
    await vi.advanceTimersByTimeAsync(600_000);
    windowFocused = false; // then leaves; only the alarm asks by now
    await vi.advanceTimersByTimeAsync(20_000);
    await fakeBrowser.alarms.onAlarm.trigger({
      name: FOCUS_CHECK_ALARM,
      scheduledTime: Date.now(),
      persistAcrossSessions: false,
    });
    await vi.advanceTimersByTimeAsync(1_000);

    expect(await recorded()).toEqual([
      ['zendesk', 0, 621],
      ['outside', 621, 622],
    ]);
  });
});

describe('a tab moved to another window', () => {
  const T0 = Date.UTC(2026, 11, 7, 9, 0, 0);
  const TICKET = 'https://acme.zendesk.com/agent/tickets/1';
  const GMAIL = 'https://mail.google.com/mail/u/0/';
  /** The window the browser says has the focus, and its front tab: window 1 till the drop. */
  let focused = { windowId: 1, tabId: 1 };

  beforeEach(() => {
    vi.useFakeTimers({ now: T0 });
    fakeBrowser.reset();
    focused = { windowId: 1, tabId: 1 };
    vi.spyOn(fakeBrowser.idle, 'setDetectionInterval').mockImplementation(() => undefined);
    vi.spyOn(fakeBrowser.idle.onStateChanged, 'addListener').mockImplementation(() => undefined);
    vi.spyOn(fakeBrowser.tabs, 'get').mockImplementation(
      async (tabId) => ({ id: tabId, url: tabId === 1 ? TICKET : GMAIL }) as never,
    );
    vi.spyOn(fakeBrowser.windows, 'getLastFocused').mockImplementation(
      async () =>
        ({
          id: focused.windowId,
          focused: true,
          state: 'normal',
          tabs: [{ id: focused.tabId, active: true }],
        }) as never,
    );
    return () => vi.useRealTimers();
  });

  function wired() {
    const tracking = reducingTracker(T0);
    wireTracker({
      tracker: tracking.tracker,
      classify: async (url) =>
        url === TICKET
          ? { id: 'zendesk', category: 'crm' }
          : url === GMAIL
            ? { id: 'gmail', category: 'mail' }
            : null,
      idleThresholdSeconds: () => Promise.resolve(600),
      afterFlush: () => Promise.resolve(),
    });
    return tracking;
  }

  /** The agent drags the ticket's tab 1 out of window 1 (Gmail in tab 2 behind it) into window 2. */
  async function dragOut(noWindowForMs: number) {
    await fakeBrowser.tabs.onActivated.trigger({ tabId: 1, windowId: 1 });
    await fakeBrowser.windows.onFocusChanged.trigger(1);
    await vi.advanceTimersByTimeAsync(60_000);
    // Chrome's events, in its order: the window left behind brings Gmail to the front.
    await tabEvents.onDetached.trigger(1, { oldWindowId: 1, oldPosition: 0 });
    await fakeBrowser.tabs.onActivated.trigger({ tabId: 2, windowId: 1 });
    await fakeBrowser.windows.onCreated.trigger({ id: 2 } as never);
    await tabEvents.onAttached.trigger(1, { newWindowId: 2, newPosition: 0 });
    focused = { windowId: 2, tabId: 1 };
    await fakeBrowser.windows.onFocusChanged.trigger(WINDOW_ID_NONE);
    await vi.advanceTimersByTimeAsync(noWindowForMs);
    await fakeBrowser.windows.onFocusChanged.trigger(2);
    await fakeBrowser.tabs.onActivated.trigger({ tabId: 1, windowId: 2 });
    await vi.advanceTimersByTimeAsync(60_000 - noWindowForMs);
  }

  it('keeps the ticket in front, and its time, when the agent drags its tab out into a new window', async () => {
    const { recorded, switches } = wired();
    await dragOut(40);

    expect(await switches()).toEqual([]);
    expect(await recorded()).toEqual([['zendesk', 0, 120]]);
  });

  it('counts no time outside for a "no window" during the drag that outlasts the settling', async () => {
    const { recorded, switches } = wired();
    await dragOut(400);

    expect(await switches()).toEqual([]);
    expect(await recorded()).toEqual([['zendesk', 0, 120]]);
  });
});

describe('a tab replaced under a new id', () => {
  const T0 = Date.UTC(2026, 11, 7, 9, 0, 0);
  const TICKET = 'https://acme.zendesk.com/agent/tickets/1';
  let frontTabId = 1;

  beforeEach(() => {
    vi.useFakeTimers({ now: T0 });
    fakeBrowser.reset();
    frontTabId = 1;
    vi.spyOn(fakeBrowser.idle, 'setDetectionInterval').mockImplementation(() => undefined);
    vi.spyOn(fakeBrowser.idle.onStateChanged, 'addListener').mockImplementation(() => undefined);
    vi.spyOn(fakeBrowser.tabs, 'get').mockImplementation(
      async (tabId) => ({ id: tabId, url: TICKET }) as never,
    );
    vi.spyOn(fakeBrowser.windows, 'getLastFocused').mockImplementation(
      async () =>
        ({
          id: 1,
          focused: true,
          state: 'normal',
          tabs: [{ id: frontTabId, active: true }],
        }) as never,
    );
    return () => vi.useRealTimers();
  });

  it('keeps the ticket in front, its record and its time, when Chrome swaps in a prerendered page', async () => {
    const { tracker, recorded, switches } = reducingTracker(T0);
    wireTracker({
      tracker,
      classify: async (url) => (url === TICKET ? { id: 'zendesk', category: 'crm' } : null),
      idleThresholdSeconds: () => Promise.resolve(600),
      afterFlush: () => Promise.resolve(),
    });
    await fakeBrowser.tabs.onActivated.trigger({ tabId: 1, windowId: 1 });
    await fakeBrowser.windows.onFocusChanged.trigger(1);
    await tracker.handle({ type: 'record.seen', tabId: 1, recordKey: 'Z1', app: 'zendesk' });
    await vi.advanceTimersByTimeAsync(60_000);
    // Chrome replaces tab 1 by tab 5: only tabs.onReplaced says so.
    frontTabId = 5;
    await tabEvents.onReplaced.trigger(5, 1);
    await vi.advanceTimersByTimeAsync(10_000);
    // The focus check asks the browser, which names tab 5 in front.
    await fakeBrowser.alarms.onAlarm.trigger({
      name: FOCUS_CHECK_ALARM,
      scheduledTime: Date.now(),
      persistAcrossSessions: false,
    });
    await vi.advanceTimersByTimeAsync(50_000);

    expect(await switches()).toEqual([]);
    expect(await recorded()).toEqual([['zendesk', 0, 120]]);
  });
});
