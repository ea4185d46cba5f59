/**
 * `npm run bench:tracker`: the reducer in Node, then the real service worker (headed Chromium on
 * a display, virtual under scripts/with-display.sh: headless, tab activations reach the worker as
 * no events and the figures would be zeros). Replays a generated stream of at least 1,000,000 browser
 * events (consecutive scripted agent days, the replay test's generator) through the pure tracker
 * reducer in Node and prints `figure <name> <value> <unit>` lines. Target: ≥ 200,000 events/s.
 *
 *   node --import tsx scripts/bench-tracker.ts
 */
import { performance } from 'node:perf_hooks';
import { DEFAULT_TRACKER_CONFIG } from '../lib/tracking/config';
import { buildAgentDay } from '../tests/support/tracking/day-script';
import type { TrackerEvent } from '../lib/tracking/events';
import { reduceTracker } from '../lib/tracking/reducer';
import { initialTrackerState } from '../lib/tracking/state';
import { measureTrackerInBrowser } from './bench/tracker-in-browser';

const MIN_EVENTS = 1_000_000;
/** Fewer handled events than this and the worker's percentiles say nothing (issue #17). */
const MIN_SW_EVENTS = 1_000;
const WARM_UP_EVENTS = 100_000;
const DAY_MS = 86_400_000;
const FIRST_DAY = Date.UTC(2025, 0, 6, 8, 0, 0);

type Stream = { times: number[]; events: TrackerEvent[] };

/** Agent days back to back, each with its own ticket tabs, as one stream of events. */
function generateStream(minEvents: number): Stream {
  const stream: Stream = { times: [], events: [] };
  for (let day = 0; stream.events.length < minEvents; day++) {
    const { steps } = buildAgentDay(day + 1, {
      start: FIRST_DAY + day * DAY_MS,
      ticketTabBase: 1000 + day * 1000,
    });
    for (const step of steps) {
      if (!('event' in step)) continue;
      stream.times.push(step.at);
      stream.events.push(step.event);
    }
  }
  return stream;
}

/** Feeds `count` events through the reducer; returns how many outputs came out (keeps it live). */
function replay({ times, events }: Stream, count: number) {
  let state = initialTrackerState(times[0] ?? FIRST_DAY);
  let outputs = 0;
  for (let index = 0; index < count; index++) {
    const step = reduceTracker(
      state,
      events[index] as TrackerEvent,
      times[index] as number,
      DEFAULT_TRACKER_CONFIG,
    );
    state = step.state;
    outputs += step.outputs.length;
  }
  return outputs;
}

async function main() {
  const stream = generateStream(MIN_EVENTS);
  const count = stream.events.length;
  replay(stream, Math.min(WARM_UP_EVENTS, count));
  const started = performance.now();
  const outputs = replay(stream, count);
  const seconds = (performance.now() - started) / 1000;
  if (outputs === 0) throw new Error('the replay produced no output');
  console.log(`figure reducer_throughput ${Math.round(count / seconds)} events/s`);
  console.log(`figure reducer_events ${count} events`);

  const costs = await measureTrackerInBrowser();
  if (costs.handle.count < MIN_SW_EVENTS) {
    console.error(
      `bench:tracker: the service worker handled ${costs.handle.count} events, fewer than ${MIN_SW_EVENTS}: no figures printed (is Chromium running headed, with a display?)`,
    );
    process.exitCode = 1;
    return;
  }
  const round = (ms: number) => Math.round(ms * 1000) / 1000;
  console.log(`figure sw_events ${costs.handle.count} events`);
  console.log(`figure sw_event_handling_median ${round(costs.handle.medianMs)} ms`);
  console.log(`figure sw_event_handling_p95 ${round(costs.handle.p95Ms)} ms`);
  console.log(`figure dexie_write_per_event_median ${round(costs.write.medianMs)} ms`);
  console.log(`figure dexie_write_per_event_p95 ${round(costs.write.p95Ms)} ms`);
  const budgets = [
    ['reducer_throughput', count / seconds >= 200_000],
    ['sw_event_handling_p95', costs.handle.p95Ms <= 2],
  ] as const;
  for (const [name, ok] of budgets) console.log(`budget ${name} ${ok ? 'ok' : 'EXCEEDED'}`);
  if (budgets.some(([, ok]) => !ok)) process.exitCode = 1;
}

await main();
