import type { Settings } from '../settings/definitions';
import type { TrackingStore } from '../storage/tracking-store';
import type { TrackerConfig } from '../tracking/config';
import { DEFAULT_TRACKER_CONFIG } from '../tracking/config';
import type { TrackerEvent } from '../tracking/events';
import { currentInteraction } from '../tracking/interaction';
import { flushTracker, reduceTracker } from '../tracking/reducer';
import { initialTrackerState, type TrackerState } from '../tracking/state';
import type { KeyValueStore } from './key-value';

/** The tracker's configuration as the settings decide it (issue #3: read through settings). */
export function trackerConfigFrom(settings: Settings): TrackerConfig {
  return {
    ...DEFAULT_TRACKER_CONFIG,
    enabled: settings.trackingEnabled,
    countInAppTabSwitches: settings.countInAppTabSwitches,
    idleThresholdMs: settings.idleThresholdSeconds * 1000,
    trackedApps: settings.trackedApps,
    storeOtherDomains: settings.storeOtherDomains,
  };
}

export type TrackerServiceDeps = {
  store: TrackingStore;
  /** `storage.session`: tells a service-worker restart (keep state) from a browser restart. */
  session: KeyValueStore;
  config: () => Promise<TrackerConfig>;
  now: () => number;
  /** A new browser session began: the wiring reports what is on screen (queued after this step). */
  onNewSession: () => void;
};

const SESSION_MARKER = 'tracker-session';

/**
 * Feeds browser events to the pure tracker one at a time, in arrival order, and writes each step
 * (state + outputs) in one transaction. The state is reloaded from IndexedDB when the service
 * worker wakes; after a browser restart the previous session is closed where it last was seen.
 */
export function createTrackerService(deps: TrackerServiceDeps) {
  let state: TrackerState | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  async function currentState(config: TrackerConfig): Promise<TrackerState> {
    if (state) return state;
    const stored = await deps.store.loadState();
    const sameSession = await deps.session.get<boolean>(SESSION_MARKER);
    if (stored && sameSession) return (state = stored);
    if (stored) {
      // The browser was closed: end the last session at its last event, not at "now".
      const closing = flushTracker(stored, stored.lastEventAt, config, { endInteractions: true });
      await deps.store.applyStep(closing.state, closing.outputs);
    }
    await deps.session.set(SESSION_MARKER, true);
    state = initialTrackerState(deps.now());
    await deps.store.applyStep(state, []);
    deps.onNewSession();
    return state;
  }

  function enqueue<T>(work: () => Promise<T>): Promise<T> {
    const run = queue.then(work);
    queue = run.catch((error: unknown) => console.warn('Touchpoint tracker:', error));
    return run;
  }

  return {
    /** Loads or starts the state now (on wake), so a new session's snapshot is not delayed. */
    wake(): Promise<void> {
      return enqueue(async () => void (await currentState(await deps.config())));
    },

    /**
     * Handles one browser event, stamped now. An event that needs an async lookup (the tab's URL)
     * is passed as a function: it is resolved in the queue, so events keep their arrival order.
     */
    handle(
      event: TrackerEvent | (() => Promise<TrackerEvent | null>),
      at = deps.now(),
    ): Promise<void> {
      return enqueue(async () => {
        const resolved = typeof event === 'function' ? await event() : event;
        if (!resolved) return;
        const config = await deps.config();
        const step = reduceTracker(await currentState(config), resolved, at, config);
        await deps.store.applyStep(step.state, step.outputs);
        state = step.state;
      });
    },

    /** Closes the open span so stored figures are current (alarm, popup open). */
    flush(options: { endInteractions?: boolean } = {}): Promise<void> {
      return enqueue(async () => {
        const config = await deps.config();
        const step = flushTracker(await currentState(config), deps.now(), config, {
          holdBackIdleWindow: !options.endInteractions,
          ...options,
        });
        await deps.store.applyStep(step.state, step.outputs);
        state = step.state;
      });
    },

    /** The interaction in progress with its figures so far, for the sidebar. */
    live(): Promise<ReturnType<typeof currentInteraction>> {
      return enqueue(async () =>
        currentInteraction(await currentState(await deps.config()), deps.now()),
      );
    },

    /** Whether measurement is paused by the agent. */
    paused(): Promise<boolean> {
      return enqueue(async () => (await currentState(await deps.config())).paused);
    },
  };
}
export type TrackerService = ReturnType<typeof createTrackerService>;
