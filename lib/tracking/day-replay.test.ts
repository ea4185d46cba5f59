import { describe, expect, it } from 'vitest';
import { DEFAULT_TRACKER_CONFIG, type TrackerConfig } from './config';
import { expectedDay } from '../../tests/support/tracking/day-expected';
import { buildAgentDay } from '../../tests/support/tracking/day-script';
import { hourlyTotals } from './hourly-totals';
import type { SegmentOutput, TrackerOutput } from './outputs';
import { replaySteps } from '../../tests/support/tracking/replay';
import { maxSwitchesIn } from '../../contract/events';

const config: TrackerConfig = { ...DEFAULT_TRACKER_CONFIG, countInAppTabSwitches: true };
const days = [7, 19, 2025].map((seed) => ({ seed, day: buildAgentDay(seed) }));

function figuresOf(outputs: TrackerOutput[]) {
  const segments = outputs.filter((o): o is SegmentOutput => o.type === 'segment');
  const appMs: Record<string, number> = {};
  for (const segment of segments) {
    appMs[segment.app] = (appMs[segment.app] ?? 0) + segment.end - segment.start;
  }
  // The scripted day opens none of Touchpoint's own pages: a gap of that kind would show up here.
  const gapMs: Record<string, number> = { idle: 0, locked: 0, outside: 0, paused: 0 };
  for (const output of outputs) {
    if (output.type === 'gap')
      gapMs[output.kind] = (gapMs[output.kind] ?? 0) + output.end - output.start;
  }
  return {
    appMs,
    gapMs,
    switches: outputs.filter((o) => o.type === 'switch').length,
    inAppTabSwitches: outputs.filter((o) => o.type === 'inAppTabSwitch').length,
    hourly: hourlyTotals(segments),
    interactions: outputs.flatMap((o) => {
      if (o.type !== 'interaction.ended') return [];
      const { type: _type, ...interaction } = o;
      return [interaction];
    }),
  };
}

describe('replay of a scripted 8-hour agent day (acceptance, issue #3)', () => {
  it.each(days.map(({ seed, day }) => [day.eventCount, seed, day] as const))(
    'reproduces the figures of a %i-event day (seed %i) exactly',
    (_count, _seed, day) => {
      const { schedule, steps, eventCount } = day;
      expect(eventCount).toBeGreaterThanOrEqual(2000);
      expect(schedule.end - schedule.start).toBeGreaterThanOrEqual(8 * 3_600_000);
      expect(steps.every((step, i) => i === 0 || step.at >= (steps[i - 1]?.at ?? 0))).toBe(true);

      const expected = expectedDay(schedule);
      // The service worker is stopped and restored every 97 steps; it must change nothing.
      const { outputs, state } = replaySteps(steps, config, { restoreEvery: 97 });
      const actual = figuresOf(outputs);

      expect(actual.interactions).toEqual(expected.interactions);
      expect(actual.appMs).toEqual(expected.appMs);
      expect(actual.gapMs).toEqual(expected.gapMs);
      expect(actual.switches).toBe(expected.switches);
      expect(actual.inAppTabSwitches).toBe(expected.inAppTabSwitches);
      expect(actual.hourly).toEqual(expected.hourly);
      const total = Object.values(actual.appMs).reduce((sum, ms) => sum + ms, 0);
      const gaps = Object.values(actual.gapMs).reduce((sum, ms) => sum + ms, 0);
      expect(total + gaps).toBe(schedule.end - schedule.start);
      expect(state.interaction).toBeNull();
      // The collector holds each count to one per 100 ms of the interaction (and an allowance):
      // an agent's real day is far inside it.
      for (const { start, end, switchCount, inAppTabSwitches, returns } of actual.interactions) {
        const limit = maxSwitchesIn(end - start);
        expect(Math.max(switchCount, inAppTabSwitches, returns)).toBeLessThanOrEqual(limit);
      }
      expect(replaySteps(steps, config).outputs).toEqual(outputs);
    },
  );

  it('covers every rule the day is meant to exercise', () => {
    const reasons = new Set(
      days.flatMap(({ day }) => day.schedule.interactions.map((i) => i.endReason)),
    );
    expect([...reasons].sort()).toEqual(['closed', 'idle', 'superseded', 'tab-removed']);
    for (const { day } of days) {
      const expected = expectedDay(day.schedule);
      expect(Object.keys(expected.appMs).sort()).toEqual(
        ['confluence', 'gmail', 'other', 'salesforce', 'slack', 'zendesk'].sort(),
      );
      expect(expected.gapMs.locked).toBeGreaterThanOrEqual(45 * 60_000);
      expect(expected.gapMs.idle).toBeGreaterThanOrEqual(35 * 60_000);
      expect(expected.gapMs.paused).toBeGreaterThan(0);
      expect(expected.gapMs.outside).toBeGreaterThan(0);
      expect(expected.interactions.some((i) => i.returns > 0 && i.inAppTabSwitches > 0)).toBe(true);
    }
  });
});
