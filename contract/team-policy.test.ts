import { describe, expect, it } from 'vitest';
import {
  MIN_GROUP_SIZE_FLOOR_DEFAULT,
  minGroupSizeFloorSchema,
  parseTeamPolicyValues,
  TEAM_SETTINGS,
} from './team-policy';

describe('parseTeamPolicyValues', () => {
  it('keeps valid team settings and fills prompt defaults', () => {
    const { values, diagnostics } = parseTeamPolicyValues({
      trackingEnabled: false,
      prompts: { maxPerDay: 4 },
    });
    expect(diagnostics).toEqual([]);
    expect(values.trackingEnabled).toBe(false);
    expect(values.prompts?.maxPerDay).toBe(4);
    expect(values.prompts?.minGapMs).toBe(20 * 60_000);
  });

  it('names each invalid, admin-only or unknown setting and keeps the rest', () => {
    const { values, diagnostics } = parseTeamPolicyValues({
      idleThresholdSeconds: 5,
      collectorToken: 'x'.repeat(30),
      colour: 'blue',
      minGroupSize: 8,
    });
    expect(values).toEqual({ minGroupSize: 8 });
    expect(diagnostics).toEqual([
      expect.stringMatching(/^idleThresholdSeconds: .*15/),
      "collectorToken: not a team setting (only the admin's managed policy sets it)",
      'colour: unknown setting',
    ]);
  });
});

describe('the admin floor under minGroupSize (issue #14)', () => {
  it('defaults to 5 and accepts what minGroupSize accepts, nothing below', () => {
    expect(MIN_GROUP_SIZE_FLOOR_DEFAULT).toBe(5);
    expect(minGroupSizeFloorSchema.parse(3)).toBe(3);
    expect(minGroupSizeFloorSchema.safeParse(2).success).toBe(false);
    expect(minGroupSizeFloorSchema.safeParse(4.5).success).toBe(false);
    expect(TEAM_SETTINGS.minGroupSize.schema.safeParse(3).success).toBe(true);
  });
});
