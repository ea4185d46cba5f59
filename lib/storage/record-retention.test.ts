import { describe, expect, it } from 'vitest';
import type { StoredPrompt } from './db';
import { isPromptPastRetention } from './record-retention';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 7, 12);
const WEEK_AGO = NOW - 7 * DAY;

function prompt(state: StoredPrompt['state'], final: boolean, daysAgo: number): StoredPrompt {
  const createdAt = NOW - daysAgo * DAY;
  return {
    id: `${state}-${daysAgo}`,
    recordKey: 'acme|zendesk:ticket:42',
    app: 'zendesk',
    trigger: 'moved-on',
    interaction: {
      type: 'interaction.ended',
      recordKey: 'acme|zendesk:ticket:42',
      app: 'zendesk',
      start: createdAt - 60_000,
      end: createdAt,
      endReason: 'superseded',
      handleMs: 60_000,
      awayMs: 0,
      outsideMs: 0,
      switchCount: 0,
      inAppTabSwitches: 0,
      returns: 0,
      distinctApps: 1,
      appsUsed: ['zendesk'],
    },
    state,
    createdAt,
    dueAt: final ? null : createdAt,
    final,
  };
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
