import { describe, expect, it } from 'vitest';
import { buildReport } from './build-report';
import { generateDemoData } from '../../../demo/report-data';
import { LATER, makeRows } from '../../../tests/support/report-rows';

const options = {
  period: { fromWeek: '2025-W02', toWeek: '2025-W09' },
  now: LATER,
  identityMode: 'pseudonymous' as const,
  role: 'supervisor' as const,
  seed: 1,
  resamples: 200,
};

describe('buildReport', () => {
  const rows = generateDemoData({ seed: 5, interactions: 3_000, teams: 1 });
  const report = buildReport(rows, options);

  it('shows n with every figure', () => {
    expect(report.n.interactions).toBe(3_000);
    for (const distribution of Object.values(report.distributions))
      expect(distribution.n).toBeGreaterThan(0);
    expect(report.distributions.handleMs.n).toBe(3_000);
    expect(report.distributions.effortScore.n).toBe(report.n.effort);
    for (const correlation of Object.values(report.correlations)) {
      expect(correlation.text).toContain(`n = ${correlation.estimate.n.toLocaleString('en-US')}`);
    }
    expect(report.correlations.effort.estimate.n).toBe(report.n.effortCsat);
    expect(report.weekly.reduce((sum, week) => sum + week.n, 0)).toBe(3_000);
    for (const reason of report.reasons)
      expect(reason.tagged.n + reason.untagged.n).toBeLessThanOrEqual(report.n.effortCsat);
    expect(report.apps[0]!.n).toBeGreaterThan(0);
  });

  it('finds that "too many tools" comes with low CSAT (it is tagged on hard, switch-heavy work)', () => {
    const tools = report.reasons.find((row) => row.reason === 'too-many-tools')!;
    expect(tools.association).toBe('higher');
    expect(tools.tagged.share).toBeGreaterThan(tools.untagged.share);
  });

  it('is the same for the same rows and seed', () => {
    expect(buildReport(rows, options)).toEqual(report);
  });

  it('shows agents only to supervisors, and never in anonymous mode', () => {
    expect(report.agents.available).toBe(true);
    expect(buildReport(rows, { ...options, role: 'agent' }).agents).toEqual({
      available: false,
      reason: 'supervisors-only',
    });
    expect(buildReport(rows, { ...options, role: 'admin' }).agents.available).toBe(false);
    expect(buildReport(rows, { ...options, identityMode: 'anonymous' }).agents).toEqual({
      available: false,
      reason: 'anonymous-mode',
    });
  });

  it('ignores rows outside the period and refuses rows of two teams', () => {
    const extra = makeRows(10, '2025-W20', { team: 'team-1' });
    expect(buildReport([...rows, ...extra], options).n.interactions).toBe(3_000);
    expect(() =>
      buildReport([...rows, ...makeRows(1, '2025-W02', { team: 'team-9' })], options),
    ).toThrow(/two teams/);
    expect(() =>
      buildReport(rows, { ...options, period: { fromWeek: '2025-W05', toWeek: '2025-W02' } }),
    ).toThrow(/starts/);
  });

  it('says "not enough data" for a team too small to read', () => {
    const small = buildReport(
      makeRows(12, '2025-W02', { csat: 4, effortScore: 3, effortScale: '1-5' }),
      options,
    );
    expect(small.correlations.switches.reading.kind).toBe('not-enough-data');
    expect(small.n.interactions).toBe(12);
  });
});
