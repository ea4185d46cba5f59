import {
  countShownWithin,
  HISTORY_WINDOW_MS,
  HOUR_WINDOW_MS,
  lastShownAt,
  wasRecordPrompted,
  type PromptHistory,
} from './prompt-history';
import type { PromptSettings } from '../../contract/prompt-settings';
import { isInQuietHours } from './quiet-hours';
import { isSampledIn } from './sampling';

/** How an interaction ended, as the wiring maps the tracker's end (issue #4 "Triggers"). */
export const INTERACTION_TRIGGER = {
  /** The adapter read a solved/closed/resolved status. */
  closed: 'closed',
  /** Another record took over. */
  movedOn: 'moved-on',
  /** An admin-defined field of the record changed value. */
  adminTrigger: 'admin-trigger',
} as const;
export type InteractionTrigger = (typeof INTERACTION_TRIGGER)[keyof typeof INTERACTION_TRIGGER];

const TRIGGER_SETTING = {
  closed: 'closed',
  'moved-on': 'movedOn',
  'admin-trigger': 'adminTrigger',
} as const satisfies Record<InteractionTrigger, keyof PromptSettings['triggers']>;

/** The interaction the prompt would ask about. Epoch ms. */
export type EndedInteraction = {
  /** The tracker's local record key (`app:id`); also the sampling seed with `end`. */
  recordKey: string;
  app: string;
  start: number;
  /** When it ended; the deferral budget runs from here. */
  end: number;
  /** Time the record itself was in front. */
  handleMs: number;
  trigger: InteractionTrigger;
};

/** What the wiring reads about the agent at decision time. */
export type AgentState = {
  /** Last keystroke in the host page, or null if none seen. */
  lastKeystrokeAt: number | null;
  /** Focus is in an editable field of the host page (an editor, an input). */
  editableFocused: boolean;
  /** An audible tab of a phone/CTI app, or an adapter's call signal. */
  onCall: boolean;
};

/** Why an interaction gets no prompt. Recorded with the skip; a skip is final. */
export const SKIP_REASON = {
  disabled: 'disabled',
  triggerOff: 'trigger-off',
  alreadyPrompted: 'already-prompted',
  tooShort: 'too-short',
  sampledOut: 'sampled-out',
  snoozed: 'snoozed',
  quietHours: 'quiet-hours',
  dailyCap: 'daily-cap',
  hourlyCap: 'hourly-cap',
  minGap: 'min-gap',
  maxDeferral: 'max-deferral',
} as const;
export type SkipReason = (typeof SKIP_REASON)[keyof typeof SKIP_REASON];

/** Why a prompt waits: the agent is busy. */
export const DEFER_REASON = { onCall: 'on-call', typing: 'typing' } as const;
export type DeferReason = (typeof DEFER_REASON)[keyof typeof DEFER_REASON];

export type PromptReason = SkipReason | DeferReason;

/**
 * The policy's answer. `defer`: ask again at `until` (with fresh agent state and history);
 * `skip`: record the skip with its reason and never ask about this interaction again.
 */
export type PromptDecision =
  | { action: 'show' }
  | { action: 'defer'; until: number; reason: DeferReason }
  | { action: 'skip'; reason: SkipReason };

type Context = {
  settings: PromptSettings;
  history: PromptHistory;
  interaction: EndedInteraction;
  agent: AgentState;
  now: number;
  utcOffsetMinutes: number;
};

const skip = (reason: SkipReason): PromptDecision => ({ action: 'skip', reason });

/** The latest moment a prompt for this interaction may appear. */
const deadlineOf = ({ interaction, settings }: Context) => interaction.end + settings.maxDeferralMs;

const isTyping = ({ agent, now, settings }: Context) =>
  agent.editableFocused ||
  (agent.lastKeystrokeAt !== null && now - agent.lastKeystrokeAt < settings.typingGraceMs);

// The rules in the order they are checked; the first that answers decides, none answering shows.
// Every rule is re-checked on each ask, so a deferred interaction meets the history as it is by
// then (another prompt may have been shown meanwhile). The order only picks the reported reason
// and is chosen so that:
// 1. facts of the interaction come first (disabled, trigger, same record, too short, sample): they
//    never change by waiting, and sampling after the filters makes the rate a share of eligible ones;
// 2. snooze and quiet hours skip: the agent asked for quiet, and a prompt is never saved for later;
// 3. caps and the minimum gap skip too, before any deferral: deferring would show the prompt a few
//    minutes later, which is the nagging and piling-up the issue forbids ("a second interaction
//    inside the minimum gap gets no prompt"). The longest-lasting limit is reported first;
// 4. only a busy agent defers, and only until `end + maxDeferralMs`: a prompt about a ticket the
//    agent left minutes ago is skipped (`max-deferral`) rather than shown late. The budget runs
//    from the interaction's end, which needs no extra state, survives a service-worker restart
//    and also stops a late first ask from showing a stale prompt.
const RULES: readonly ((context: Context) => PromptDecision | null)[] = [
  ({ settings }) => (settings.enabled ? null : skip(SKIP_REASON.disabled)),
  ({ settings, interaction }) =>
    settings.triggers[TRIGGER_SETTING[interaction.trigger]] ? null : skip(SKIP_REASON.triggerOff),
  ({ history, interaction, now }) =>
    wasRecordPrompted(history, interaction.recordKey, now)
      ? skip(SKIP_REASON.alreadyPrompted)
      : null,
  // Applies to every trigger: a ticket closed in 20 s (spam, duplicate) is not worth a question.
  ({ settings, interaction }) =>
    interaction.handleMs < settings.minHandleMs ? skip(SKIP_REASON.tooShort) : null,
  ({ settings, interaction }) =>
    isSampledIn(interaction.recordKey, interaction.end, settings.samplingRate)
      ? null
      : skip(SKIP_REASON.sampledOut),
  ({ history, now }) =>
    history.snoozedUntil !== null && now < history.snoozedUntil ? skip(SKIP_REASON.snoozed) : null,
  ({ settings, now, utcOffsetMinutes }) =>
    isInQuietHours(settings.quietHours, now, utcOffsetMinutes)
      ? skip(SKIP_REASON.quietHours)
      : null,
  ({ settings, history, now }) =>
    countShownWithin(history, now, HISTORY_WINDOW_MS) >= settings.maxPerDay
      ? skip(SKIP_REASON.dailyCap)
      : null,
  ({ settings, history, now }) =>
    countShownWithin(history, now, HOUR_WINDOW_MS) >= settings.maxPerHour
      ? skip(SKIP_REASON.hourlyCap)
      : null,
  ({ settings, history, now }) => {
    const last = lastShownAt(history);
    return last !== null && now - last < settings.minGapMs ? skip(SKIP_REASON.minGap) : null;
  },
  (context) => (context.now > deadlineOf(context) ? skip(SKIP_REASON.maxDeferral) : null),
  (context) => {
    const reason = context.agent.onCall
      ? DEFER_REASON.onCall
      : isTyping(context)
        ? DEFER_REASON.typing
        : null;
    if (reason === null) return null;
    const deadline = deadlineOf(context);
    // Busy at the deadline: waiting any longer would break the promise, so give up now.
    if (context.now >= deadline) return skip(SKIP_REASON.maxDeferral);
    return {
      action: 'defer',
      until: Math.min(context.now + context.settings.deferStepMs, deadline),
      reason,
    };
  },
];

/**
 * Whether to show the effort prompt for an ended interaction now, defer it, or skip it. Pure: the
 * clock is `now` and local time is `utcOffsetMinutes`, the agent's UTC offset at `now` in minutes
 * east (`-new Date(now).getTimezoneOffset()`), used only for quiet hours; every other window is
 * rolling (any 60 minutes, any 24 hours), so a night shift gets no fresh daily quota at midnight.
 * After `show`, the caller records it with `recordShown`; after `defer`, it asks again at `until`.
 */
export function decidePrompt(
  settings: PromptSettings,
  history: PromptHistory,
  interaction: EndedInteraction,
  agent: AgentState,
  now: number,
  utcOffsetMinutes: number,
): PromptDecision {
  const context: Context = { settings, history, interaction, agent, now, utcOffsetMinutes };
  for (const rule of RULES) {
    const decision = rule(context);
    if (decision !== null) return decision;
  }
  return { action: 'show' };
}
