import { describe, expect, it } from 'vitest';
import { DEFAULT_TRACKER_CONFIG, type TrackerConfig } from './config';
import {
  GAP_KIND,
  type GapOutput,
  type InteractionEndedOutput,
  type SegmentOutput,
  type TrackerOutput,
} from './outputs';
import {
  disorder,
  duplicate,
  randomEvents,
  type TimedEvent,
} from '../../tests/support/tracking/random-events';
import { flushTracker, reduceTracker } from './reducer';
import { replaySteps, type ReplayStep } from '../../tests/support/tracking/replay';
import { createRandom } from '../../contract/seeded-random';
import { initialTrackerState, type TrackerState } from './state';

const RUNS = 300;
const EVENTS = 500;
const START = Date.UTC(2025, 2, 3, 8, 0, 0);
const config: TrackerConfig = DEFAULT_TRACKER_CONFIG;

function streams(salt: number) {
  return Array.from({ length: RUNS }, (_, run) => {
    const random = createRandom(run * 7919 + salt);
    return { random, events: randomEvents(random, EVENTS, START) };
  });
}

/** Replays events from a fresh state at `START`, then flushes at the latest time seen. */
function run(events: readonly TimedEvent[], trackerConfig = config) {
  const end = Math.max(START, ...events.map((step) => step.at));
  const steps: ReplayStep[] = [...events, { at: end, flush: { endInteractions: true } }];
  return { end, ...replaySteps(steps, trackerConfig, { from: initialTrackerState(START) }) };
}

const overlap = (start: number, end: number, from: number, to: number) =>
  Math.max(0, Math.min(end, to) - Math.max(start, from));

/** Every invariant that must hold for any input stream. */
function checkInvariants(outputs: readonly TrackerOutput[], end: number) {
  const spans = outputs.filter((o) => o.type === 'segment' || o.type === 'gap');
  let cursor = START;
  let total = 0;
  for (const span of spans) {
    expect(span.end).toBeGreaterThan(span.start);
    expect(span.start).toBe(cursor); // tiling: no overlap, no hole
    cursor = span.end;
    total += span.end - span.start;
  }
  expect(cursor).toBe(end);
  expect(total).toBe(end - START);

  const segments = outputs.filter((o) => o.type === 'segment');
  const outside = outputs.filter(
    (o): o is GapOutput => o.type === 'gap' && o.kind === GAP_KIND.outside,
  );
  let active: { recordKey: string; start: number; switches: number; tabSwitches: number } | null =
    null;
  let lastTo: string | null = null;
  for (const output of outputs) {
    if (output.type === 'interaction.started') {
      expect(active).toBeNull();
      active = { recordKey: output.recordKey, start: output.start, switches: 0, tabSwitches: 0 };
    } else if (output.type === 'switch' || output.type === 'inAppTabSwitch') {
      expect(output.recordKey).toBe(active?.recordKey);
      if (output.type === 'switch') {
        if (active) active.switches += 1;
        expect(output.from).not.toBe(output.to);
        if (lastTo !== null) expect(output.from).toBe(lastTo);
        lastTo = output.to;
      } else {
        if (active) active.tabSwitches += 1;
        if (lastTo !== null) expect(output.app).toBe(lastTo);
      }
    } else if (output.type === 'interaction.ended') {
      expect(active).not.toBeNull();
      expect(output).toMatchObject({
        recordKey: active?.recordKey,
        start: active?.start,
        switchCount: active?.switches,
        inAppTabSwitches: active?.tabSwitches,
      });
      checkInteraction(output, segments, outside);
      active = null;
    }
  }
  expect(active).toBeNull();
}

/** An interaction's times are exactly what the segments and gaps say about its span. */
function checkInteraction(
  interaction: InteractionEndedOutput,
  segments: readonly SegmentOutput[],
  outside: readonly GapOutput[],
) {
  const { start, end, recordKey } = interaction;
  expect(end).toBeGreaterThanOrEqual(start);
  let handleMs = 0;
  let awayMs = 0;
  const appsUsed: string[] = [];
  for (const segment of segments) {
    const ms = overlap(segment.start, segment.end, start, end);
    if (ms === 0) continue;
    if (segment.recordKey === recordKey) handleMs += ms;
    else awayMs += ms;
    if (!appsUsed.includes(segment.app)) appsUsed.push(segment.app);
  }
  const outsideMs = outside.reduce((sum, gap) => sum + overlap(gap.start, gap.end, start, end), 0);
  expect(interaction).toMatchObject({
    handleMs,
    awayMs,
    outsideMs,
    appsUsed,
    distinctApps: appsUsed.length,
  });
  expect(interaction.returns).toBeGreaterThanOrEqual(0);
}

/** Figures that must not depend on how often the wiring flushed. */
function figures(outputs: readonly TrackerOutput[]) {
  const appMs: Record<string, number> = {};
  const gapMs: Record<string, number> = {};
  for (const output of outputs) {
    if (output.type === 'segment') {
      appMs[output.app] = (appMs[output.app] ?? 0) + output.end - output.start;
    } else if (output.type === 'gap') {
      gapMs[output.kind] = (gapMs[output.kind] ?? 0) + output.end - output.start;
    }
  }
  return {
    appMs,
    gapMs,
    switches: outputs.filter((o) => o.type === 'switch' || o.type === 'inAppTabSwitch'),
    interactions: outputs.filter((o) => o.type === 'interaction.ended'),
  };
}

describe(`tracker properties over ${RUNS} random streams of ${EVENTS} events`, () => {
  it('conserves time, never emits empty or overlapping spans, and keeps figures consistent', () => {
    for (const { events } of streams(1)) {
      const { outputs, end } = run(events);
      checkInvariants(outputs, end);
    }
  });

  it('survives out-of-order events: no throw, no negative span, time still conserved', () => {
    for (const { random, events } of streams(2)) {
      const late = disorder(random, events);
      const { outputs, end } = run(late);
      checkInvariants(outputs, end);
    }
  });

  it('survives duplicated events: no throw, invariants hold', () => {
    for (const { random, events } of streams(3)) {
      const { outputs, end } = run(duplicate(random, disorder(random, events)));
      checkInvariants(outputs, end);
    }
  });

  it('an immediate repeat of any event changes no figure', () => {
    for (const { events } of streams(4)) {
      const repeated = events.flatMap((step) => [step, step]);
      expect(run(repeated).outputs).toEqual(run(events).outputs);
    }
  });

  it('keeps plain JSON state: a restored state continues with identical outputs', () => {
    for (const { random, events } of streams(5)) {
      const cut = random.int(1, EVENTS - 1);
      let state: TrackerState = initialTrackerState(START);
      for (const step of events.slice(0, cut)) {
        state = reduceTracker(state, step.event, step.at, config).state;
      }
      const restored = JSON.parse(JSON.stringify(state)) as TrackerState;
      expect(restored).toEqual(state);
      const rest = events.slice(cut);
      const end = Math.max(START, ...events.map((step) => step.at));
      const steps: ReplayStep[] = [...rest, { at: end, flush: { endInteractions: true } }];
      expect(replaySteps(steps, config, { from: restored }).outputs).toEqual(
        replaySteps(steps, config, { from: state }).outputs,
      );
    }
  });

  it('periodic flushes that hold back the idle window change no figure', () => {
    for (const { random, events } of streams(6)) {
      const withFlushes: ReplayStep[] = events.flatMap((step) =>
        random.chance(0.2)
          ? [{ at: step.at - random.int(0, 120_000), flush: { holdBackIdleWindow: true } }, step]
          : [step],
      );
      const end = Math.max(START, ...events.map((step) => step.at));
      const final: ReplayStep = { at: end, flush: { endInteractions: true } };
      const from = initialTrackerState(START);
      const flushed = replaySteps([...withFlushes, final], config, { from }).outputs;
      const plain = replaySteps([...events, final], config, { from }).outputs;
      checkInvariants(flushed, end);
      expect(figures(flushed)).toEqual(figures(plain));
    }
  });

  it('with tracking off emits nothing and keeps no record, whatever happens', () => {
    const off = { ...config, enabled: false };
    for (const { random, events } of streams(7).slice(0, 50)) {
      let state = initialTrackerState(START);
      for (const step of duplicate(random, events)) {
        const result = random.chance(0.05)
          ? flushTracker(state, step.at, off, { endInteractions: true })
          : reduceTracker(state, step.event, step.at, off);
        expect(result.outputs).toEqual([]);
        state = result.state;
      }
      expect(state.tabs.filter((tab) => tab.record)).toEqual([]);
      expect(state.interaction).toBeNull();
    }
  });
});
