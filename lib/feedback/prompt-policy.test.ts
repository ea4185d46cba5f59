import { describe, expect, it } from 'vitest';
import { EMPTY_PROMPT_HISTORY, recordShown, type PromptHistory } from './prompt-history';
import {
  decidePrompt,
  DEFER_REASON,
  SKIP_REASON,
  type AgentState,
  type DeferReason,
  type EndedInteraction,
  type PromptDecision,
  type SkipReason,
} from './prompt-policy';
import { DEFAULT_PROMPT_SETTINGS, type PromptSettings } from '../../contract/prompt-settings';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
/** Monday 3 March 2025, 10:00 UTC: the moment every case decides at unless it says otherwise. */
const NOW = Date.UTC(2025, 2, 3, 10, 0, 0);

// Sampling takes everything here so that each case shows exactly the rule it names; sampling has
// its own cases below and its own tests in sampling.test.ts.
const settings: PromptSettings = { ...DEFAULT_PROMPT_SETTINGS, samplingRate: 1 };
const interaction: EndedInteraction = {
  recordKey: 'zendesk:101',
  app: 'zendesk',
  start: NOW - 10 * MINUTE,
  end: NOW,
  handleMs: 5 * MINUTE,
  trigger: 'closed',
};
const idle: AgentState = { lastKeystrokeAt: null, editableFocused: false, onCall: false };

/** A history with prompts for other records shown at the given times. */
const shownAt = (...times: number[]): PromptHistory =>
  times.reduce(
    (history, at, index) => recordShown(history, { at, recordKey: `zendesk:${index + 1}` }),
    EMPTY_PROMPT_HISTORY,
  );

type Case = {
  name: string;
  settings?: Partial<PromptSettings>;
  history?: PromptHistory;
  interaction?: Partial<EndedInteraction>;
  agent?: Partial<AgentState>;
  now?: number;
  utcOffsetMinutes?: number;
  expected: PromptDecision;
};

const SHOW: PromptDecision = { action: 'show' };
const skip = (reason: SkipReason): PromptDecision => ({ action: 'skip', reason });
const defer = (reason: DeferReason, until: number): PromptDecision => ({
  action: 'defer',
  reason,
  until,
});

function decide(testCase: Omit<Case, 'name' | 'expected'>): PromptDecision {
  return decidePrompt(
    { ...settings, ...testCase.settings },
    testCase.history ?? EMPTY_PROMPT_HISTORY,
    { ...interaction, ...testCase.interaction },
    { ...idle, ...testCase.agent },
    testCase.now ?? NOW,
    testCase.utcOffsetMinutes ?? 0,
  );
}

const CASES: Case[] = [
  { name: 'nothing in the way: show', expected: SHOW },

  // Facts of the interaction
  { name: 'prompts switched off', settings: { enabled: false }, expected: skip('disabled') },
  {
    name: 'closed trigger off',
    settings: { triggers: { closed: false, movedOn: true, adminTrigger: false } },
    expected: skip('trigger-off'),
  },
  {
    name: 'moved-on trigger off',
    settings: { triggers: { closed: true, movedOn: false, adminTrigger: false } },
    interaction: { trigger: 'moved-on' },
    expected: skip('trigger-off'),
  },
  {
    name: 'an admin trigger prompts by default (it fires only once an admin defines one)',
    interaction: { trigger: 'admin-trigger' },
    expected: SHOW,
  },
  {
    name: 'admin trigger switched off',
    settings: { triggers: { closed: true, movedOn: true, adminTrigger: false } },
    interaction: { trigger: 'admin-trigger' },
    expected: skip('trigger-off'),
  },
  {
    name: 'same record prompted 23 h ago',
    history: recordShown(EMPTY_PROMPT_HISTORY, { at: NOW - 23 * HOUR, recordKey: 'zendesk:101' }),
    expected: skip('already-prompted'),
  },
  {
    name: 'same record prompted exactly 24 h ago: out of the window',
    history: recordShown(EMPTY_PROMPT_HISTORY, { at: NOW - 24 * HOUR, recordKey: 'zendesk:101' }),
    expected: SHOW,
  },
  {
    name: 'handled 1 ms less than the minimum',
    interaction: { handleMs: MINUTE - 1 },
    expected: skip('too-short'),
  },
  { name: 'handled exactly the minimum', interaction: { handleMs: MINUTE }, expected: SHOW },
  {
    name: 'too short applies to closed tickets too',
    interaction: { handleMs: 20 * SECOND, trigger: 'closed' },
    expected: skip('too-short'),
  },
  { name: 'sampling rate 0', settings: { samplingRate: 0 }, expected: skip('sampled-out') },

  // The agent asked for quiet
  {
    name: 'snoozed until 1 ms from now',
    history: { shown: [], snoozedUntil: NOW + 1 },
    expected: skip('snoozed'),
  },
  {
    name: 'snooze ends exactly now',
    history: { shown: [], snoozedUntil: NOW },
    expected: SHOW,
  },
  {
    name: 'inside quiet hours (10:00 UTC in 09:00–11:00)',
    settings: { quietHours: [{ start: '09:00', end: '11:00' }] },
    expected: skip('quiet-hours'),
  },
  {
    name: 'quiet hours are local: 10:00 UTC is 12:00 at UTC+2',
    settings: { quietHours: [{ start: '09:00', end: '11:00' }] },
    utcOffsetMinutes: 120,
    expected: SHOW,
  },
  {
    name: 'quiet hours end is exclusive (11:00 in 09:00–11:00)',
    settings: { quietHours: [{ start: '09:00', end: '11:00' }] },
    utcOffsetMinutes: 60,
    expected: SHOW,
  },
  {
    name: 'quiet hours start is inclusive (09:00 in 09:00–11:00)',
    settings: { quietHours: [{ start: '09:00', end: '11:00' }] },
    utcOffsetMinutes: -60,
    expected: skip('quiet-hours'),
  },
  ...[
    { local: '23:30', offset: 13 * 60 + 30, quiet: true },
    { local: '00:00', offset: 14 * 60, quiet: true },
    { local: '05:59', offset: -(4 * 60 + 1), quiet: true },
    { local: '06:00', offset: -4 * 60, quiet: false },
    { local: '21:59', offset: 11 * 60 + 59, quiet: false },
    { local: '22:00', offset: 12 * 60, quiet: true },
  ].map(({ local, offset, quiet }): Case => ({
    name: `quiet hours 22:00–06:00 across midnight at local ${local}`,
    settings: { quietHours: [{ start: '22:00', end: '06:00' }] },
    utcOffsetMinutes: offset,
    expected: quiet ? skip('quiet-hours') : SHOW,
  })),
  {
    name: 'the second of several quiet ranges',
    settings: {
      quietHours: [
        { start: '07:00', end: '08:00' },
        { start: '09:45', end: '10:15' },
      ],
    },
    expected: skip('quiet-hours'),
  },

  // Caps and gap: skipped, never saved for later
  {
    name: 'last prompt 1 ms short of the minimum gap',
    history: shownAt(NOW - 20 * MINUTE + 1),
    expected: skip('min-gap'),
  },
  {
    name: 'last prompt exactly the minimum gap ago',
    history: shownAt(NOW - 20 * MINUTE),
    expected: SHOW,
  },
  {
    name: 'two prompts in the last hour',
    history: shownAt(NOW - 59 * MINUTE, NOW - 30 * MINUTE),
    expected: skip('hourly-cap'),
  },
  {
    name: 'hourly cap at the boundary: the older prompt is exactly an hour old',
    history: shownAt(NOW - HOUR, NOW - 30 * MINUTE),
    expected: SHOW,
  },
  {
    name: 'hourly cap at the boundary: 1 ms before the older prompt leaves the window',
    history: shownAt(NOW - HOUR + 1, NOW - 30 * MINUTE),
    expected: skip('hourly-cap'),
  },
  {
    name: 'six prompts in the last 24 hours',
    history: shownAt(...[23, 19, 15, 11, 7, 3].map((hours) => NOW - hours * HOUR)),
    expected: skip('daily-cap'),
  },
  {
    name: 'daily cap is rolling: the oldest of six is exactly 24 h old',
    history: shownAt(...[24, 19, 15, 11, 7, 3].map((hours) => NOW - hours * HOUR)),
    expected: SHOW,
  },
  {
    name: 'daily cap is reported before the hourly cap and the gap',
    settings: { maxPerDay: 2 },
    history: shownAt(NOW - 30 * MINUTE, NOW - 5 * MINUTE),
    expected: skip('daily-cap'),
  },

  // Busy agent: defer, up to the maximum deferral
  {
    name: 'keystroke 1 ms inside the typing grace',
    agent: { lastKeystrokeAt: NOW - 8 * SECOND + 1 },
    expected: defer('typing', NOW + 15 * SECOND),
  },
  {
    name: 'last keystroke exactly the grace ago',
    agent: { lastKeystrokeAt: NOW - 8 * SECOND },
    expected: SHOW,
  },
  {
    name: 'focus in an editable field counts as typing',
    agent: { editableFocused: true },
    expected: defer('typing', NOW + 15 * SECOND),
  },
  { name: 'on a call', agent: { onCall: true }, expected: defer('on-call', NOW + 15 * SECOND) },
  {
    name: 'on a call and typing: the call is reported',
    agent: { onCall: true, editableFocused: true },
    expected: defer('on-call', NOW + 15 * SECOND),
  },
  {
    name: 'the last step is cut to the deadline',
    interaction: { end: NOW - 2 * MINUTE - 50 * SECOND },
    agent: { onCall: true },
    expected: defer('on-call', NOW + 10 * SECOND),
  },
  {
    name: 'busy exactly at the deadline: skipped',
    interaction: { end: NOW - 3 * MINUTE },
    agent: { editableFocused: true },
    expected: skip('max-deferral'),
  },
  {
    name: 'free exactly at the deadline: shown',
    interaction: { end: NOW - 3 * MINUTE },
    expected: SHOW,
  },
  {
    name: 'asked after the deadline (late wiring): skipped, never shown stale',
    interaction: { end: NOW - 3 * MINUTE - 1 },
    expected: skip('max-deferral'),
  },
  {
    name: 'no deferral allowed: a busy agent is skipped at once',
    settings: { maxDeferralMs: 0 },
    agent: { onCall: true },
    expected: skip('max-deferral'),
  },

  // Order: a skip wins over a deferral, the more lasting reason is reported
  {
    name: 'snoozed and over the cap: snoozed',
    history: { ...shownAt(NOW - 50 * MINUTE, NOW - 25 * MINUTE), snoozedUntil: NOW + MINUTE },
    expected: skip('snoozed'),
  },
  {
    name: 'inside the gap while typing: skipped, not deferred past the gap',
    history: shownAt(NOW - 19 * MINUTE - 30 * SECOND),
    agent: { lastKeystrokeAt: NOW },
    expected: skip('min-gap'),
  },
  {
    name: 'quiet hours while on a call: skipped',
    settings: { quietHours: [{ start: '10:00', end: '10:30' }] },
    agent: { onCall: true },
    expected: skip('quiet-hours'),
  },
  {
    name: 'sampled out while typing: skipped',
    settings: { samplingRate: 0 },
    agent: { editableFocused: true },
    expected: skip('sampled-out'),
  },
  {
    name: 'disabled beats everything',
    settings: { enabled: false, samplingRate: 0 },
    interaction: { handleMs: 0 },
    agent: { onCall: true },
    expected: skip('disabled'),
  },
];

describe('decidePrompt', () => {
  it.each(CASES)('$name', (testCase) => {
    expect(decide(testCase)).toEqual(testCase.expected);
  });

  it('has a case for every reason', () => {
    const reasons = new Set(
      CASES.map(({ expected }) => (expected.action === 'show' ? null : expected.reason)),
    );
    for (const reason of [...Object.values(SKIP_REASON), ...Object.values(DEFER_REASON)]) {
      expect(reasons, reason).toContain(reason);
    }
  });

  it('keeps deferring a busy agent step by step, then skips at the deadline', () => {
    const decisions: PromptDecision[] = [];
    let now = NOW;
    for (;;) {
      const decision = decide({ now, agent: { editableFocused: true } });
      decisions.push(decision);
      if (decision.action !== 'defer') break;
      expect(decision.until).toBeGreaterThan(now);
      now = decision.until;
    }
    expect(decisions).toHaveLength(3 * 4 + 1); // 12 steps of 15 s, then the verdict
    expect(decisions.at(-1)).toEqual(skip('max-deferral'));
    expect(now).toBe(NOW + 3 * MINUTE);
  });

  it('shows a deferred prompt once the agent stops typing', () => {
    const first = decide({ agent: { lastKeystrokeAt: NOW } });
    expect(first).toEqual(defer('typing', NOW + 15 * SECOND));
    const again = decide({
      now: NOW + 15 * SECOND,
      agent: { lastKeystrokeAt: NOW },
    });
    expect(again).toEqual(SHOW);
  });

  it('re-checks the history when a deferred prompt is asked again', () => {
    // Another interaction's prompt was shown while this one waited: now it is inside the gap.
    const history = shownAt(NOW + 5 * SECOND);
    const again = decide({ now: NOW + 15 * SECOND, history });
    expect(again).toEqual(skip('min-gap'));
  });

  it('samples the same interaction the same way when asked again after a deferral', () => {
    const sampled = { ...settings, samplingRate: 0.5 };
    const ends = Array.from({ length: 200 }, (_, index) => NOW + index * 997);
    const verdicts = (delay: number) =>
      ends.map(
        (end) =>
          decidePrompt(sampled, EMPTY_PROMPT_HISTORY, { ...interaction, end }, idle, end + delay, 0)
            .action,
      );
    const first = verdicts(0);
    expect(verdicts(15 * SECOND)).toEqual(first);
    expect(first).toContain('show');
    expect(first).toContain('skip');
  });
});
