import type { Settings } from '../settings/definitions';
import type { TrackingStore } from '../storage/tracking-store';
import { countDropped, type DroppedReport } from '../sync/outbox-retention';
import type { TrackerConfig } from '../tracking/config';
import { DEFAULT_TRACKER_CONFIG } from '../tracking/config';
import { IDLE_STATE, type TrackerEvent } from '../tracking/events';
import { currentInteraction } from '../tracking/interaction';
import type { TrackerOutput } from '../tracking/outputs';
import {
  CLOCK_SET_BACK_MS,
  coverSilence,
  flushTracker,
  rebaseAfterClockSetBack,
  reduceTracker,
  SILENCE_MEANS_ASLEEP_MS,
  SUPERSEDE_AFTER_MS,
  type TrackerStep,
} from '../tracking/reducer';
import { initialTrackerState, type TrackerState } from '../tracking/state';
import { createCostMeter } from './cost-meter';
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
    allowPause: settings.allowPause,
    endTriggers: settings.interactionEndTriggers,
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
  /** Tracking was switched back on: the records the open tabs show are to be told again. */
  onResumed?: () => void;
  /** After each step, with what it produced (the sidebar's live figures, effort prompts). */
  onStep?: (outputs: readonly TrackerOutput[]) => void;
  /** Runs `run` after `ms` and returns how to cancel it; `setTimeout` unless a test says. */
  schedule?: (ms: number, run: () => void) => () => void;
};

const scheduleWithTimeout = (ms: number, run: () => void) => {
  const timer = setTimeout(run, ms);
  return () => clearTimeout(timer);
};

const SESSION_MARKER = 'tracker-session';
/** `storage.session` key of the steps whose write failed, kept for the next write. */
const KEPT_KEY = 'tracker-unwritten';
/**
 * Failed writes of the same steps after which their outputs are given up and counted: each write
 * already had the quota recovery's two reliefs, and the state must not stay unwritten forever.
 */
export const WRITE_ATTEMPTS = 3;

/** Steps reduced but not yet in IndexedDB: the newest state and everything they produced. */
type Unwritten = {
  state: TrackerState;
  outputs: TrackerOutput[];
  events: number;
  /** Failed writes of these steps so far. */
  failures: number;
  /** Set once a write of them failed: noted with their write, so a later worker knows. */
  keptId?: string;
  /** Outputs given up on, counted for the collector with the next write. */
  dropped: DroppedReport | null;
};

/** What the outbox would have lost with these outputs, by the type it would have been stored as. */
function droppedOf(outputs: readonly TrackerOutput[]) {
  return outputs.flatMap((output) => {
    switch (output.type) {
      case 'segment':
      case 'gap':
        return [{ type: output.type, occurredAt: output.end }];
      case 'switch':
      case 'inAppTabSwitch':
        return [{ type: output.type, occurredAt: output.at }];
      case 'interaction.ended':
        return [{ type: 'interaction.summary', occurredAt: output.end }];
      default:
        return [];
    }
  });
}

/**
 * Feeds browser events to the pure tracker one at a time, in arrival order. Steps are written
 * with group commit: when no write is in flight a step is written at once; steps that arrive
 * during a write go together in the next transaction (state + outputs always land together).
 * The state is reloaded from IndexedDB when the service worker wakes; after a browser restart
 * the previous session is closed where it was last seen.
 */
export function createTrackerService(deps: TrackerServiceDeps) {
  let state: TrackerState | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  let unwritten: Unwritten | undefined;
  let writing: Promise<void> | undefined;
  // What measuring costs, shown in the options page and read by `npm run bench:tracker`.
  const handleCost = createCostMeter();
  const writeCost = createCostMeter();

  async function currentState(config: TrackerConfig): Promise<TrackerState> {
    if (state) return state;
    const stored = await deps.store.loadState();
    const sameSession = await deps.session.get<boolean>(SESSION_MARKER);
    if (stored && sameSession) {
      const kept = await keptSteps();
      if (kept) unwritten = kept;
      state = kept?.state ?? stored;
      scheduleTick(state.contender);
      return state;
    }
    if (stored) {
      // The browser was closed: end the last session at its last event, not at "now".
      const closing = flushTracker(stored, stored.lastEventAt, config, { endInteractions: true });
      await deps.store.applyStep(closing.state, closing.outputs);
    }
    await deps.session.set(SESSION_MARKER, true);
    // A pause outlives a browser restart or an update: only the agent's Resume ends it.
    state = initialTrackerState(deps.now(), stored?.paused === true);
    await deps.store.applyStep(state, []);
    deps.onNewSession();
    return state;
  }

  // A record in front that will supersede the interaction in progress: a tick when it is due,
  // so that it does on time for the sidebar and the prompt, not at the next browser event.
  // A timer that fired (early, or in a worker since stopped) arms no more: one is armed again
  // whenever a contender is left without one, including in a state restored on wake.
  let cancelTick: (() => void) | undefined;
  function scheduleTick(contender: TrackerState['contender']) {
    cancelTick?.();
    cancelTick = undefined;
    if (!contender) return;
    const dueIn = contender.since + SUPERSEDE_AFTER_MS - deps.now();
    cancelTick = (deps.schedule ?? scheduleWithTimeout)(Math.max(0, dueIn) + 1, () => {
      cancelTick = undefined;
      void service.handle({ type: 'clock.tick' });
    });
  }

  function record(step: TrackerStep) {
    const contender = step.state.contender;
    if (contender !== state?.contender || (contender && !cancelTick)) scheduleTick(contender);
    // No open span is tracking off (records forgotten); one again is tracking back on.
    const resumed = state?.span === null && step.state.span !== null;
    state = step.state;
    if (resumed) deps.onResumed?.();
    unwritten = {
      state: step.state,
      outputs: [...(unwritten?.outputs ?? []), ...step.outputs],
      events: (unwritten?.events ?? 0) + 1,
      failures: unwritten?.failures ?? 0,
      keptId: unwritten?.keptId,
      dropped: unwritten?.dropped ?? null,
    };
    writing ??= startWriting();
    deps.onStep?.(step.outputs);
  }

  function startWriting() {
    const write = writeUnwritten();
    // Awaited by the step's caller; a failure here is logged, never an unhandled rejection.
    write.catch((error: unknown) => console.warn('Touchpoint tracker: write failed:', error));
    return write;
  }

  async function writeUnwritten() {
    try {
      while (unwritten) {
        const batch = unwritten;
        unwritten = undefined;
        const started = performance.now();
        try {
          await deps.store.applyStep(batch.state, batch.outputs, {
            dropped: batch.dropped,
            keptBatchId: batch.keptId,
          });
        } catch (error) {
          await keepUnwritten(batch);
          throw error;
        }
        if (batch.keptId !== undefined) await deps.session.remove(KEPT_KEY).catch(() => undefined);
        const perEvent = (performance.now() - started) / batch.events;
        for (let i = 0; i < batch.events; i++) writeCost.add(perEvent);
      }
    } finally {
      writing = undefined;
    }
  }

  /**
   * A write failed (a full disk): its steps are not lost while the tracker's state moves on. They
   * go first into the next write, with the steps that came meanwhile, and into `storage.session`
   * for a worker that stops before. After `WRITE_ATTEMPTS` failed writes their outputs are given up
   * and counted in an `events.dropped` report written with the state, as evicted events are.
   */
  async function keepUnwritten(batch: Unwritten) {
    const later = unwritten;
    const failures = batch.failures + 1;
    const outputs = [...batch.outputs, ...(later?.outputs ?? [])];
    const givenUp = failures >= WRITE_ATTEMPTS;
    const kept: Unwritten = {
      state: later?.state ?? batch.state,
      outputs: givenUp ? [] : outputs,
      events: batch.events + (later?.events ?? 0),
      failures: givenUp ? 0 : failures,
      keptId: batch.keptId ?? crypto.randomUUID(),
      dropped: givenUp ? countDropped(droppedOf(outputs), batch.dropped) : batch.dropped,
    };
    unwritten = kept;
    if (givenUp) {
      console.warn(
        `Touchpoint tracker: ${kept.dropped?.count ?? 0} outputs could not be stored; they are counted as dropped`,
      );
    }
    await deps.session.set(KEPT_KEY, kept).catch((error: unknown) => {
      console.warn('Touchpoint tracker: unwritten steps kept in memory only:', error);
    });
  }

  /** Steps a stopped worker could not write, unless a later write took them (noted with it). */
  async function keptSteps(): Promise<Unwritten | undefined> {
    const kept = await deps.session.get<Unwritten>(KEPT_KEY);
    if (!kept) return undefined;
    if (kept.keptId !== (await deps.store.lastKeptBatchWritten())) return kept;
    await deps.session.remove(KEPT_KEY);
    return undefined;
  }

  /**
   * The state a step stamped `at` applies to. Steps are stamped on arrival and handled in arrival
   * order, so one stamped well before the last step means the clock was set back: the state is
   * re-based there first (`rebaseAfterClockSetBack`), instead of measuring nothing until the new
   * clock catches up with the old one. One long after it, with the minute's alarm silent in
   * between, means the computer slept or its clock was set forward: that silence is measured as
   * a lock (`coverSilence`), not as time in the app in front.
   */
  function stateFor(current: TrackerState, at: number, config: TrackerConfig): TrackerState {
    const setBack = at < current.lastEventAt - CLOCK_SET_BACK_MS;
    const silent = at > current.lastEventAt + SILENCE_MEANS_ASLEEP_MS;
    if (!setBack && !(silent && current.idle === IDLE_STATE.active)) return current;
    const step = setBack
      ? rebaseAfterClockSetBack(current, at, config)
      : coverSilence(current, at, config);
    record(step);
    return step.state;
  }

  function enqueue<T>(work: () => Promise<T>): Promise<T> {
    const run = queue.then(work);
    queue = run.catch((error: unknown) => console.warn('Touchpoint tracker:', error));
    return run;
  }

  const service = {
    /** Loads or starts the state now (on wake), so a new session's snapshot is not delayed. */
    wake(): Promise<void> {
      return enqueue(async () => void (await currentState(await deps.config())));
    },

    /**
     * Handles one browser event, stamped now. An event that needs an async lookup (the tab's URL)
     * is passed as a function: it is resolved in the queue, so events keep their arrival order;
     * it sees the state as it is then (a focus check compares it with the browser's answer) and
     * may give several events or none. Resolves once the steps are in IndexedDB.
     */
    async handle(
      event:
        | TrackerEvent
        | ((state: TrackerState) => Promise<TrackerEvent | readonly TrackerEvent[] | null>),
      at = deps.now(),
    ): Promise<void> {
      await enqueue(async () => {
        const config = await deps.config();
        const resolved =
          typeof event === 'function' ? await event(await currentState(config)) : event;
        if (!resolved) return;
        for (const next of Array.isArray(resolved) ? resolved : [resolved as TrackerEvent]) {
          const current = stateFor(await currentState(config), at, config);
          // Handling cost: the worker's own work on the event. Waits for the browser (tab lookup,
          // IndexedDB commit) are asynchronous I/O and measured apart (write cost).
          const started = performance.now();
          record(reduceTracker(current, next, at, config));
          handleCost.add(performance.now() - started);
        }
      });
      await writing;
    },

    /** Closes the open span and waits until everything is written (alarm, popup open). */
    flush(options: { endInteractions?: boolean } = {}): Promise<void> {
      // Stamped on arrival, as events are: the queue keeps the stamps in order.
      const at = deps.now();
      return enqueue(async () => {
        const config = await deps.config();
        const current = stateFor(await currentState(config), at, config);
        record(
          flushTracker(current, at, config, {
            holdBackIdleWindow: !options.endInteractions,
            ...options,
          }),
        );
        await writing;
      });
    },

    /** The interaction in progress with its figures so far, for the sidebar. */
    live(): Promise<ReturnType<typeof currentInteraction>> {
      return enqueue(async () =>
        currentInteraction(await currentState(await deps.config()), deps.now()),
      );
    },

    /** Cost per browser event in this worker: its handling, and its share of IndexedDB writes. */
    costs() {
      return { handle: handleCost.summary(), write: writeCost.summary() };
    },

    /** Whether measurement is paused by the agent. */
    paused(): Promise<boolean> {
      return enqueue(async () => (await currentState(await deps.config())).paused);
    },
  };
  return service;
}
export type TrackerService = ReturnType<typeof createTrackerService>;
