import type { TrackerConfig } from '../../../lib/tracking/config';
import type { TrackerEvent } from '../../../lib/tracking/events';
import type { TrackerOutput } from '../../../lib/tracking/outputs';
import { flushTracker, reduceTracker, type FlushOptions } from '../../../lib/tracking/reducer';
import { initialTrackerState, type TrackerState } from '../../../lib/tracking/state';

/** One step of a recorded or generated stream: an event, or a flush (the wiring's alarm). */
export type ReplayStep = { at: number; event: TrackerEvent } | { at: number; flush: FlushOptions };

export type ReplayOptions = {
  /** JSON round trip of the state every n steps: the service worker stopped and woke again. */
  restoreEvery?: number;
  /** Start from this state instead of a fresh one at the first step's time. */
  from?: TrackerState;
};

/** Feeds steps through the reducer, collecting every output in order. */
export function replaySteps(
  steps: readonly ReplayStep[],
  config: TrackerConfig,
  options: ReplayOptions = {},
): { state: TrackerState; outputs: TrackerOutput[] } {
  let state = options.from ?? initialTrackerState(steps[0]?.at ?? 0);
  const outputs: TrackerOutput[] = [];
  steps.forEach((step, index) => {
    const result =
      'event' in step
        ? reduceTracker(state, step.event, step.at, config)
        : flushTracker(state, step.at, config, step.flush);
    state = result.state;
    for (const output of result.outputs) outputs.push(output);
    if (options.restoreEvery && (index + 1) % options.restoreEvery === 0) {
      state = JSON.parse(JSON.stringify(state)) as TrackerState;
    }
  });
  return { state, outputs };
}
