import { describe, expect, it } from 'vitest';
import { defaultSettings } from './definitions';
import { describeTeamPolicy, type TeamValues } from './preview';

const values = (change: Partial<TeamValues> = {}): TeamValues => ({
  ...defaultSettings(),
  ...change,
});

describe('describeTeamPolicy', () => {
  it('puts prompt caps and the minimum gap in words', () => {
    const text = describeTeamPolicy(
      values({ prompts: { ...defaultSettings().prompts, maxPerDay: 4, maxPerHour: 2 } }),
      'en',
    );
    expect(text).toContain(
      'Agents get at most 4 prompts a day and 2 an hour, never within 20 min of each other.',
    );
    expect(text).toContain(
      'About 50 % of interactions handled for at least 1 min are asked when a record is solved or closed, the agent moves on to another record, or an admin-defined field value is reached.',
    );
    expect(text).toContain('Customer data stays in agents’ browsers for 7 days.');
  });

  it('says when prompts or measurement are off, and names quiet hours and tracked apps', () => {
    const text = describeTeamPolicy(
      values({
        trackingEnabled: false,
        prompts: {
          ...defaultSettings().prompts,
          enabled: false,
          quietHours: [{ start: '12:00', end: '13:00' }],
        },
        identityMode: 'anonymous',
      }),
      'en',
    );
    expect(text).toContain('Agents get no effort prompts.');
    expect(text[0]).toMatch(/^Nothing is measured/);
    expect(text).toContain('Events carry no agent id; reports show team totals only.');
    expect(describeTeamPolicy(values({ trackedApps: ['zendesk', 'jira'] }), 'en')).toContain(
      'Only zendesk and jira are measured by name; other sites count as “other”.',
    );
    expect(describeTeamPolicy(values({ trackedApps: [] }), 'en')).toContain(
      'No app is measured by name; every site counts as “other”.',
    );
  });

  it('uses the singular for one prompt a day', () => {
    const text = describeTeamPolicy(
      values({ prompts: { ...defaultSettings().prompts, maxPerDay: 1, maxPerHour: 1 } }),
      'en',
    );
    expect(text).toContain(
      'Agents get at most 1 prompt a day and 1 an hour, never within 20 min of each other.',
    );
  });
});
