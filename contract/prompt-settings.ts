import { z } from 'zod';

// The effort-prompt settings (issue #4): every rule of the prompt policy is one of these, with a
// default a supervisor can accept on day one. Durations are milliseconds, like every clock value
// the policy sees; the settings screen shows them in minutes and seconds.

const SECOND_MS = 1_000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;

/** The answer scales the prompt offers: 1–5 ease (default) or the 7-point customer-effort scale. */
export const EFFORT_SCALE = { oneToFive: '1-5', ces7: 'ces-7' } as const;
export type EffortScale = (typeof EFFORT_SCALE)[keyof typeof EFFORT_SCALE];

/** The optional reason chips after a tap; ids only, the labels are i18n strings. */
export const EFFORT_REASON = {
  tooManyTools: 'too-many-tools',
  missingInformation: 'missing-information',
  slowSystem: 'slow-system',
  policy: 'policy',
  unclearProcess: 'unclear-process',
  other: 'other',
} as const;
export type EffortReason = (typeof EFFORT_REASON)[keyof typeof EFFORT_REASON];

const EFFORT_SCALES = Object.values(EFFORT_SCALE) as [EffortScale, ...EffortScale[]];
const EFFORT_REASONS = Object.values(EFFORT_REASON) as [EffortReason, ...EffortReason[]];

/** 24-hour local wall-clock time, `HH:MM`. */
const localTimeSchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a local time HH:MM between 00:00 and 23:59');

/**
 * A local-time range `[start, end)` with no prompt. `start` after `end` crosses midnight
 * (`22:00`–`06:00`); equal ends are rejected rather than guessed as "never" or "all day".
 */
export const quietHoursRangeSchema = z
  .object({ start: localTimeSchema, end: localTimeSchema })
  .refine((range) => range.start !== range.end, {
    message: 'start and end must differ (switch prompts off to silence the whole day)',
  });
export type QuietHoursRange = z.infer<typeof quietHoursRangeSchema>;

const duration = (min: number, max: number) => z.number().int().min(min).max(max);

/**
 * The prompt policy's settings, with a default per field so a partial team or managed policy
 * fills in the rest: `promptSettingsSchema.parse({})` is the day-one configuration.
 */
export const promptSettingsSchema = z.object({
  /** Off: no prompt at all (every interaction is skipped as `disabled`). */
  enabled: z.boolean().default(true),
  /** Which interaction ends may prompt. Admin triggers fire only once `interactionEndTriggers` names one. */
  triggers: z
    .object({
      closed: z.boolean().default(true),
      movedOn: z.boolean().default(true),
      adminTrigger: z.boolean().default(true),
    })
    .default(() => ({ closed: true, movedOn: true, adminTrigger: true })),
  /** Share of eligible interactions asked, chosen by a hash of the interaction (not at random). */
  samplingRate: z.number().min(0).max(1).default(0.5),
  /** Interactions handled for less than this are glances or one-click closes: not asked. */
  minHandleMs: duration(0, 2 * HOUR_MS).default(MINUTE_MS),
  /** At least this long between two prompts. */
  minGapMs: duration(0, 24 * HOUR_MS).default(20 * MINUTE_MS),
  /** At most this many prompts in any 60 minutes (a rolling window, not the clock hour). */
  maxPerHour: z.number().int().min(1).max(60).default(2),
  /** At most this many prompts in any 24 hours (a rolling window, not the calendar day). */
  maxPerDay: z.number().int().min(1).max(200).default(6),
  /** Local-time ranges with no prompt (e.g. a lunch peak); none by default. */
  quietHours: z
    .array(quietHoursRangeSchema)
    .max(12)
    .default(() => []),
  /** "Not now" silences prompts for this long (the sidebar records the snooze). */
  snoozeMs: duration(MINUTE_MS, 8 * HOUR_MS).default(30 * MINUTE_MS),
  /** A keystroke in the host page within this long counts as typing: the prompt waits. */
  typingGraceMs: duration(0, MINUTE_MS).default(8 * SECOND_MS),
  /** How long a prompt waits before the policy is asked again while the agent is busy. */
  deferStepMs: duration(SECOND_MS, 5 * MINUTE_MS).default(15 * SECOND_MS),
  /** Latest a prompt may appear after its interaction ended; later it is skipped, not queued. */
  maxDeferralMs: duration(0, 15 * MINUTE_MS).default(3 * MINUTE_MS),
  scale: z.enum(EFFORT_SCALES).default(EFFORT_SCALE.oneToFive),
  /** Reason chips offered after a tap, in this order; an empty list offers none. */
  reasons: z
    .array(z.enum(EFFORT_REASONS))
    .refine((reasons) => new Set(reasons).size === reasons.length, 'must not repeat a reason')
    .default(() => [...EFFORT_REASONS]),
  /** An unanswered prompt hides itself after this long and is recorded as timed out. */
  autoHideMs: duration(5 * SECOND_MS, 10 * MINUTE_MS).default(45 * SECOND_MS),
  /** How long an answer can be undone before it is final. */
  undoMs: duration(SECOND_MS, 30 * SECOND_MS).default(5 * SECOND_MS),
});

/** Validated prompt settings; the type comes from the schema, never a hand-written twin. */
export type PromptSettings = z.infer<typeof promptSettingsSchema>;

/** The day-one configuration (treat as read-only; spread it to vary a field). */
export const DEFAULT_PROMPT_SETTINGS: PromptSettings = promptSettingsSchema.parse({});
