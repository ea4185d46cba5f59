import type { Random } from '../../../contract/seeded-random';
import {
  EMPTY_PROMPT_HISTORY,
  promptHistorySchema,
  pruneHistory,
  recordShown,
  recordSnooze,
} from '../../../lib/feedback/prompt-history';
import {
  decidePrompt,
  type AgentState,
  type EndedInteraction,
  type InteractionTrigger,
  type PromptDecision,
} from '../../../lib/feedback/prompt-policy';
import {
  promptSettingsSchema,
  type PromptSettings,
  type QuietHoursRange,
} from '../../../contract/prompt-settings';

// Randomised working days for the policy's property test: an agent with random (valid) settings
// works shifts at any local time of day, in a time zone that sometimes moves by an hour (daylight
// saving), handling records back to back while typing, sitting in editors and taking calls. The
// wiring's protocol is replayed exactly: ask when an interaction ends, apply `show` to the
// history, ask again at `until` after a `defer`, never ask again after a `skip`, and sometimes
// answer a prompt with "not now". The wiring is not always punctual: the first ask may come a
// moment after the end (messaging), and now and then a re-ask comes late (a service worker that
// was asleep, an alarm that fired late).

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** `[start, end)`, epoch ms. */
export type Span = { start: number; end: number };

/** When the agent was busy during one shift. */
export type AgentTimeline = { calls: Span[]; typing: Span[]; editorFocus: Span[] };

/** An interaction of the simulation, with the agent's UTC offset on its day. */
export type SimulatedInteraction = {
  id: number;
  interaction: EndedInteraction;
  utcOffsetMinutes: number;
  timeline: AgentTimeline;
};

export type Scenario = {
  settings: PromptSettings;
  /** Ordered by end. */
  interactions: SimulatedInteraction[];
  /** Chance that the agent answers a shown prompt with "not now". */
  snoozeChance: number;
};

/** One ask; `lateMs`: how long after the moment it was due (the end, or the deferral's `until`). */
export type DecisionEntry = { id: number; at: number; lateMs: number; decision: PromptDecision };
export type ShownEntry = { id: number; at: number; recordKey: string; utcOffsetMinutes: number };

export type SimulationResult = {
  decisions: DecisionEntry[];
  shows: ShownEntry[];
  /** `[when "not now" was tapped, end of the snooze)`. */
  snoozes: Span[];
};

const inSpan = (spans: readonly Span[], at: number) =>
  spans.some((span) => span.start <= at && at < span.end);

/** What the wiring would read at `at`: keystrokes go on through a typing span. */
export function agentStateAt(timeline: AgentTimeline, at: number): AgentState {
  let lastKeystrokeAt: number | null = null;
  for (const span of timeline.typing) {
    if (span.start > at) continue;
    const last = Math.min(at, span.end);
    if (lastKeystrokeAt === null || last > lastKeystrokeAt) lastKeystrokeAt = last;
  }
  return {
    lastKeystrokeAt,
    editableFocused: inSpan(timeline.editorFocus, at),
    onCall: inSpan(timeline.calls, at),
  };
}

function randomLocalTime(random: Random): string {
  const minutes = random.int(0, 24 * 60 - 1);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

function randomQuietHours(random: Random): QuietHoursRange {
  const start = randomLocalTime(random);
  let end = randomLocalTime(random);
  while (end === start) end = randomLocalTime(random);
  return { start, end };
}

/** Any valid settings, biased towards values that make the rules meet often. */
export function randomSettings(random: Random): PromptSettings {
  return promptSettingsSchema.parse({
    enabled: !random.chance(0.03),
    triggers: {
      closed: random.chance(0.9),
      movedOn: random.chance(0.8),
      adminTrigger: random.chance(0.5),
    },
    samplingRate: random.pick([0.2, 0.5, 0.8, 1]),
    minHandleMs: random.pick([0, 30 * SECOND, MINUTE, 2 * MINUTE]),
    minGapMs: random.pick([0, 5 * MINUTE, 20 * MINUTE, 45 * MINUTE]),
    maxPerHour: random.int(1, 4),
    maxPerDay: random.int(2, 12),
    quietHours: Array.from({ length: random.int(0, 2) }, () => randomQuietHours(random)),
    snoozeMs: random.pick([5 * MINUTE, 30 * MINUTE, HOUR]),
    typingGraceMs: random.pick([0, 8 * SECOND, 20 * SECOND]),
    deferStepMs: random.pick([5 * SECOND, 15 * SECOND, MINUTE, random.int(SECOND, MINUTE)]),
    maxDeferralMs: random.pick([0, MINUTE, 3 * MINUTE, 10 * MINUTE, random.int(1, 5 * MINUTE)]),
  });
}

function randomSpans(
  random: Random,
  shift: Span,
  count: number,
  minMs: number,
  maxMs: number,
): Span[] {
  return Array.from({ length: count }, () => {
    const start = random.int(shift.start, shift.end);
    return { start, end: start + random.int(minMs, maxMs) };
  });
}

function randomTimeline(random: Random, shift: Span): AgentTimeline {
  const hours = (shift.end - shift.start) / HOUR;
  return {
    calls: randomSpans(random, shift, Math.round(hours * 1.5), MINUTE, 12 * MINUTE),
    typing: randomSpans(random, shift, Math.round(hours * 20), 3 * SECOND, 2 * MINUTE),
    editorFocus: randomSpans(random, shift, Math.round(hours * 4), 10 * SECOND, 5 * MINUTE),
  };
}

function randomDuration(random: Random): number {
  switch (random.weighted({ glance: 3, short: 5, long: 2 })) {
    case 'glance':
      return random.int(5 * SECOND, 90 * SECOND);
    case 'short':
      return random.int(MINUTE, 10 * MINUTE);
    case 'long':
      return random.int(10 * MINUTE, 40 * MINUTE);
  }
}

const TRIGGER_WEIGHTS: Record<InteractionTrigger, number> = {
  closed: 5,
  'moved-on': 4,
  'admin-trigger': 1,
};

/**
 * `days` shifts from `firstDay` (a UTC midnight): each starts at any local hour and lasts 6–10 h,
 * with interactions on a small pool of records so that the same record comes back.
 */
export function randomScenario(
  random: Random,
  settings: PromptSettings,
  firstDay: number,
  days: number,
): Scenario {
  const baseOffset = random.pick([-600, -300, 0, 60, 330, 345, 540, 840]);
  const records = Array.from({ length: 25 }, (_, index) =>
    index % 2 === 0 ? `zendesk:${index}` : `salesforce:${index}`,
  );
  const interactions: SimulatedInteraction[] = [];
  for (let day = 0; day < days; day += 1) {
    const utcOffsetMinutes = baseOffset + (random.chance(0.3) ? 60 : 0);
    const localStart = random.int(0, 23) * HOUR + random.int(0, 59) * MINUTE;
    const start = firstDay + day * DAY + localStart - utcOffsetMinutes * MINUTE;
    const shift = { start, end: start + random.int(6, 10) * HOUR };
    const timeline = randomTimeline(random, shift);
    let cursor = shift.start;
    while (cursor < shift.end) {
      const begin = cursor + random.pick([0, 0, 0, random.int(SECOND, 3 * MINUTE)]);
      const duration = randomDuration(random);
      const recordKey = random.pick(records);
      interactions.push({
        id: interactions.length,
        interaction: {
          recordKey,
          app: recordKey.split(':')[0] ?? 'zendesk',
          start: begin,
          end: begin + duration,
          handleMs: Math.round(duration * (0.4 + 0.6 * random.next())),
          trigger: random.weighted(TRIGGER_WEIGHTS),
        },
        utcOffsetMinutes,
        timeline,
      });
      cursor = begin + duration;
    }
  }
  return { settings, interactions, snoozeChance: random.pick([0, 0.2, 0.5]) };
}

type QueuedEvent = { at: number; seq: number } & (
  { kind: 'ask'; item: SimulatedInteraction; lateMs: number } | { kind: 'snooze' }
);

/** Replays the wiring's protocol over the scenario's interactions, in time order. */
export function simulatePrompts(scenario: Scenario, random: Random): SimulationResult {
  const { settings } = scenario;
  const result: SimulationResult = { decisions: [], shows: [], snoozes: [] };
  let history = EMPTY_PROMPT_HISTORY;
  let seq = 0;
  const queue: QueuedEvent[] = scenario.interactions.map((item) => {
    const lateMs = random.chance(0.5) ? random.int(1, 2 * SECOND) : 0;
    return { at: item.interaction.end + lateMs, seq: seq++, kind: 'ask', item, lateMs };
  });
  const enqueue = (event: QueuedEvent) => {
    // Kept sorted by (at, seq); deferrals and snoozes land a few minutes ahead of the cursor.
    let index = queue.length;
    while (index > 0) {
      const before = queue[index - 1] as QueuedEvent;
      if (before.at < event.at || (before.at === event.at && before.seq < event.seq)) break;
      index -= 1;
    }
    queue.splice(index, 0, event);
  };
  queue.sort((a, b) => a.at - b.at || a.seq - b.seq);
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    const now = next.at;
    if (next.kind === 'snooze') {
      history = recordSnooze(history, now + settings.snoozeMs);
      result.snoozes.push({ start: now, end: now + settings.snoozeMs });
      continue;
    }
    // The wiring prunes before it saves, but not necessarily before every decision; and the
    // history sometimes comes back from storage after a service-worker restart.
    if (random.chance(0.5)) history = pruneHistory(history, now);
    if (random.chance(0.05))
      history = promptHistorySchema.parse(JSON.parse(JSON.stringify(history)));
    const { item } = next;
    const agent = agentStateAt(item.timeline, now);
    const decision = decidePrompt(
      settings,
      history,
      item.interaction,
      agent,
      now,
      item.utcOffsetMinutes,
    );
    result.decisions.push({ id: item.id, at: now, lateMs: next.lateMs, decision });
    if (decision.action === 'defer') {
      const lateMs = random.chance(0.05) ? random.int(1, 2 * MINUTE) : 0;
      enqueue({ at: decision.until + lateMs, seq: seq++, kind: 'ask', item, lateMs });
    } else if (decision.action === 'show') {
      const { recordKey } = item.interaction;
      history = recordShown(history, { at: now, recordKey });
      result.shows.push({
        id: item.id,
        at: now,
        recordKey,
        utcOffsetMinutes: item.utcOffsetMinutes,
      });
      if (random.chance(scenario.snoozeChance)) {
        enqueue({ at: now + random.int(SECOND, settings.autoHideMs), seq: seq++, kind: 'snooze' });
      }
    }
  }
  return result;
}
