import { describe, expect, it } from 'vitest';
import {
  countShownWithin,
  EMPTY_PROMPT_HISTORY,
  HISTORY_WINDOW_MS,
  lastShownAt,
  promptHistorySchema,
  pruneHistory,
  recordShown,
  recordSnooze,
  wasRecordPrompted,
} from './prompt-history';

const NOW = Date.UTC(2025, 2, 3, 10, 0, 0);
const MINUTE = 60_000;

describe('prompt history', () => {
  it('keeps shown prompts oldest first, even recorded out of order', () => {
    const history = [NOW, NOW - 2 * MINUTE, NOW - MINUTE].reduce(
      (current, at) => recordShown(current, { at, recordKey: `r:${at}` }),
      EMPTY_PROMPT_HISTORY,
    );
    expect(history.shown.map((entry) => entry.at)).toEqual([NOW - 2 * MINUTE, NOW - MINUTE, NOW]);
    expect(lastShownAt(history)).toBe(NOW);
    expect(lastShownAt(EMPTY_PROMPT_HISTORY)).toBeNull();
  });

  it('never changes the history it is given', () => {
    const before = structuredClone(EMPTY_PROMPT_HISTORY);
    recordShown(EMPTY_PROMPT_HISTORY, { at: NOW, recordKey: 'r:1' });
    recordSnooze(EMPTY_PROMPT_HISTORY, NOW);
    pruneHistory(EMPTY_PROMPT_HISTORY, NOW);
    expect(EMPTY_PROMPT_HISTORY).toEqual(before);
  });

  it('lets a snooze extend but never shorten the current one', () => {
    const snoozed = recordSnooze(EMPTY_PROMPT_HISTORY, NOW + 30 * MINUTE);
    expect(snoozed.snoozedUntil).toBe(NOW + 30 * MINUTE);
    expect(recordSnooze(snoozed, NOW + 10 * MINUTE).snoozedUntil).toBe(NOW + 30 * MINUTE);
    expect(recordSnooze(snoozed, NOW + 40 * MINUTE).snoozedUntil).toBe(NOW + 40 * MINUTE);
  });

  it('prunes what no rule looks at: prompts 24 h old and an expired snooze', () => {
    const history = {
      shown: [
        { at: NOW - HISTORY_WINDOW_MS, recordKey: 'r:old' },
        { at: NOW - HISTORY_WINDOW_MS + 1, recordKey: 'r:kept' },
      ],
      snoozedUntil: NOW,
    };
    expect(pruneHistory(history, NOW)).toEqual({
      shown: [{ at: NOW - HISTORY_WINDOW_MS + 1, recordKey: 'r:kept' }],
      snoozedUntil: null,
    });
    expect(pruneHistory({ ...history, snoozedUntil: NOW + 1 }, NOW).snoozedUntil).toBe(NOW + 1);
  });

  it('counts rolling windows that exclude their oldest edge', () => {
    const history = [NOW - 60 * MINUTE, NOW - 59 * MINUTE, NOW].reduce(
      (current, at) => recordShown(current, { at, recordKey: `r:${at}` }),
      EMPTY_PROMPT_HISTORY,
    );
    expect(countShownWithin(history, NOW, 60 * MINUTE)).toBe(2);
    expect(wasRecordPrompted(history, `r:${NOW}`, NOW)).toBe(true);
    expect(wasRecordPrompted(history, 'r:other', NOW)).toBe(false);
  });

  it('round-trips through JSON and its schema', () => {
    const history = recordSnooze(
      recordShown(EMPTY_PROMPT_HISTORY, { at: NOW, recordKey: 'zendesk:1' }),
      NOW + 30 * MINUTE,
    );
    expect(promptHistorySchema.parse(JSON.parse(JSON.stringify(history)))).toEqual(history);
    expect(promptHistorySchema.safeParse({ shown: [{ at: 'now' }] }).success).toBe(false);
  });
});
