import { describe, expect, it } from 'vitest';
import { IDENTITY_MODES, ROLES } from '../../../contract/api';
import { createRandom } from '../../../contract/seeded-random';
import { buildReport, type Report, type ReportOptions } from './build-report';
import type { GroupFigures } from './group-figures';
import { toReportColumns } from './report-columns';
import type { ReportRow } from './report-row';
import { keepWeekCells } from './suppression';
import { isoWeekIndex, isoWeekLabel } from '../../../contract/iso-week';
import { asTeam, LATER, makeRows } from '../../../tests/support/report-rows';

const K = 5;
const WEEKS = ['2025-W02', '2025-W03', '2025-W04'] as const;

const options = (fromWeek: string, toWeek: string, extra: Partial<ReportOptions> = {}) => ({
  period: { fromWeek, toWeek },
  now: LATER,
  identityMode: 'identified' as const,
  role: 'supervisor' as const,
  seed: 1,
  resamples: 50,
  ...extra,
});

/** Every figure of a group as additive totals: what subtraction between answers works on. */
function totals(group: GroupFigures) {
  return {
    n: group.n,
    switches: (group.meanSwitches ?? 0) * group.n,
    effortN: group.effort.n,
    effortSum: (group.effort.mean ?? 0) * group.effort.n,
    csatN: group.csat.n,
    csatSum: (group.csat.mean ?? 0) * group.csat.n,
    lowCsat: (group.csat.lowShare ?? 0) * group.csat.n,
  };
}
type Totals = ReturnType<typeof totals>;

/** The team's figures rebuilt from its weekly rows. */
function teamTotals(report: Report): Totals {
  return report.weekly.map(totals).reduce(add, zero());
}
const zero = (): Totals => ({
  n: 0,
  switches: 0,
  effortN: 0,
  effortSum: 0,
  csatN: 0,
  csatSum: 0,
  lowCsat: 0,
});
const add = (a: Totals, b: Totals): Totals =>
  Object.fromEntries(
    Object.keys(a).map((key) => [key, a[key as keyof Totals] + b[key as keyof Totals]]),
  ) as Totals;
const subtract = (a: Totals, b: Totals): Totals =>
  Object.fromEntries(
    Object.keys(a).map((key) => [key, a[key as keyof Totals] - b[key as keyof Totals]]),
  ) as Totals;

/** Named groups of an answer as additive totals. */
function groupsOf(report: Report) {
  const groups = new Map<string, Totals>([['team', teamTotals(report)]]);
  for (const week of report.weekly) groups.set(week.week, totals(week));
  if (report.agents.available) {
    for (const agent of report.agents.rows) groups.set(agent.agentId, totals(agent));
  }
  for (const { reason, tagged, untagged } of report.reasons) {
    groups.set(`${reason}:tagged`, { ...zero(), csatN: tagged.n, lowCsat: tagged.low });
    groups.set(`${reason}:untagged`, { ...zero(), csatN: untagged.n, lowCsat: untagged.low });
  }
  for (const app of report.apps) groups.set(`app:${app.app}`, { ...zero(), n: app.n });
  for (const correlation of Object.values(report.correlations)) {
    for (const band of correlation.bands) {
      groups.set(`${correlation.measure}:band:${band.from}`, {
        ...zero(),
        csatN: band.n,
        csatSum: (band.meanCsat ?? 0) * band.n,
      });
    }
  }
  return groups;
}
const sum = (maps: Map<string, Totals>[]) => {
  const result = new Map<string, Totals>();
  for (const map of maps) {
    for (const [key, figures] of map) result.set(key, add(result.get(key) ?? zero(), figures));
  }
  return result;
};

/** A difference isolates nothing small: every count in it is 0 or at least k. */
function expectNoSmallGroup(difference: Totals) {
  for (const count of [difference.n, difference.effortN, difference.csatN]) {
    expect(count === 0 || Math.abs(count) >= K, `a group of ${count}`).toBe(true);
  }
  // Equal counts mean equal rows: no sum may change behind an unchanged count.
  if (difference.n === 0) expect(Math.abs(difference.switches)).toBeLessThan(1e-6);
  if (difference.effortN === 0) expect(Math.abs(difference.effortSum)).toBeLessThan(1e-6);
  if (difference.csatN === 0) {
    expect(Math.abs(difference.csatSum)).toBeLessThan(1e-6);
    expect(Math.abs(difference.lowCsat)).toBeLessThan(1e-6);
  }
}

/** Five regular agents and one, `victim`, with small cells: 3 interactions in W04, 2 answers. */
function teamWithVictim(): ReportRow[] {
  const rows: ReportRow[] = [];
  for (const agentId of ['agent-a', 'agent-b', 'agent-c', 'agent-d', 'agent-e']) {
    for (const week of WEEKS) {
      rows.push(
        ...makeRows(8, week, { agentId }, (i) => ({
          effortScore: 1 + (i % 5),
          effortScale: '1-5',
          csat: 1 + ((i * 3) % 5),
        })),
      );
    }
  }
  for (const week of ['2025-W02', '2025-W03']) {
    rows.push(
      ...makeRows(6, week, { agentId: 'victim', switchCount: 20 }, (i) => ({
        // Two effort answers a week: below k, so never shown.
        effortScore: i < 2 ? 1 : null,
        effortScale: i < 2 ? '1-5' : null,
        csat: 1,
      })),
    );
  }
  rows.push(...makeRows(3, '2025-W04', { agentId: 'victim', switchCount: 40, csat: 1 }));
  return rows;
}

describe('minimum group size against differencing', () => {
  const rows = teamWithVictim();

  it('shows no agent or week with fewer than k values of any measure', () => {
    const report = buildReport(rows, options('2025-W02', '2025-W04'));
    if (!report.agents.available) throw new Error('the supervisor should see agents');
    const victim = report.agents.rows.find((row) => row.agentId === 'victim')!;
    expect(victim.n).toBe(12);
    expect(victim.meanSwitches).toBe(20);
    expect(victim.effort).toEqual({ n: 0, mean: null });
    for (const group of [...report.agents.rows, ...report.weekly]) {
      for (const count of [group.n, group.effort.n, group.csat.n]) {
        expect(count === 0 || count >= K).toBe(true);
      }
    }
    expect(report.leftOut.any).toBe(true);
    // The victim's 3 interactions of W04 out of 3 weeks × 5 × 8 + 15: 2 % of the interactions.
    expect(report.leftOut.distributions).toEqual({ interactions: 0.02, ratings: null, agents: 0 });
  });

  it('team total minus the other agents gives only what the victim row shows', () => {
    const report = buildReport(rows, options('2025-W02', '2025-W04'));
    if (!report.agents.available) throw new Error('the supervisor should see agents');
    const others = report.agents.rows
      .filter((row) => row.agentId !== 'victim')
      .map(totals)
      .reduce(add, zero());
    const victim = report.agents.rows.find((row) => row.agentId === 'victim')!;
    const derived = subtract(teamTotals(report), others);
    expect(derived.n).toBe(victim.n);
    expect(derived.switches).toBeCloseTo(totals(victim).switches, 6);
    expect(derived.effortN).toBe(0);
    expect(derived.csatN).toBe(victim.csat.n);
    expect(report.n.interactions).toBe(teamTotals(report).n);
  });

  it('weeks 1–3 minus weeks 1–2 does not reveal the victim’s 3 interactions in week 3', () => {
    const short = buildReport(rows, options('2025-W02', '2025-W03'));
    const long = buildReport(rows, options('2025-W02', '2025-W04'));
    if (!short.agents.available || !long.agents.available) throw new Error('agents expected');
    const victimIn = (report: typeof short) =>
      totals(
        (report.agents.available ? report.agents.rows : []).find(
          (row) => row.agentId === 'victim',
        )!,
      );
    expect(subtract(victimIn(long), victimIn(short))).toEqual(zero());
    const teamDifference = subtract(teamTotals(long), teamTotals(short));
    expect(teamDifference.n).toBe(40);
    expect(teamDifference.switches).toBe(40 * 3);
    expectNoSmallGroup(teamDifference);
  });

  it('the same holds for anyone who is not a supervisor: team figures do not depend on the role', () => {
    const supervisor = buildReport(rows, options('2025-W02', '2025-W04'));
    const agent = buildReport(rows, options('2025-W02', '2025-W04', { role: 'agent' }));
    expect(agent.agents).toEqual({ available: false, reason: 'supervisors-only' });
    expect(agent.choices.agents).toBeNull();
    const teamLevel = (report: typeof agent) => ({
      ...report,
      agents: null,
      choices: report.choices.apps,
    });
    expect(teamLevel(agent)).toEqual(teamLevel(supervisor));
  });

  it('survives every subtraction between answers over random teams, periods, roles and modes', () => {
    const random = createRandom(2025);
    let shownWeeks = 0;
    let hiddenWeeks = 0;
    for (let team = 0; team < 12; team++) {
      const teamRows: ReportRow[] = [];
      for (let agent = 0; agent < random.int(4, 9); agent++) {
        for (const week of WEEKS) {
          teamRows.push(
            ...makeRows(random.int(0, 12), week, { agentId: `agent-${agent}` }, () => ({
              switchCount: random.int(0, 12),
              effortScore: random.chance(0.5) ? random.int(1, 5) : null,
              effortScale: '1-5',
              csat: random.chance(0.6) ? random.int(1, 5) : null,
              reasons: random.chance(0.4) ? [random.pick(['policy', 'slow-system'])] : [],
              appsUsed: ['zendesk', random.pick(['gmail', 'slack', 'jira'])],
            })),
          );
        }
      }
      for (const identityMode of IDENTITY_MODES) {
        for (const role of ROLES) {
          const answer = (from: number, to: number) =>
            buildReport(teamRows, options(WEEKS[from]!, WEEKS[to]!, { identityMode, role }));
          // 1. One-week answers: every group is empty or has at least k values, and the team
          //    is exactly the sum of the agents shown, with nothing left over to subtract.
          const singleWeeks = WEEKS.map((_, w) => answer(w, w));
          for (const [w, report] of singleWeeks.entries()) {
            for (const figures of groupsOf(report).values()) expectNoSmallGroup(figures);
            // No figure from fewer than k people: whoever is in it worked ≥ k times that week.
            const workers = new Map<string, number>();
            for (const row of teamRows.filter((row) => row.occurredAt < LATER)) {
              if (isoWeekLabel(isoWeekIndex(row.occurredAt)) !== WEEKS[w]) continue;
              workers.set(row.agentId!, (workers.get(row.agentId!) ?? 0) + 1);
            }
            const people = [...workers.values()].filter((count) => count >= K).length;
            if (report.n.interactions > 0) expect(people).toBeGreaterThanOrEqual(K);
            if (report.n.interactions > 0) shownWeeks++;
            else if (workers.size > 0) hiddenWeeks++;
            expect(report.n.agents === 0 || report.n.agents >= K).toBe(true);
            for (const correlation of Object.values(report.correlations)) {
              const { n, agents } = correlation.estimate;
              expect(n === 0 || agents >= K, `${correlation.measure}: ${agents} agents`).toBe(true);
            }
            if (report.agents.available) {
              const agents = report.agents.rows.map(totals).reduce(add, zero());
              for (const value of Object.values(subtract(teamTotals(report), agents)))
                expect(Math.abs(value)).toBeLessThan(1e-6);
            }
          }
          // 2. Longer answers are the sums of their weeks' answers, group by group. So any
          //    difference between answers is a combination of one-week groups, none of them small.
          for (let from = 0; from < WEEKS.length; from++) {
            for (let to = from + 1; to < WEEKS.length; to++) {
              const expected = sum(singleWeeks.slice(from, to + 1).map(groupsOf));
              const actual = groupsOf(answer(from, to));
              expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
              for (const [key, figures] of actual) {
                const difference = subtract(figures, expected.get(key)!);
                for (const value of Object.values(difference))
                  expect(Math.abs(value)).toBeLessThan(1e-6);
              }
              // Nested periods, the classic attack: the difference is itself no small group.
              if (from === 0) {
                const shorter = groupsOf(answer(0, to - 1));
                for (const [key, figures] of actual) {
                  expectNoSmallGroup(subtract(figures, shorter.get(key) ?? zero()));
                }
              }
            }
          }
        }
      }
    }
    // The random teams exercise both sides of the people rule.
    expect(shownWeeks).toBeGreaterThan(20);
    expect(hiddenWeeks).toBeGreaterThan(20);
  }, 60_000);

  it('one app’s report subtracted from the whole isolates nothing of another app', () => {
    // Five agents on Zendesk, 8 tickets a week; one of them also opened 1 Salesforce case in
    // W02, with 42 switches and a CSAT of 1.
    const zendesk = ['agent-a', 'agent-b', 'agent-c', 'agent-d', 'agent-e'].flatMap((agentId) =>
      makeRows(8, '2025-W02', { agentId, app: 'zendesk', switchCount: 2, csat: 4 }),
    );
    const lone = makeRows(1, '2025-W02', {
      agentId: 'agent-a',
      app: 'salesforce',
      switchCount: 42,
      csat: 1,
    });
    const rows = [...zendesk, ...lone];
    for (const identityMode of IDENTITY_MODES) {
      const whole = buildReport(rows, options('2025-W02', '2025-W02', { identityMode }));
      const zendeskOnly = buildReport(
        rows,
        options('2025-W02', '2025-W02', { identityMode, filter: { app: 'zendesk' } }),
      );
      expect(subtract(teamTotals(whole), teamTotals(zendeskOnly))).toEqual(zero());
      expect(whole.n).toEqual(zendeskOnly.n);
      // Nothing of Salesforce is shown, so it is not offered either.
      expect(whole.choices.apps).toEqual(['zendesk']);
      const salesforceOnly = buildReport(
        rows,
        options('2025-W02', '2025-W02', { identityMode, filter: { app: 'salesforce' } }),
      );
      expect(salesforceOnly.n.interactions).toBe(0);
    }
  });

  it('offers no agent to filter by whose every week is left out', () => {
    // Week 5: 4 agents, 30 interactions each: fewer than k people, so no figure shows them.
    const quiet = ['agent-a', 'agent-b', 'agent-c', 'agent-d'].flatMap((agentId) =>
      makeRows(30, '2025-W05', { agentId }),
    );
    const report = buildReport(quiet, options('2025-W05', '2025-W05'));
    expect(report.n.interactions).toBe(0);
    expect(report.choices).toEqual({ apps: [], agents: [] });
    const shown = buildReport(teamWithVictim(), options('2025-W02', '2025-W04'));
    expect(shown.choices.agents).toContain('victim');
  });

  it('the whole report is the sum of its apps’ reports, group by group, over random teams', () => {
    const random = createRandom(7);
    let mixedCells = 0;
    for (let team = 0; team < 8; team++) {
      const teamRows: ReportRow[] = [];
      for (let agent = 0; agent < random.int(5, 9); agent++) {
        for (const week of WEEKS) {
          const share = random.pick([0, 0.1, 0.5]);
          const cell = makeRows(random.int(0, 14), week, { agentId: `agent-${agent}` }, () => {
            const app = random.chance(share) ? 'salesforce' : 'zendesk';
            return {
              app,
              switchCount: random.int(0, 12),
              effortScore: random.chance(0.6) ? random.int(1, 5) : null,
              effortScale: '1-5',
              csat: random.chance(0.7) ? random.int(1, 5) : null,
              reasons: random.chance(0.4) ? [random.pick(['policy', 'slow-system'])] : [],
              appsUsed: [app, random.pick(['gmail', 'slack', 'jira'])],
            };
          });
          if (new Set(cell.map((row) => row.app)).size > 1) mixedCells++;
          teamRows.push(...cell);
        }
      }
      for (const identityMode of IDENTITY_MODES) {
        const answer = (from: number, to: number, app?: string) =>
          buildReport(
            teamRows,
            options(WEEKS[from]!, WEEKS[to]!, {
              identityMode,
              ...(app !== undefined && { filter: { app } }),
            }),
          );
        for (const [from, to] of [
          [0, 0],
          [0, 2],
          [1, 2],
        ] as const) {
          const whole = answer(from, to);
          const byApp = ['zendesk', 'salesforce'].map((app) => answer(from, to, app));
          const expected = sum(byApp.map(groupsOf));
          for (const [key, figures] of groupsOf(whole)) {
            const difference = subtract(figures, expected.get(key) ?? zero());
            for (const value of Object.values(difference)) {
              expect(Math.abs(value), `${identityMode} ${key}`).toBeLessThan(1e-6);
            }
          }
          expect(whole.n.interactions).toBe(
            byApp.reduce((total, report) => total + report.n.interactions, 0),
          );
        }
      }
    }
    expect(mixedCells).toBeGreaterThan(20);
  }, 60_000);

  it('one population minus another isolates no one: CSAT, effort and time of the part outside (rule 3)', () => {
    // An anonymous team's W02: five agents answered the effort prompt on every rated interaction;
    // the sixth, the victim, has 6 rated interactions (a kept CSAT cell) and answered only 2
    // prompts (an effort-and-CSAT cell below k). The weekly CSAT counts the victim, the reasons
    // and the effort bands do not: the weekly CSAT total minus theirs was the victim's 6
    // ratings, mean 1.33 (admin and supervisor alike, anonymous mode).
    const answered = (agentKey: string) =>
      makeRows(10, '2025-W02', { agentId: null, agentKey, switchCount: 2 }, (i) => ({
        effortScore: 2 + (i % 3),
        effortScale: '1-5',
        csat: 3 + (i % 3),
        reasons: i % 2 === 0 ? ['policy'] : [],
      }));
    const others = ['a', 'b', 'c', 'd', 'e'].flatMap(answered);
    const victim = makeRows(
      6,
      '2025-W02',
      { agentId: null, agentKey: 'victim', switchCount: 9 },
      (i) => ({
        effortScore: i < 2 ? 3 : null,
        effortScale: i < 2 ? '1-5' : null,
        csat: i < 4 ? 1 : 2,
      }),
    );
    // Apart: every interaction of the five rated; the victim's 8 interactions, 2 of them rated
    // (a CSAT cell below k). The switches histogram minus the switch bands was the victim's 8.
    const unrated = makeRows(8, '2025-W02', { agentId: null, agentKey: 'victim' }, (i) => ({
      switchCount: 9,
      csat: i < 2 ? 1 : null,
    }));
    const answer = (rows: ReportRow[], role: 'admin' | 'supervisor') =>
      buildReport(rows, options('2025-W02', '2025-W02', { identityMode: 'anonymous', role }));
    const csatTotal = (report: Report) => {
      const week = report.weekly[0]!;
      return { n: week.csat.n, sum: (week.csat.mean ?? 0) * week.csat.n };
    };
    const bandsTotal = (bands: Report['correlations']['effort']['bands']) => ({
      n: bands.reduce((total, band) => total + band.n, 0),
      sum: bands.reduce((total, band) => total + (band.meanCsat ?? 0) * band.n, 0),
    });
    for (const role of ['admin', 'supervisor'] as const) {
      const report = answer([...others, ...victim], role);
      // The victim still counts in the weekly CSAT, where the 6 people are.
      expect(csatTotal(report).n).toBe(56);
      // Reasons and effort bands of the week would leave one person outside: they are left out.
      expect(report.reasons).toEqual([]);
      expect(bandsTotal(report.correlations.effort.bands).n).toBe(0);
      expect(report.correlations.effort.bandsLeftOut.ratings).toBe(1);
      const reasonsTotal = report.reasons.reduce(
        (total, r) => ({
          n: total.n + r.tagged.n + r.untagged.n,
          sum: total.sum + r.tagged.meanCsat * r.tagged.n + r.untagged.meanCsat * r.untagged.n,
        }),
        { n: 0, sum: 0 },
      );
      const outside = csatTotal(report).n - reasonsTotal.n;
      expect(outside === 56 || outside === 0, `CSAT outside the reasons: ${outside}`).toBe(true);

      const apart = answer([...others, ...unrated], role);
      // The switches histogram (all interactions) against the switch bands (rated ones): the
      // bands would leave the victim alone outside, so the week's CSAT is left out.
      expect(apart.distributions.switches.n).toBe(58);
      expect(bandsTotal(apart.correlations.switches.bands).n).toBe(0);
      expect(csatTotal(apart).n).toBe(0);

      // The effort histogram (all answers) against the effort bands (answers with a CSAT): the
      // victim's 6 answers, 2 of them rated, would be the difference. Everyone has interactions
      // without a CSAT, so the ratings are no small part of the interactions.
      const unratedAnswers = makeRows(
        6,
        '2025-W02',
        { agentId: null, agentKey: 'victim' },
        (i) => ({ effortScore: 1, effortScale: '1-5', csat: i < 2 ? 1 : null }),
      );
      const unasked = ['a', 'b', 'c', 'd', 'e'].flatMap((agentKey) =>
        makeRows(1, '2025-W02', { agentId: null, agentKey }),
      );
      const effort = answer([...others, ...unasked, ...unratedAnswers], role);
      expect(effort.distributions.effortScore.n).toBe(56);
      expect(bandsTotal(effort.correlations.effort.bands).n).toBe(0);
      expect(effort.reasons).toEqual([]);
    }
    // With five people outside, nothing is left out: the rule costs nothing in a usual week.
    const usual = [
      ...others,
      ...['a', 'b', 'c', 'd', 'e'].flatMap((agentKey) =>
        makeRows(1, '2025-W02', { agentId: null, agentKey, csat: 5 }),
      ),
    ];
    const report = answer(usual, 'admin');
    expect(report.reasons.length).toBe(1);
    expect(bandsTotal(report.correlations.effort.bands).n).toBe(50);
    expect(csatTotal(report).n).toBe(55);
  });

  it('leaves out the week that has not ended yet', () => {
    const duringW04 = Date.parse('2025-01-22T12:00:00Z');
    const report = buildReport(rows, options('2025-W02', '2025-W04', { now: duringW04 }));
    expect(report.period.weeks).toEqual(['2025-W02', '2025-W03']);
  });

  it('keeps cells per measure: 40 interactions with 3 effort answers count for time only (in a team of k)', () => {
    const cell = makeRows(40, '2025-W02', {}, (i) => ({
      effortScore: i < 3 ? 2 : null,
      effortScale: i < 3 ? '1-5' : null,
    }));
    const kept = keepWeekCells(toReportColumns(cell), { minGroupSize: K, effortScale: '1-5' });
    expect(kept.work.length).toBe(0);
    const team = asTeam(cell);
    const keptTeam = keepWeekCells(toReportColumns(team), { minGroupSize: K, effortScale: '1-5' });
    expect(keptTeam.work.length).toBe(200);
    expect(keptTeam.effort.length).toBe(0);
    expect(keptTeam.leftOut).toBe(true);
  });

  it('refuses a minimum group size that is not a positive integer', () => {
    expect(() =>
      keepWeekCells(toReportColumns([]), { minGroupSize: 0, effortScale: '1-5' }),
    ).toThrow(/positive integer/);
  });

  it('shows no week in which fewer than k people worked, in any identity mode (issue #14)', () => {
    // Week 5: 4 agents, 30 interactions each, all with CSAT and effort answers.
    const quiet = ['agent-a', 'agent-b', 'agent-c', 'agent-d'].flatMap((agentId) =>
      makeRows(30, '2025-W05', { agentId, csat: 2, effortScore: 2, effortScale: '1-5' }),
    );
    const all = [...rows, ...quiet];
    for (const identityMode of IDENTITY_MODES) {
      const report = buildReport(all, options('2025-W02', '2025-W05', { identityMode }));
      const w05 = report.weekly.find((week) => week.week === '2025-W05')!;
      expect(w05).toMatchObject({ n: 0, effort: { n: 0 }, csat: { n: 0 } });
      expect(w05).toMatchObject({ startDate: '2025-01-27', endDate: '2025-02-02' });
      const without = buildReport(rows, options('2025-W02', '2025-W04', { identityMode }));
      expect(report.n).toEqual(without.n);
      expect(report.distributions).toEqual(without.distributions);
      expect(report.leftOut.weekly.interactions).toBeGreaterThan(0.2);
    }
  });

  it('counts rows without an agent key as one person: anonymous teams show nothing until keyed', () => {
    const anonymous = rows.map((row) => ({ ...row, agentId: null }));
    const report = buildReport(
      anonymous,
      options('2025-W02', '2025-W04', { identityMode: 'anonymous' }),
    );
    expect(report.n.interactions).toBe(0);
    expect(report.leftOut.distributions).toEqual({ interactions: 1, ratings: null, agents: 1 });
    // With the per-install pseudonyms the collector will hold, the same team is counted in people.
    const keyed = rows.map((row) => ({ ...row, agentKey: `key-${row.agentId}`, agentId: null }));
    const shown = buildReport(
      keyed,
      options('2025-W02', '2025-W04', { identityMode: 'anonymous' }),
    );
    const identified = buildReport(rows, options('2025-W02', '2025-W04'));
    expect(shown.n).toEqual(identified.n);
    expect(shown.agents).toEqual({ available: false, reason: 'anonymous-mode' });
  });

  it('cannot be padded with copies of a ticket: a rating counts once in its cell', () => {
    // The victim's W04: 3 CSAT ratings, then 2 more interactions on the first ticket.
    const victimW04 = rows.filter(
      (row) =>
        row.agentId === 'victim' && isoWeekLabel(isoWeekIndex(row.occurredAt)) === '2025-W04',
    );
    const padded = [
      ...rows,
      ...[0, 1].map((i) => ({ ...victimW04[0]!, occurredAt: victimW04[0]!.occurredAt + i + 1 })),
    ];
    const report = buildReport(padded, options('2025-W02', '2025-W04'));
    if (!report.agents.available) throw new Error('agents expected');
    const victim = report.agents.rows.find((row) => row.agentId === 'victim')!;
    // 5 interactions now reach k for time, but 3 ratings stay below it for CSAT.
    expect(victim.n).toBe(17);
    expect(victim.csat.n).toBe(12);
  });
});

describe('agent rows beside people without an id (rule 4)', () => {
  /** `count` interactions of a browser without an id to show (anonymous install `key`). */
  const unnamed = (key: string, count: number, week: string, extra: Partial<ReportRow> = {}) =>
    makeRows(count, week, { agentId: null, agentKey: key, ...extra });
  const named = (week: string, agents = ['ana', 'ben', 'cleo', 'dev', 'eli']) =>
    agents.flatMap((agentId) =>
      makeRows(8, week, { agentId, switchCount: 2, csat: 4, effortScore: 4, effortScale: '1-5' }),
    );
  const agentTotals = (report: Report) =>
    (report.agents.available ? report.agents.rows : []).map(totals).reduce(add, zero());
  const agentIds = (report: Report) =>
    report.agents.available ? report.agents.rows.map((row) => row.agentId) : null;

  it('leaves a week with one browser without an id out of every agent figure, and only that week', () => {
    // A works-council member's browser, made anonymous in a pseudonymous team, worked W03.
    const rows = [
      ...named('2025-W02'),
      ...named('2025-W03'),
      ...unnamed('install-m', 8, '2025-W03', { switchCount: 29, csat: 1 }),
    ];
    const whole = buildReport(rows, options('2025-W02', '2025-W03'));
    // Agent rows are W02's alone: the team minus them is W03 whole, six people.
    expect(subtract(teamTotals(whole), agentTotals(whole))).toEqual(totals(whole.weekly[1]!));
    expect(whole.weekly[1]!.n).toBe(48);
    const w03 = buildReport(rows, options('2025-W03', '2025-W03'));
    expect(agentIds(w03)).toEqual([]);
    expect(w03.n.interactions).toBe(48);
    // Nor does the agent filter or its choices show W03.
    expect(w03.choices.agents).toEqual([]);
    const ana = buildReport(rows, options('2025-W03', '2025-W03', { filter: { agent: 'ana' } }));
    expect(ana.n.interactions).toBe(0);
    const anaBoth = buildReport(
      rows,
      options('2025-W02', '2025-W03', { filter: { agent: 'ana' } }),
    );
    expect(anaBoth.n.interactions).toBe(8);
    // W02 alone is untouched.
    const w02 = buildReport(rows, options('2025-W02', '2025-W02'));
    expect(agentIds(w02)).toEqual(['ana', 'ben', 'cleo', 'dev', 'eli']);
  });

  it('keeps agent rows where the people without an id are a group of k themselves', () => {
    const rows = [
      ...named('2025-W02'),
      ...['m1', 'm2', 'm3', 'm4', 'm5'].flatMap((key) => unnamed(key, 8, '2025-W02', { csat: 2 })),
    ];
    const report = buildReport(rows, options('2025-W02', '2025-W02'));
    expect(agentIds(report)).toHaveLength(5);
    const remainder = subtract(teamTotals(report), agentTotals(report));
    expect(remainder).toMatchObject({ n: 40, csatN: 40 });
  });

  it('counts per population: enough people without an id for time, too few with CSAT', () => {
    // Five browsers without an id, two of them with ratings; everyone has unrated interactions
    // (so rule 3 keeps the ratings). The week's CSAT minus the agents' would be those two's.
    const rows = [
      ...['ana', 'ben', 'cleo', 'dev', 'eli'].flatMap((agentId) =>
        makeRows(10, '2025-W02', { agentId }, (i) => ({ csat: i % 2 === 0 ? 4 : null })),
      ),
      ...['m1', 'm2', 'm3', 'm4', 'm5'].flatMap((key, index) =>
        unnamed(key, 8, '2025-W02', {}).map((row, i) => ({
          ...row,
          csat: index < 2 && i < 6 ? 1 : null,
        })),
      ),
    ];
    const report = buildReport(rows, options('2025-W02', '2025-W02'));
    expect(report.weekly[0]!.csat.n).toBe(37);
    expect(agentIds(report)).toEqual([]);
  });

  it('leaves no fewer than k people without an id behind the agent rows, over random teams', () => {
    const random = createRandom(14);
    let hidden = 0;
    let shown = 0;
    for (let team = 0; team < 16; team++) {
      const teamRows: ReportRow[] = [];
      const unnamedCount = random.int(0, 10);
      for (const week of WEEKS) {
        for (let person = 0; person < random.int(4, 8) + unnamedCount; person++) {
          const who: Partial<ReportRow> =
            person < unnamedCount
              ? { agentId: null, agentKey: `install-${person}` }
              : { agentId: `agent-${person}` };
          teamRows.push(
            ...makeRows(random.int(2, 16), week, who, () => ({
              switchCount: random.int(0, 12),
              effortScore: random.chance(0.7) ? random.int(1, 5) : null,
              effortScale: '1-5',
              csat: random.chance(0.7) ? random.int(1, 5) : null,
            })),
          );
        }
      }
      for (const identityMode of ['identified', 'pseudonymous'] as const) {
        const answer = (from: number, to: number) =>
          buildReport(teamRows, options(WEEKS[from]!, WEEKS[to]!, { identityMode }));
        const weeks = WEEKS.map((_, w) => answer(w, w));
        for (const [w, report] of weeks.entries()) {
          const remainder = subtract(teamTotals(report), agentTotals(report));
          if (remainder.n === report.weekly[0]!.n && remainder.n > 0) hidden++;
          else if (remainder.n > 0) shown++;
          if (remainder.n === report.weekly[0]!.n) continue;
          // Else the remainder is the kept people without an id: none or ≥ k, per population.
          const ofUnnamed = (has: (row: ReportRow) => boolean) => {
            const counts = new Map<string, number>();
            for (const row of teamRows) {
              if (row.agentId !== null || !has(row)) continue;
              if (isoWeekLabel(isoWeekIndex(row.occurredAt)) !== WEEKS[w]) continue;
              counts.set(row.agentKey!, (counts.get(row.agentKey!) ?? 0) + 1);
            }
            return [...counts.values()].filter((count) => count >= K).length;
          };
          if (remainder.n > 0) expect(ofUnnamed(() => true)).toBeGreaterThanOrEqual(K);
          if (remainder.csatN > 0) {
            expect(ofUnnamed((row) => row.csat !== null)).toBeGreaterThanOrEqual(K);
          }
          if (remainder.effortN > 0) {
            expect(ofUnnamed((row) => row.effortScore !== null)).toBeGreaterThanOrEqual(K);
          }
        }
        // A period's agent rows are the sums of its weeks' agent rows.
        const whole = answer(0, WEEKS.length - 1);
        const byWeeks = sum(weeks.map(groupsOf));
        for (const [key, figures] of groupsOf(whole)) {
          for (const value of Object.values(subtract(figures, byWeeks.get(key)!)))
            expect(Math.abs(value)).toBeLessThan(1e-6);
        }
      }
    }
    // The random teams exercise both sides of the rule.
    expect(hidden).toBeGreaterThan(20);
    expect(shown).toBeGreaterThan(10);
  }, 60_000);
});
