import { describe, expect, it } from 'vitest';
import type { StoredPrompt } from './db';
import { isPromptPastRetention } from './record-retention';
import { storedPrompt } from '../../tests/support/feedback/stored-prompt';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 7, 12);
const WEEK_AGO = NOW - 7 * DAY;

/** A prompt about ticket 42, created `daysAgo`, in `state`, final or still open. */
function prompt(state: StoredPrompt['state'], final: boolean, daysAgo: number): StoredPrompt {
  const createdAt = NOW - daysAgo * DAY;
  const open = { state, final, dueAt: final ? null : createdAt };
  return storedPrompt(`${state}-${daysAgo}`, 'acme|zendesk:ticket:42', createdAt, open);
}

describe('which effort prompts retention deletes', () => {
  it.each(['answered', 'dismissed', 'snoozed', 'timed-out', 'skipped'] as const)(
    'a final %s prompt older than the window',
    (state) => {
      expect(isPromptPastRetention(prompt(state, true, 30), WEEK_AGO)).toBe(true);
      expect(isPromptPastRetention(prompt(state, true, 2), WEEK_AGO)).toBe(false);
    },
  );

  it.each(['pending', 'shown', 'answered'] as const)(
    'never a %s prompt that is still open, however old',
    (state) => {
      expect(isPromptPastRetention(prompt(state, false, 30), WEEK_AGO)).toBe(false);
    },
  );
});
