import { describe, expect, it } from 'vitest';
import { describeIssues } from './validation';
import { DEFAULT_PROMPT_SETTINGS, promptSettingsSchema } from './prompt-settings';

describe('prompt settings', () => {
  it('has the day-one defaults', () => {
    expect(DEFAULT_PROMPT_SETTINGS).toEqual({
      enabled: true,
      triggers: { closed: true, movedOn: true, adminTrigger: true },
      samplingRate: 0.5,
      minHandleMs: 60_000,
      minGapMs: 20 * 60_000,
      maxPerHour: 2,
      maxPerDay: 6,
      quietHours: [],
      snoozeMs: 30 * 60_000,
      typingGraceMs: 8_000,
      deferStepMs: 15_000,
      maxDeferralMs: 3 * 60_000,
      scale: '1-5',
      reasons: [
        'too-many-tools',
        'missing-information',
        'slow-system',
        'policy',
        'unclear-process',
        'other',
      ],
      autoHideMs: 45_000,
      undoMs: 5_000,
    });
  });

  it('fills what a partial policy leaves out, field by field', () => {
    const parsed = promptSettingsSchema.parse({
      triggers: { adminTrigger: true },
      quietHours: [{ start: '22:00', end: '06:00' }],
      scale: 'ces-7',
    });
    expect(parsed.triggers).toEqual({ closed: true, movedOn: true, adminTrigger: true });
    expect(parsed.scale).toBe('ces-7');
    expect(parsed.maxPerDay).toBe(6);
  });

  it('gives each parse its own lists', () => {
    const first = promptSettingsSchema.parse({});
    first.reasons.pop();
    first.quietHours.push({ start: '12:00', end: '13:00' });
    expect(promptSettingsSchema.parse({}).reasons).toHaveLength(6);
    expect(promptSettingsSchema.parse({}).quietHours).toEqual([]);
  });

  it.each([
    [{ samplingRate: 1.5 }, 'samplingRate'],
    [{ minGapMs: 25 * 60 * 60_000 }, 'minGapMs'],
    [{ maxPerHour: 0 }, 'maxPerHour'],
    [{ deferStepMs: 0 }, 'deferStepMs'],
    [{ quietHours: [{ start: '24:00', end: '06:00' }] }, 'quietHours.0.start'],
    [{ quietHours: [{ start: '9:00', end: '10:00' }] }, 'quietHours.0.start'],
    [{ quietHours: [{ start: '12:00', end: '12:00' }] }, 'quietHours.0'],
    [{ reasons: ['policy', 'policy'] }, 'reasons'],
    [{ reasons: ['boredom'] }, 'reasons.0'],
    [{ scale: '1-10' }, 'scale'],
  ])('rejects %j, naming %s', (input, field) => {
    const parsed = promptSettingsSchema.safeParse(input);
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(describeIssues(parsed.error)).toMatch(new RegExp(`^${field}: `));
  });
});
