import { z } from 'zod';

const HOUR_MS = 60 * 60_000;

/**
 * How far back any rule looks: the daily cap's rolling 24 hours, and "one prompt per record"
 * (the answer joins CSAT per ticket, and a second question about the same ticket reads as nagging).
 * The settings cap `minGapMs` at 24 hours too, so a pruned history answers every rule.
 */
export const HISTORY_WINDOW_MS = 24 * HOUR_MS;

/** The rolling window of `maxPerHour`. */
export const HOUR_WINDOW_MS = HOUR_MS;

/** A prompt that was shown: when, and for which record (the local key, never uploaded as is). */
export const shownPromptSchema = z.object({
  at: z.number().int(),
  recordKey: z.string().min(1),
});
export type ShownPrompt = z.infer<typeof shownPromptSchema>;

/**
 * What the policy remembers between decisions: plain JSON, kept in `storage.session` or IndexedDB
 * so it survives the service worker, and small: at most the last 24 hours of shown prompts
 * (`maxPerDay` entries under an unchanged policy) and the end of the current snooze. Skipped and
 * deferred interactions are not kept: a skip is final (the wiring never asks again) and a deferral
 * is the wiring's pending item.
 */
export const promptHistorySchema = z.object({
  /** Oldest first. */
  shown: z.array(shownPromptSchema),
  snoozedUntil: z.number().int().nullable(),
});
export type PromptHistory = z.infer<typeof promptHistorySchema>;

/** Where the history is kept (IndexedDB's `meta`). */
export const PROMPT_HISTORY_KEY = 'prompt-history';

/** No prompt shown yet, not snoozed. */
export const EMPTY_PROMPT_HISTORY: PromptHistory = { shown: [], snoozedUntil: null };

/** The history after a prompt was shown (kept oldest first even if recorded out of order). */
export function recordShown(history: PromptHistory, shown: ShownPrompt): PromptHistory {
  const later = history.shown.findIndex((entry) => entry.at > shown.at);
  const at = later === -1 ? history.shown.length : later;
  return {
    ...history,
    shown: [...history.shown.slice(0, at), shown, ...history.shown.slice(at)],
  };
}

/** The history after "not now": no prompt before `until`. A shorter snooze never cuts a longer one. */
export function recordSnooze(history: PromptHistory, until: number): PromptHistory {
  const snoozedUntil = Math.max(history.snoozedUntil ?? until, until);
  return { ...history, snoozedUntil };
}

/** Drops what no rule can look at any more: prompts older than 24 hours, an expired snooze. */
export function pruneHistory(history: PromptHistory, now: number): PromptHistory {
  const from = now - HISTORY_WINDOW_MS;
  return {
    shown: history.shown.filter((entry) => entry.at > from),
    snoozedUntil:
      history.snoozedUntil !== null && history.snoozedUntil > now ? history.snoozedUntil : null,
  };
}

/** Prompts shown in the rolling window `(now - windowMs, now]` (and any stamped after `now`). */
export function countShownWithin(history: PromptHistory, now: number, windowMs: number): number {
  const from = now - windowMs;
  return history.shown.filter((entry) => entry.at > from).length;
}

/** When the latest prompt was shown, or null. */
export function lastShownAt(history: PromptHistory): number | null {
  return history.shown.reduce<number | null>(
    (latest, entry) => (latest === null || entry.at > latest ? entry.at : latest),
    null,
  );
}

/** Whether a prompt for this record was shown in the last 24 hours. */
export function wasRecordPrompted(history: PromptHistory, recordKey: string, now: number): boolean {
  const from = now - HISTORY_WINDOW_MS;
  return history.shown.some((entry) => entry.recordKey === recordKey && entry.at > from);
}
