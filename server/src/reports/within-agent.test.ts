import { describe, expect, it } from 'vitest';
import { buildReport, type ReportOptions } from './build-report';
import { spearman } from './spearman';
import { studentQuantile } from './within-agent';
import { generateAgentTeam } from '../../../tests/support/agent-team-data';
import { LATER } from '../../../tests/support/report-rows';

const options: ReportOptions = {
  period: { fromWeek: '2025-W02', toWeek: '2025-W09' },
  now: LATER,
  identityMode: 'pseudonymous',
  role: 'supervisor',
  seed: 3,
  resamples: 300,
};

describe('the within-agent association', () => {
  const rows = generateAgentTeam({ seed: 4, agents: 12, withinEffect: -0.3 });

  it('is Spearman’s ρ for one agent', () => {
    const one = rows.filter((row) => row.agentId === 'agent-001' && row.csat !== null);
    // Each rating once: the generator's re-handled tickets repeat a rating.
    const seen = new Set<string>();
    const ratings = one.filter((row) => !seen.has(row.recordHash) && seen.add(row.recordHash));
    const single = ratings.map((row) => ({ ...row, recordHash: `${row.recordHash}-only` }));
    const report = buildReport(single, { ...options, minGroupSize: 1, minGroupSizeFloor: 1 });
    const expected = spearman(
      single.map((row) => row.switchCount),
      single.map((row) => row.csat!),
    );
    expect(report.correlations.switches.estimate.rho).toBeCloseTo(expected, 7);
    expect(report.correlations.switches.estimate.agents).toBe(1);
  });

  it('ignores differences between agents: shifting one agent’s switching level changes nothing', () => {
    // Agent 3 switches 20 times more in every interaction: their own order is unchanged.
    const shifted = rows.map((row) =>
      row.agentId === 'agent-003' ? { ...row, switchCount: row.switchCount + 20 } : row,
    );
    const before = buildReport(rows, options).correlations.switches;
    const after = buildReport(shifted, options).correlations.switches;
    expect(after.estimate).toEqual(before.estimate);
    // The between-agent picture does move: agent 3 now switches far more than anyone.
    expect(after.betweenAgents.rho).not.toEqual(before.betweenAgents.rho);
  });

  it('widens small-cluster intervals with t(G − 1) tails', () => {
    expect(studentQuantile(1.959963984540054, 3)).toBeCloseTo(3.182, 1);
    expect(studentQuantile(1.959963984540054, 23)).toBeCloseTo(2.069, 2);
    expect(studentQuantile(1.959963984540054, 1e6)).toBeCloseTo(1.96, 3);
  });
});
