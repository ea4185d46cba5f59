import { describe, expect, it } from 'vitest';
import { buildReport } from './build-report';
import { generateDemoData } from '../../../demo/report-data';
import { asTeam, LATER, makeRow, makeRows } from '../../../tests/support/report-rows';
import { createRandom } from '../../../contract/seeded-random';

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
      expect(correlation.details).toContain(
        `${correlation.estimate.n.toLocaleString('en-US')} ratings from 8 agents`,
      );
      expect(correlation.summary).toMatch(/^Interactions .* averaged CSAT \d\.\d/);
    }
    // The demo's record hashes are all different: every interaction with a CSAT is a rating.
    expect(report.correlations.effort.estimate.n).toBe(report.n.effortCsat);
    expect(report.correlations.switches.estimate.n).toBe(report.n.ratings);
    expect(report.n.agents).toBe(8);
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
      asTeam(makeRows(3, '2025-W02', { csat: 4, effortScore: 3, effortScale: '1-5' }), 6),
      { ...options, minGroupSize: 3, minGroupSizeFloor: 3 },
    );
    expect(small.n.interactions).toBe(18);
    expect(small.correlations.switches.reading).toMatchObject({
      kind: 'not-enough-data',
      n: 18,
      agents: 6,
    });
  });

  it('applies the admin floor: a supervisor cannot lower the minimum below it', () => {
    const lowered = buildReport(rows, { ...options, minGroupSize: 3, minGroupSizeFloor: 6 });
    expect(lowered).toMatchObject({ minGroupSize: 6, minGroupSizeFloor: 6 });
    const raised = buildReport(rows, { ...options, minGroupSize: 9, minGroupSizeFloor: 6 });
    expect(raised.minGroupSize).toBe(9);
    // Without a floor in the options the default floor (5) holds.
    expect(buildReport(rows, { ...options, minGroupSize: 3 }).minGroupSize).toBe(5);
  });

  it('gives the same intervals in any row order, as two collector instances would read them', () => {
    // The database hands rows over in physical order, split among parallel readers: shuffle
    // them, and reverse them. Issue #14 saw intervals differ in the third decimal.
    const random = createRandom(11);
    const shuffled = [...rows];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = random.int(0, i);
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    const figures = (r: typeof report) =>
      Object.values(r.correlations).map((c) => [c.estimate, c.bands, c.betweenAgents]);
    expect(figures(buildReport(shuffled, options))).toEqual(figures(report));
    expect(figures(buildReport([...rows].reverse(), options))).toEqual(figures(report));
  });

  it('counts a CSAT rating shared by two interactions of one ticket once', () => {
    // Every agent handles each of their tickets twice: the second interaction repeats the
    // record hash and the CSAT.
    const once = generateDemoData({ seed: 6, interactions: 2_000, teams: 1 });
    const twice = once.flatMap((row) => [
      row,
      { ...row, switchCount: row.switchCount + 1, occurredAt: row.occurredAt + 60_000 },
    ]);
    const a = buildReport(once, options);
    const b = buildReport(twice, options);
    expect(b.n.csat).toBe(2 * a.n.csat);
    expect(b.n.ratings).toBe(a.n.ratings);
    expect(b.correlations.switches.estimate.n).toBe(a.correlations.switches.estimate.n);
    expect(b.correlations.handle.estimate.n).toBe(a.n.ratings);
  });

  it('answers promptly for a large team when one person floods a week with one-interaction record apps', () => {
    // The audit of a report that answered 500: one credential sent an interaction in each of
    // 20,000 new record apps. Every person then had a cell in every app-week of the period.
    const team = asTeam(makeRows(5, '2025-W05', { appsUsed: ['zendesk', 'slack'], csat: 4 }), 200);
    const flood = Array.from({ length: 20_000 }, (_, i) =>
      makeRow('2025-W05', { agentId: 'rogue', app: `z${i}`, appsUsed: [`z${i}`, 'gmail'] }),
    );
    const quick = { ...options, resamples: 50 };
    const flooded = buildReport([...team, ...flood], quick);
    const clean = buildReport(team, quick);
    expect(flooded.n).toEqual(clean.n);
    expect(flooded.apps).toEqual(clean.apps);
    expect(flooded.apps.map((row) => row.app)).toEqual(['slack']);
    expect(flooded.weekly).toEqual(clean.weekly);
    expect(flooded.choices.apps).toEqual(['zendesk']);
  }, 5_000);

  it('answers promptly for a team when one person floods a week with new reasons in new record apps', () => {
    // The audit of a report that answered 500: one credential sent 30,000 answered interactions,
    // each in a new record app with 10 new reasons (RangeError in rankReasons).
    const answered = {
      effortScale: '1-5' as const,
      effortScore: 2,
      appsUsed: ['zendesk', 'slack'],
    };
    const team = asTeam(
      makeRows(20, '2025-W05', answered, (i) =>
        i < 8 ? { reasons: ['policy'], csat: i < 6 ? 1 : 5 } : { csat: i < 11 ? 2 : 5 },
      ),
      10,
    );
    const flood = Array.from({ length: 30_000 }, (_, i) =>
      makeRow('2025-W05', {
        ...answered,
        agentId: 'rogue',
        app: `z${i}`,
        appsUsed: [`z${i}`, 'gmail'],
        reasons: Array.from({ length: 10 }, (_, r) => `r${i}-${r}`),
        csat: 1,
      }),
    );
    const quick = { ...options, resamples: 50 };
    const flooded = buildReport([...team, ...flood], quick);
    const clean = buildReport(team, quick);
    expect(flooded.n).toEqual(clean.n);
    expect(flooded.reasons).toEqual(clean.reasons);
    expect(flooded.reasons.map((row) => row.reason)).toEqual(['policy']);
    expect(flooded.apps).toEqual(clean.apps);
    expect(flooded.weekly).toEqual(clean.weekly);
  }, 5_000);
});
