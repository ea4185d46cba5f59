import { describe, expect, it } from 'vitest';
import { createRandom } from '../../contract/seeded-random';
import { DEFER_REASON, SKIP_REASON, type PromptReason } from './prompt-policy';
import { DEFAULT_PROMPT_SETTINGS, type PromptSettings } from '../../contract/prompt-settings';
import {
  agentStateAt,
  randomScenario,
  randomSettings,
  simulatePrompts,
  type DecisionEntry,
  type Scenario,
  type SimulationResult,
} from '../../tests/support/feedback/prompt-simulation';
import { isSampledIn } from './sampling';

const RUNS = 48;
const DAYS = 7;
const FIRST_DAY = Date.UTC(2025, 2, 3);
const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;

/**
 * Quiet hours computed another way than quiet-hours.ts (calendar fields of a shifted Date, whole
 * minutes), so the test does not check the policy against itself.
 */
function isQuietOracle(settings: PromptSettings, at: number, utcOffsetMinutes: number): boolean {
  const local = new Date(at + utcOffsetMinutes * 60_000);
  const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
  const toMinute = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
  return settings.quietHours.some(({ start, end }) => {
    const from = toMinute(start);
    const to = toMinute(end);
    return from < to ? minute >= from && minute < to : minute >= from || minute < to;
  });
}

/** The most shows in any window `[x, x + windowMs)`: each window's first show starts one. */
function mostInAnyWindow(times: readonly number[], windowMs: number): number {
  return times.reduce((most, start) => {
    const inWindow = times.filter((at) => at >= start && at < start + windowMs).length;
    return Math.max(most, inWindow);
  }, 0);
}

function checkInvariants({ settings, interactions }: Scenario, result: SimulationResult) {
  const times = result.shows.map((show) => show.at);
  expect(times).toEqual([...times].sort((a, b) => a - b));

  // Caps over rolling windows, and the minimum gap between any two prompts.
  expect(mostInAnyWindow(times, HOUR)).toBeLessThanOrEqual(settings.maxPerHour);
  expect(mostInAnyWindow(times, DAY)).toBeLessThanOrEqual(settings.maxPerDay);
  times.slice(1).forEach((at, index) => {
    expect(at - (times[index] as number)).toBeGreaterThanOrEqual(settings.minGapMs);
  });

  for (const show of result.shows) {
    const { interaction, timeline } = interactions[show.id] ?? expect.unreachable();
    // Never in quiet hours, never while snoozed, never interrupting typing or a call.
    expect(isQuietOracle(settings, show.at, show.utcOffsetMinutes)).toBe(false);
    expect(result.snoozes.some((s) => s.start <= show.at && show.at < s.end)).toBe(false);
    const agent = agentStateAt(timeline, show.at);
    expect(agent.onCall || agent.editableFocused).toBe(false);
    if (agent.lastKeystrokeAt !== null) {
      expect(show.at - agent.lastKeystrokeAt).toBeGreaterThanOrEqual(settings.typingGraceMs);
    }
    // Only eligible interactions, and only within the deferral budget.
    expect(settings.enabled).toBe(true);
    expect(interaction.handleMs).toBeGreaterThanOrEqual(settings.minHandleMs);
    expect(isSampledIn(interaction.recordKey, interaction.end, settings.samplingRate)).toBe(true);
    expect(show.at - interaction.end).toBeLessThanOrEqual(settings.maxDeferralMs);
  }

  // One record is prompted at most once in 24 hours, so no interaction is prompted twice.
  const shownIds = new Set(result.shows.map((show) => show.id));
  expect(shownIds.size).toBe(result.shows.length);
  result.shows.forEach((show, index) => {
    const again = result.shows
      .slice(index + 1)
      .find((later) => later.recordKey === show.recordKey && later.at - show.at < DAY);
    expect(again).toBeUndefined();
  });

  // Each interaction: asked when it ends, then deferred zero or more times (never past its
  // deadline), then exactly one verdict (show or skip); nothing after a skip. The verdict comes by
  // the deadline unless the wiring itself asked late, and then it is a skip, never a stale prompt.
  const byInteraction = new Map<number, DecisionEntry[]>();
  for (const entry of result.decisions) {
    byInteraction.set(entry.id, [...(byInteraction.get(entry.id) ?? []), entry]);
  }
  expect(byInteraction.size).toBe(interactions.length);
  for (const { id, interaction } of interactions) {
    const entries = byInteraction.get(id) ?? [];
    const deadline = interaction.end + settings.maxDeferralMs;
    expect(entries[0] && entries[0].at - entries[0].lateMs).toBe(interaction.end);
    entries.slice(0, -1).forEach((entry, index) => {
      expect(entry.decision.action).toBe('defer');
      if (entry.decision.action !== 'defer') return;
      expect(entry.decision.until).toBeGreaterThan(entry.at);
      expect(entry.decision.until).toBeLessThanOrEqual(deadline);
      const next = entries[index + 1];
      expect(next && next.at - next.lateMs).toBe(entry.decision.until);
    });
    const verdict = entries.at(-1) ?? expect.unreachable();
    expect(verdict.decision.action).not.toBe('defer');
    if (verdict.decision.action === 'skip') expect(shownIds.has(id)).toBe(false);
    if (verdict.at > deadline) {
      expect(entries.some((entry) => entry.lateMs > 0)).toBe(true);
      expect(verdict.decision.action).toBe('skip'); // any skip reason, never a stale show
    }
  }
}

describe('prompt policy over randomised days', () => {
  it(`never breaks a rule over ${RUNS} agents × ${DAYS} days`, () => {
    const reasonsSeen = new Set<PromptReason>();
    let interactionCount = 0;
    let showCount = 0;
    let deferredCount = 0;
    for (let run = 0; run < RUNS; run += 1) {
      const random = createRandom(run * 7919 + 17);
      // Every other agent keeps the day-one defaults, the others get random valid settings.
      const settings = run % 2 === 0 ? DEFAULT_PROMPT_SETTINGS : randomSettings(random);
      const scenario = randomScenario(random, settings, FIRST_DAY, DAYS);
      const result = simulatePrompts(scenario, random);
      checkInvariants(scenario, result);

      interactionCount += scenario.interactions.length;
      showCount += result.shows.length;
      for (const { decision } of result.decisions) {
        if (decision.action === 'defer') deferredCount += 1;
        if (decision.action !== 'show') reasonsSeen.add(decision.reason);
      }
    }
    // The simulation must actually exercise the rules it claims to check.
    expect(interactionCount).toBeGreaterThan(10_000);
    expect(showCount).toBeGreaterThan(1_000);
    expect(deferredCount).toBeGreaterThan(1_000);
    expect([...reasonsSeen].sort()).toEqual(
      [...Object.values(SKIP_REASON), ...Object.values(DEFER_REASON)].sort(),
    );
  });
});
