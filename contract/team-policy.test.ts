import { describe, expect, it } from 'vitest';
import { parseTeamPolicyValues } from './team-policy';

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
