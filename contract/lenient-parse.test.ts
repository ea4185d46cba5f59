import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseLeniently } from './lenient-parse';
import { DEFAULT_PROMPT_SETTINGS, promptSettingsSchema } from './prompt-settings';
import { TEAM_SETTINGS } from './team-policy';

describe('parseLeniently', () => {
  it('falls back for one prompt setting over its limit and keeps the others', () => {
    const { value, problems } = parseLeniently(promptSettingsSchema, {
      maxPerDay: 250,
      maxPerHour: 4,
      triggers: { closed: true, movedOn: false },
    });
    expect(value?.maxPerDay).toBe(DEFAULT_PROMPT_SETTINGS.maxPerDay);
    expect(value?.maxPerHour).toBe(4);
    expect(value?.triggers.movedOn).toBe(false);
    expect(problems).toEqual([expect.stringMatching(/^maxPerDay: .*200.*; using the default$/)]);
  });

  it('reaches into nested objects and lists, naming the path', () => {
    const { value, problems } = parseLeniently(promptSettingsSchema, {
      triggers: { closed: 'yes', movedOn: false },
      quietHours: [
        { start: '12:00', end: '13:00' },
        { start: '25:00', end: '26:00' },
      ],
    });
    expect(value?.triggers).toEqual({ closed: true, movedOn: false, adminTrigger: true });
    expect(value?.quietHours).toEqual([{ start: '12:00', end: '13:00' }]);
    expect(problems).toEqual([
      expect.stringMatching(/^triggers\.closed: .*; using the default$/),
      expect.stringMatching(/^quietHours\[1\]\.start: .*; entry ignored$/),
      expect.stringMatching(/^quietHours\[1\]\.end: .*; entry ignored$/),
    ]);
  });

  it('drops one bad catalogue entry and keeps its neighbours', () => {
    const entry = {
      id: 'wiki',
      name: 'Wiki',
      category: 'wiki',
      hosts: ['https://wiki.acme.test/*'],
    };
    const { value, problems } = parseLeniently(TEAM_SETTINGS.catalogueAdditions.schema, [
      entry,
      { ...entry, id: 'crm', hosts: 'https://crm.acme.test/*' },
    ]);
    expect(value).toEqual([entry]);
    expect(problems).toEqual([expect.stringMatching(/^\[1\]\.hosts: .*; entry ignored$/)]);
  });

  it('names a wrong required field of a list entry once, at the field, as the entry left out', () => {
    const { value, problems } = parseLeniently(promptSettingsSchema, {
      quietHours: [
        { start: '9:00', end: '10:00' },
        { start: '12:00', end: '13:00' },
      ],
    });
    expect(value?.quietHours).toEqual([{ start: '12:00', end: '13:00' }]);
    // Not "using the default" (a quiet hour has no default start) nor "start: must be given".
    expect(problems).toEqual([
      expect.stringMatching(/^quietHours\[0\]\.start: .*; entry ignored$/),
    ]);
  });

  it('leaves out one bad app id of tracked apps instead of measuring every app', () => {
    const { value, problems } = parseLeniently(TEAM_SETTINGS.trackedApps.schema, [
      'zendesk',
      'Sales Force',
      'hubspot',
    ]);
    expect(value).toEqual(['zendesk', 'hubspot']);
    expect(problems).toEqual([expect.stringMatching(/^\[1\]: .*; entry ignored$/)]);
    expect(parseLeniently(TEAM_SETTINGS.trackedApps.schema, 'all').value).toBe('all');
  });

  it('names an unknown field instead of dropping it silently', () => {
    const { value, problems } = parseLeniently(promptSettingsSchema, { maxPerDya: 3 });
    expect(value).toEqual(DEFAULT_PROMPT_SETTINGS);
    expect(problems).toEqual(['maxPerDya: unknown field; ignored']);
  });

  it('refuses the whole value when no part of it can be kept', () => {
    expect(parseLeniently(z.number().int(), 'five')).toEqual({
      value: undefined,
      problems: [expect.stringContaining('expected number')],
    });
  });
});
