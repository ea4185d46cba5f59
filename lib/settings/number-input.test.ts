import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { numberBoundsOf, readNumberInput, shownBounds, shownNumber } from './number-input';
import { TEAM_SETTINGS } from '../../contract/team-policy';
import { promptSettingsSchema } from '../../contract/prompt-settings';

const idle = numberBoundsOf(TEAM_SETTINGS.idleThresholdSeconds.schema);

describe('numberBoundsOf', () => {
  it('reads min, max and the whole-number rule from the schema', () => {
    expect(idle).toEqual({ min: 15, max: 3600, integer: true });
    expect(numberBoundsOf(promptSettingsSchema.shape.samplingRate)).toEqual({
      min: 0,
      max: 1,
      integer: false,
    });
  });

  it('refuses a schema that is not a number', () => {
    expect(() => numberBoundsOf(z.string())).toThrow(/not a number/);
  });
});

describe('readNumberInput', () => {
  it('accepts what a supervisor types inside the bounds', () => {
    expect(readNumberInput('120', idle)).toEqual({ ok: true, value: 120 });
    expect(readNumberInput(' 3600 ', idle)).toEqual({ ok: true, value: 3600 });
  });

  it('refuses letters, empty text, decimals of a whole-number setting and values out of range', () => {
    for (const text of ['abc', '', '12a', '60.5', '14', '3601', '6020', '-60'])
      expect(readNumberInput(text, idle), text).toEqual({ ok: false });
  });

  it('scales a shown unit to the stored one, with a decimal comma', () => {
    const gap = numberBoundsOf(promptSettingsSchema.shape.minGapMs);
    expect(readNumberInput('1,5', gap, 60_000)).toEqual({ ok: true, value: 90_000 });
    const rate = numberBoundsOf(promptSettingsSchema.shape.samplingRate);
    expect(readNumberInput('25', rate, 0.01)).toEqual({ ok: true, value: 0.25 });
    expect(readNumberInput('101', rate, 0.01)).toEqual({ ok: false });
  });

  it('shows bounds and values in the field unit', () => {
    expect(shownBounds({ min: 0, max: 1, integer: false }, 0.01)).toEqual({
      min: 0,
      max: 100,
      integer: false,
    });
    expect(shownNumber(90_000, 60_000)).toBe('1.5');
  });
});
