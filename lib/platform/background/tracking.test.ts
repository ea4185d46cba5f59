import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { TrackerService } from '../../background/tracker-service';
import type { TrackerEvent } from '../../tracking/events';
import { initialTrackerState } from '../../tracking/state';
import { wireTracker } from './tracking';

type Resolver = (state: unknown) => Promise<TrackerEvent | readonly TrackerEvent[] | null>;

/** A tracker that resolves each queued event when asked, the way its queue runs them later. */
function queuedTracker() {
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
    for (const resolve of queued.splice(0)) events.push(await resolve(initialTrackerState(0)));
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
});
