import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { REPORT_CSV_TABLES, reportSchema, type ReportResponse } from '../../contract/report';
import { API_PATHS, enrolResponseSchema, ingestResponseSchema } from '../../contract/api';
import { createUuidV7 } from '../../contract/uuidv7';
import { seedDemoData, storeReportRows } from '../../demo/demo-data-seed';
import { generateDemoData } from '../../demo/report-data';
import { enrolInstall } from '../src/auth/enrolment';
import type { ReportRow } from '../src/reports/report-row';
import { LATER, makeRows } from '../../tests/support/report-rows';
import {
  collectorSuite,
  ingest,
  installCredentialFor,
  send,
  testDatabases,
  tokenFor,
  uniqueTeam,
} from './helpers';

// The reports API (issue #7): shape, roles, identity modes, CSV, and the minimum group size
// checked on what actually leaves the collector, including differencing between two answers.

const K = 5;
const WEEKS = ['2025-W02', '2025-W03', '2025-W04'] as const;

/** Five regular agents and a victim with small cells (as in reports/suppression.test.ts). */
function teamWithVictim(team: string): ReportRow[] {
  const rows: ReportRow[] = [];
  for (const agentId of ['agent-a', 'agent-b', 'agent-c', 'agent-d', 'agent-e']) {
    for (const week of WEEKS) {
      rows.push(
        ...makeRows(8, week, { team, agentId }, (i) => ({
          effortScore: 1 + (i % 5),
          effortScale: '1-5',
          csat: 1 + ((i * 3) % 5),
          reasons: i % 2 === 0 ? ['too-many-tools'] : [],
        })),
      );
    }
  }
  for (const week of ['2025-W02', '2025-W03']) {
    rows.push(
      ...makeRows(6, week, { team, agentId: 'victim', switchCount: 20 }, (i) => ({
        effortScore: i < 2 ? 1 : null,
        effortScale: i < 2 ? '1-5' : null,
        csat: 1,
      })),
    );
  }
  rows.push(
    ...makeRows(3, '2025-W04', {
      team,
      agentId: 'victim',
      switchCount: 40,
      csat: 1,
      appsUsed: ['zendesk', 'secret-tool'],
    }),
  );
  return rows;
}

type Figures = {
  n: number;
  effort: { n: number; mean: number | null };
  csat: { n: number; mean: number | null };
  meanSwitches: number | null;
};
const totals = (group: Figures) => ({
  n: group.n,
  switches: (group.meanSwitches ?? 0) * group.n,
  effortN: group.effort.n,
  effortSum: (group.effort.mean ?? 0) * group.effort.n,
  csatN: group.csat.n,
  csatSum: (group.csat.mean ?? 0) * group.csat.n,
});
type Totals = ReturnType<typeof totals>;
const combine = (a: Totals, b: Totals, sign: 1 | -1): Totals =>
  Object.fromEntries(
    Object.keys(a).map((key) => [key, a[key as keyof Totals] + sign * b[key as keyof Totals]]),
  ) as Totals;
const sum = (groups: Figures[]) =>
  groups.map(totals).reduce(
    (a, b) => combine(a, b, 1),
    totals({
      n: 0,
      effort: { n: 0, mean: null },
      csat: { n: 0, mean: null },
      meanSwitches: null,
    }),
  );

/** Every group count in the report is 0 or at least k. */
function expectNoSmallGroup(report: ReportResponse) {
  const counts: number[] = [
    report.n.interactions,
    report.n.effort,
    report.n.csat,
    report.n.effortCsat,
    ...Object.values(report.distributions).map((d) => d.n),
    ...Object.values(report.correlations).map((c) => c.estimate.n),
    ...report.reasons.flatMap((r) => [r.tagged.n, r.untagged.n]),
    ...report.apps.map((a) => a.n),
  ];
  const groups: Figures[] = [
    ...report.weekly,
    ...(report.agents.available ? report.agents.rows : []),
  ];
  for (const group of groups) counts.push(group.n, group.effort.n, group.csat.n);
  for (const count of counts) expect(count === 0 || count >= K, `a group of ${count}`).toBe(true);
}

function expectNothingSmall(difference: Totals) {
  for (const count of [difference.n, difference.effortN, difference.csatN]) {
    expect(count === 0 || Math.abs(count) >= K, `a difference of ${count}`).toBe(true);
  }
  if (difference.n === 0) expect(Math.abs(difference.switches)).toBeLessThan(1e-6);
  if (difference.csatN === 0) expect(Math.abs(difference.csatSum)).toBeLessThan(1e-6);
  if (difference.effortN === 0) expect(Math.abs(difference.effortSum)).toBeLessThan(1e-6);
}

/**
 * Interactions that ended in 2025-W52 (the suite's clock is LATER, 2026-W01), one an hour from
 * `first` (Monday 09:00 by default).
 */
const W52_MONDAY = Date.parse('2025-12-22T09:00:00Z');
const summariesIn2025W52 = (count: number, switchCount: number, first = W52_MONDAY) => {
  const newId = createUuidV7();
  return Array.from({ length: count }, (_, at) => {
    const end = first + at * 3_600_000;
    return {
      id: newId(end),
      type: 'interaction.summary',
      occurredAt: end,
      schemaVersion: 1,
      payload: {
        app: 'zendesk',
        recordType: 'ticket',
        recordHash: randomBytes(32).toString('hex'),
        start: end - 300_000,
        end,
        endReason: 'closed',
        handleMs: 300_000,
        awayMs: 0,
        outsideMs: 0,
        switchCount,
        inAppTabSwitches: 0,
        returns: 0,
        distinctApps: 1,
        appsUsed: ['zendesk'],
      },
    };
  });
};

describe.each(testDatabases())('reports API on $name', (database) => {
  let now = LATER;
  const suite = collectorSuite(database, { now: () => now });

  const report = async (token: string, from: string, to: string) => {
    const response = await send(suite.collector.url, `${API_PATHS.reports}?from=${from}&to=${to}`, {
      token,
    });
    expect(response.status, response.text).toBe(200);
    return reportSchema.parse(response.json);
  };

  it('suppresses small groups in every answer, and differences of answers reveal nothing', async () => {
    const team = uniqueTeam();
    const supervisor = await tokenFor(suite.collector.db, team, 'supervisor');
    const admin = await tokenFor(suite.collector.db, team, 'admin');
    await storeReportRows(suite.collector.db, team, teamWithVictim(team));

    const periods = [
      ['2025-W02', '2025-W04'],
      ['2025-W02', '2025-W03'],
      ['2025-W03', '2025-W04'],
      ['2025-W04', '2025-W04'],
      ['2025-W02', '2025-W02'],
    ] as const;
    const answers = new Map<string, ReportResponse>();
    for (const [from, to] of periods) {
      for (const [role, token] of [
        ['supervisor', supervisor],
        ['admin', admin],
      ] as const) {
        const answer = await report(token, from, to);
        expectNoSmallGroup(answer);
        expect(answer.team).toBe(team);
        expect(JSON.stringify(answer)).not.toContain('secret-tool');
        answers.set(`${role} ${from} ${to}`, answer);
      }
    }
    const whole = answers.get('supervisor 2025-W02 2025-W04')!;
    expect(whole.leftOut.any).toBe(true);
    if (!whole.agents.available) throw new Error('a supervisor should see agents');
    // The victim's W04 cell (3 interactions) is in no answer: team minus the other agents is
    // exactly the victim's shown row, which has only its two kept weeks.
    const victim = whole.agents.rows.find((row) => row.agentId === 'victim')!;
    expect(victim.n).toBe(12);
    expect(victim.effort.n).toBe(0);
    const others = sum(whole.agents.rows.filter((row) => row.agentId !== 'victim'));
    const derived = combine(sum(whole.weekly), others, -1);
    expect(derived).toEqual(totals(victim));
    expect(whole.n.interactions).toBe(5 * 3 * 8 + 12);

    // Overlapping periods: W02–W04 minus W02–W03 is W04's kept figures, never the small cell.
    const earlier = answers.get('supervisor 2025-W02 2025-W03')!;
    const difference = combine(sum(whole.weekly), sum(earlier.weekly), -1);
    expectNothingSmall(difference);
    expect(difference.n).toBe(40);
    // Every pair of answers, team totals and per-agent rows alike.
    const all = [...answers.values()];
    for (const a of all) {
      for (const b of all) {
        expectNothingSmall(combine(sum(a.weekly), sum(b.weekly), -1));
        expect(
          a.n.interactions - b.n.interactions === 0 ||
            Math.abs(a.n.interactions - b.n.interactions) >= K,
        ).toBe(true);
      }
    }
    // Admins see no agents; anonymous mode shows none to anyone.
    expect(answers.get('admin 2025-W02 2025-W04')!.agents).toEqual({
      available: false,
      reason: 'supervisors-only',
    });
  });

  it('reports a week under the minimum group size in force when it ended: raising it later isolates no one', async () => {
    const team = uniqueTeam();
    const supervisor = await tokenFor(suite.collector.db, team, 'supervisor');
    // Six agents with 8 interactions in W02, and one with exactly 5: kept under 5, not under 6.
    const rows = ['a', 'b', 'c', 'd', 'e', 'f'].flatMap((agentId) =>
      makeRows(8, '2025-W02', { team, agentId }),
    );
    rows.push(...makeRows(5, '2025-W02', { team, agentId: 'five', switchCount: 31 }));
    await storeReportRows(suite.collector.db, team, rows);

    const before = await report(supervisor, '2025-W02', '2025-W02');
    expect(before.n.interactions).toBe(53);
    const raised = await send(suite.collector.url, API_PATHS.policy, {
      method: 'PUT',
      token: supervisor,
      body: { policy: { minGroupSize: 6 } },
    });
    expect(raised.status, raised.text).toBe(200);
    const after = await report(supervisor, '2025-W02', '2025-W02');
    // Under 6, "before minus after" would have been the one agent's week: 5 interactions,
    // 31 switches each, in anonymous mode too.
    expect(after.weekly).toEqual(before.weekly);
    expect(after.minGroupSizeByWeek).toEqual([5]);
    expect(after.minGroupSize).toBe(5);
  });

  it('a change of identity mode makes no agent two people: three agents either side of it show no week', async () => {
    const team = uniqueTeam();
    const supervisor = await tokenFor(suite.collector.db, team, 'supervisor');
    // Three agents work the week of the change (2026-W01, the collector's now) under their
    // pseudonyms, then under the agent ids the supervisor's switch to identified mode brings.
    const rows = ['a', 'b', 'c'].flatMap((agent) => [
      ...makeRows(8, '2026-W01', { team, agentId: `pseudonym-${agent}` }),
      ...makeRows(8, '2026-W01', { team, agentId: `agent-${agent}` }),
    ]);
    await storeReportRows(suite.collector.db, team, rows);
    const switched = await send(suite.collector.url, API_PATHS.policy, {
      method: 'PUT',
      token: supervisor,
      body: { policy: { identityMode: 'identified' } },
    });
    expect(switched.status, switched.text).toBe(200);

    now = LATER + 14 * 86_400_000; // two weeks on: W01 and W02 have ended
    try {
      const weeks = await report(supervisor, '2026-W01', '2026-W01');
      // Six keys, three people: under k = 5 the week showed 48 interactions of three agents.
      expect(weeks.minGroupSizeByWeek).toEqual([2 * K]);
      expect(weeks.n.interactions).toBe(0);
      expectNoSmallGroup(weeks);
    } finally {
      now = LATER;
    }
  });

  it('a change of identity mode in the browsers’ managed policy makes no agent two people: seen in their enrolments', async () => {
    const team = uniqueTeam();
    const supervisor = await tokenFor(suite.collector.db, team, 'supervisor');
    await suite.collector.db.ensureTeam(team);
    const enrol = (request: Parameters<typeof enrolInstall>[1]['request'], at: string) =>
      enrolInstall(suite.collector.db, {
        team,
        enrolmentTokenName: 'test enrolment',
        request,
        at: new Date(at),
      });
    // Three agents' browsers, pseudonymous since December. On 2025-W52's Wednesday the admin's
    // managed policy sets identified mode and locks it (docs/admin.md); each browser enrols again
    // under its agent id. The team policy, and so its audit, never changes.
    for (const agent of ['ana', 'ben', 'cleo']) {
      const installId = randomUUID();
      const before = await enrol({ installId, identityMode: 'pseudonymous' }, '2025-12-01');
      // Enrolling again in the same mode (a new enrolment token, say) changes no one's key.
      const again = await enrol({ installId, identityMode: 'pseudonymous' }, '2025-12-15');
      expect(again.agentId).toBe(before.agentId);
      const monday = await ingest(
        suite.collector.url,
        again.credential,
        summariesIn2025W52(8, 2),
        again.agentId,
      );
      expect(monday.status, monday.text).toBe(200);
      const after = await enrol(
        { installId, identityMode: 'identified', agentId: agent },
        '2025-12-24T08:00:00Z',
      );
      const thursday = Date.parse('2025-12-25T09:00:00Z');
      const sent = await ingest(
        suite.collector.url,
        after.credential,
        summariesIn2025W52(8, 2, thursday),
        agent,
      );
      expect(sent.status, sent.text).toBe(200);
    }
    expect(await suite.collector.db.listIdentityChanges(team)).toHaveLength(3);

    const week = await report(supervisor, '2025-W52', '2025-W52');
    // Six keys, three people: under k = 5 the week showed 48 interactions of three agents.
    expect(week.minGroupSizeByWeek).toEqual([2 * K]);
    expect(week.n.interactions).toBe(0);
    expectNoSmallGroup(week);
  });

  describe('one install enrolled again and again with the enrolment token', () => {
    // Every managed browser's policy holds the enrolment token. Five agents worked 2025-W52, 8
    // interactions each: under k = 5 the week shows 40. An insider enrols one install id again
    // and again during the week; before, every enrolment under another agent id or mode counted
    // as a change of identity, and each raised the week's minimum by another k.
    const fiveAgentsWorkedW52 = async (team: string) => {
      for (const agentId of ['ana', 'ben', 'cleo', 'dev', 'eli']) {
        const credential = await installCredentialFor(
          suite.collector.db,
          team,
          agentId,
          new Date('2025-12-01'),
        );
        const sent = await ingest(
          suite.collector.url,
          credential,
          summariesIn2025W52(8, 2),
          agentId,
        );
        expect(sent.status, sent.text).toBe(200);
      }
    };
    const enrolAgainAndAgain = async (
      team: string,
      requests: readonly Parameters<typeof enrolInstall>[1]['request'][],
    ) => {
      for (const [i, request] of requests.entries()) {
        // The first on 2025-12-01, the others one an hour from W52's Tuesday 08:00.
        const at =
          i === 0
            ? new Date('2025-12-01')
            : new Date(Date.parse('2025-12-23T08:00:00Z') + i * 3_600_000);
        await enrolInstall(suite.collector.db, {
          team,
          enrolmentTokenName: 'test enrolment',
          request,
          at,
        });
      }
    };
    const switching = (installId: string, modes: readonly ('pseudonymous' | 'anonymous')[]) =>
      modes.map((identityMode) => ({ installId, identityMode }));
    /** Pseudonymous, then ten switches: anonymous, pseudonymous, anonymous… */
    const tenSwitches = (installId: string) =>
      switching(
        installId,
        Array.from({ length: 11 }, (_, i) => (i % 2 === 0 ? 'pseudonymous' : 'anonymous')),
      );

    it('under other agent ids in the same mode changes no one’s key: the week keeps k and its figures', async () => {
      const team = uniqueTeam();
      const supervisor = await tokenFor(suite.collector.db, team, 'supervisor');
      await fiveAgentsWorkedW52(team);
      const installId = randomUUID();
      await enrolAgainAndAgain(
        team,
        ['x0', 'x1', 'x2', 'x3'].map((agentId) => ({
          installId,
          identityMode: 'identified' as const,
          agentId,
        })),
      );
      expect(await suite.collector.db.listIdentityChanges(team)).toEqual([]);
      const week = await report(supervisor, '2025-W52', '2025-W52');
      // Before: three changes, k = 20, and the week showed nothing.
      expect(week.minGroupSizeByWeek).toEqual([K]);
      expect(week.n.interactions).toBe(40);
      expectNoSmallGroup(week);
    });

    it('switching modes back and forth ten times adds one key per mode it used, no more', async () => {
      const team = uniqueTeam();
      const supervisor = await tokenFor(suite.collector.db, team, 'supervisor');
      await fiveAgentsWorkedW52(team);
      await enrolAgainAndAgain(team, tenSwitches(randomUUID()));
      expect(await suite.collector.db.listIdentityChanges(team)).toHaveLength(10);
      // Before: k × 11 = 55. Two modes, two keys: 10, and five agents are not enough.
      const week = await report(supervisor, '2025-W52', '2025-W52');
      expect(week.minGroupSizeByWeek).toEqual([2 * K]);
      expect(week.n.interactions).toBe(0);
      // Through all three modes: three keys, the most an install can have.
      const other = uniqueTeam();
      const otherSupervisor = await tokenFor(suite.collector.db, other, 'supervisor');
      const installId = randomUUID();
      await enrolAgainAndAgain(other, [
        ...tenSwitches(installId),
        { installId, identityMode: 'identified', agentId: 'x' },
        { installId, identityMode: 'pseudonymous' },
        { installId, identityMode: 'identified', agentId: 'x' },
      ]);
      const three = await report(otherSupervisor, '2025-W52', '2025-W52');
      expect(three.minGroupSizeByWeek).toEqual([3 * K]);
    });

    it('from an install the admin revoked, changes nothing: the week keeps k and its figures', async () => {
      const team = uniqueTeam();
      const supervisor = await tokenFor(suite.collector.db, team, 'supervisor');
      await fiveAgentsWorkedW52(team);
      const installId = randomUUID();
      await enrolAgainAndAgain(team, tenSwitches(installId));
      const active = (await suite.collector.db.listInstalls(team)).find(
        (install) => install.installId === installId && install.revokedAt === null,
      );
      expect(
        await suite.collector.db.revokeInstall(team, active!.id, 'Ida', new Date('2025-12-28')),
      ).not.toBeNull();
      // Enrolling the revoked install id again does not bring its changes back.
      await enrolInstall(suite.collector.db, {
        team,
        enrolmentTokenName: 'test enrolment',
        request: { installId, identityMode: 'anonymous' },
        at: new Date('2025-12-28T12:00:00Z'),
      });
      expect(await suite.collector.db.listIdentityChanges(team)).toEqual([]);
      const week = await report(supervisor, '2025-W52', '2025-W52');
      // Before: k × 11 = 55, and the week showed nothing.
      expect(week.minGroupSizeByWeek).toEqual([K]);
      expect(week.n.interactions).toBe(40);
      expectNoSmallGroup(week);
    });
  });

  it('agent rows beside a browser without an id: the week minus the agents isolates no one (rule 4)', async () => {
    const team = uniqueTeam();
    const supervisor = await tokenFor(suite.collector.db, team, 'supervisor');
    const admin = await tokenFor(suite.collector.db, team, 'admin');
    const enrolled = new Date('2025-12-01');
    // Five agents with their ids, and one colleague whose browser the admin made anonymous (a
    // works-council member, by a per-user managed policy): 8 interactions each in 2025-W52.
    for (const agentId of ['ana', 'ben', 'cleo', 'dev', 'eli']) {
      const credential = await installCredentialFor(suite.collector.db, team, agentId, enrolled);
      const sent = await ingest(suite.collector.url, credential, summariesIn2025W52(8, 2), agentId);
      expect(sent.status, sent.text).toBe(200);
    }
    const member = await installCredentialFor(suite.collector.db, team, null, enrolled);
    const sent = await ingest(suite.collector.url, member, summariesIn2025W52(8, 29), null);
    expect(sent.status, sent.text).toBe(200);

    const week = await report(supervisor, '2025-W52', '2025-W52');
    expect(week.n.interactions).toBe(48);
    if (!week.agents.available) throw new Error('a supervisor should see agents');
    // The week minus the five agent rows was the member's week: 8 interactions, 29 switches each.
    // Now the agent rows leave the week out: what remains is the whole week, six people.
    const remainder = combine(sum(week.weekly), sum(week.agents.rows), -1);
    expect(remainder).toEqual(sum(week.weekly));
    expect(week.agents.rows).toEqual([]);
    // The week's figures stay, as an admin (who sees no agents) reads them.
    expect(week.weekly).toEqual((await report(admin, '2025-W52', '2025-W52')).weekly);
  });

  it("refuses switch counts beyond the interaction's length, event by event: the team's mean switches stays", async () => {
    const team = uniqueTeam();
    const supervisor = await tokenFor(suite.collector.db, team, 'supervisor');
    const enrolled = new Date('2025-12-01');
    for (const agentId of ['ana', 'ben', 'cleo', 'dev', 'eli']) {
      const credential = await installCredentialFor(suite.collector.db, team, agentId, enrolled);
      const sent = await ingest(suite.collector.url, credential, summariesIn2025W52(8, 2), agentId);
      expect(sent.status, sent.text).toBe(200);
    }
    // One install sends its honest 8 interactions and, among them, 5 of a minute each with
    // 50,000 switches (within the flat bound of a day-long interaction).
    const forger = await installCredentialFor(suite.collector.db, team, 'fay', enrolled);
    const honest = summariesIn2025W52(8, 2);
    const forged = summariesIn2025W52(5, 50_000, Date.parse('2025-12-23T09:30:00Z')).map(
      (event) => ({
        ...event,
        payload: { ...event.payload, start: event.payload.end - 60_000, handleMs: 60_000 },
      }),
    );
    const response = await ingest(suite.collector.url, forger, [...forged, ...honest], 'fay');
    expect(response.status).toBe(422);
    const body = ingestResponseSchema.parse(response.json);
    expect(body).toMatchObject({ stored: 8, rejected: 5 });
    for (const result of body.results.slice(0, 5)) {
      expect(result).toMatchObject({ status: 'rejected' });
      expect(result.reason).toBe(
        "payload.switchCount: switchCount 50000 is more than one per 100 ms of the interaction's 60000 ms (at most 610)",
      );
    }
    expect(body.results.slice(5).every((result) => result.status === 'stored')).toBe(true);

    const week = await report(supervisor, '2025-W52', '2025-W52');
    expect(week.n.interactions).toBe(48);
    expect(week.overall.meanSwitches).toBe(2);
  });

  describe('people invented with the enrolment token', () => {
    // The enrolment token sits in every managed browser's policy. The suite's clock is LATER
    // (2026-W01): week 2025-W52 has ended, and only ana worked it, 8 interactions.
    const send8 = async (credential: string, agentId: string | null, switchCount: number) => {
      const sent = await ingest(
        suite.collector.url,
        credential,
        summariesIn2025W52(8, switchCount),
        agentId,
      );
      expect(sent.status, sent.text).toBe(200);
    };
    const anaWorkedW52Alone = async (team: string) => {
      const ana = await installCredentialFor(
        suite.collector.db,
        team,
        'ana',
        new Date('2025-12-01'),
      );
      await send8(ana, 'ana', 17);
    };

    it.each(['identified', 'anonymous'] as const)(
      'cannot lift a week that has ended over the minimum group size (%s installs)',
      async (identityMode) => {
        const team = uniqueTeam();
        const supervisor = await tokenFor(suite.collector.db, team, 'supervisor');
        const enrolment = await tokenFor(suite.collector.db, team, 'agent');
        await anaWorkedW52Alone(team);
        // After the week: four invented agents, enrolled now, each sending 8 interactions dated in
        // it with 0 switches. Counted, the week would show 5 people, and its switches minus theirs
        // would be ana's: 8 interactions with 17 switches each.
        for (const fake of ['fake-1', 'fake-2', 'fake-3', 'fake-4']) {
          const enrolled = await send(suite.collector.url, API_PATHS.enrol, {
            token: enrolment,
            body: {
              installId: randomUUID(),
              identityMode,
              ...(identityMode === 'identified' && { agentId: fake }),
            },
          });
          expect(enrolled.status, enrolled.text).toBe(201);
          const { credential, agentId } = enrolResponseSchema.parse(enrolled.json);
          await send8(credential, agentId, 0);
        }
        const week = await report(supervisor, '2025-W52', '2025-W52');
        expect(week.n.interactions).toBe(0);
        expect(week.weekly[0]?.n ?? 0).toBe(0);
        expectNoSmallGroup(week);
      },
    );

    it('counts a browser enrolled during the week, with what it recorded before its first sync', async () => {
      const team = uniqueTeam();
      const supervisor = await tokenFor(suite.collector.db, team, 'supervisor');
      await anaWorkedW52Alone(team);
      // Four new colleagues whose browsers first synced on the week's Wednesday: their Monday
      // interactions were recorded before that, and count.
      for (const colleague of ['ben', 'cleo', 'dev', 'eli']) {
        const wednesday = new Date('2025-12-24T12:00:00Z');
        const credential = await installCredentialFor(
          suite.collector.db,
          team,
          colleague,
          wednesday,
        );
        await send8(credential, colleague, 2);
      }
      const week = await report(supervisor, '2025-W52', '2025-W52');
      expect(week.n.interactions).toBe(40);
      expectNoSmallGroup(week);
    });
  });

  it('a week’s CSAT minus its reasons’ or effort bands’ isolates no one, in JSON and CSV (rule 3)', async () => {
    const team = uniqueTeam();
    const admin = await tokenFor(suite.collector.db, team, 'admin');
    // Each rated record its own: the database keys a rating by the hash's first 48 bits.
    let record = 0;
    const own = () => ({ recordHash: (++record).toString(16).padStart(12, '0').padEnd(64, 'e') });
    const rows = ['agent-a', 'agent-b', 'agent-c', 'agent-d', 'agent-e'].flatMap((agentId) =>
      makeRows(8, '2025-W02', { team, agentId }, (i) => ({
        ...own(),
        effortScore: 1 + (i % 5),
        effortScale: '1-5',
        csat: 1 + ((i * 3) % 5),
        reasons: i % 2 === 0 ? ['too-many-tools'] : [],
      })),
    );
    rows.push(
      ...makeRows(6, '2025-W02', { team, agentId: 'victim', csat: 1 }, (i) => ({
        ...own(),
        effortScore: i < 2 ? 1 : null,
        effortScale: i < 2 ? '1-5' : null,
      })),
    );
    await storeReportRows(suite.collector.db, team, rows);
    // W02: five agents answered the prompt on each of their 40 rated interactions; the victim has
    // 6 ratings (kept) and 2 answers (not). The week's 46 ratings minus the reasons' or effort
    // bands' 40 were the victim's 6, all CSAT 1, to an admin who sees no agents.
    const week = await report(admin, '2025-W02', '2025-W02');
    expect(week.weekly[0]!.csat.n).toBe(46);
    expect(week.reasons).toEqual([]);
    expect(week.correlations.effort.bands.map((band) => band.n)).toEqual([0, 0, 0]);
    const csv = async (table: string) =>
      (
        await send(
          suite.collector.url,
          `${API_PATHS.reportsCsv}?table=${table}&from=2025-W02&to=2025-W02`,
          { token: admin },
        )
      ).text
        .trimEnd()
        .split('\r\n');
    expect(await csv('reasons')).toHaveLength(1);
    expect((await csv('weekly'))[1]).toMatch(
      /^2025-W02,2025-01-06,2025-01-12,46,[^,]*,[^,]*,[^,]*,40,[^,]*,46,/,
    );
  });

  it('exports every table as CSV from the suppressed report, agents only where allowed', async () => {
    const team = uniqueTeam();
    const supervisor = await tokenFor(suite.collector.db, team, 'supervisor');
    await storeReportRows(suite.collector.db, team, teamWithVictim(team));
    for (const table of REPORT_CSV_TABLES) {
      const response = await send(
        suite.collector.url,
        `${API_PATHS.reportsCsv}?table=${table}&from=2025-W02&to=2025-W04`,
        { token: supervisor },
      );
      expect(response.status, `${table}: ${response.text}`).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/csv/);
      const [header, ...lines] = response.text.trimEnd().split('\r\n');
      // n in every table, under the name of what it counts.
      expect(header).toMatch(/(^|,)(n|interactions|ratings|tagged_interactions)(,|$)/);
      expect(lines.length).toBeGreaterThan(0);
      expect(response.text).not.toContain('secret-tool');
    }
    const agents = await send(
      suite.collector.url,
      `${API_PATHS.reportsCsv}?table=agents&from=2025-W02&to=2025-W04`,
      { token: supervisor },
    );
    expect(agents.text).toContain('victim,12,');

    const put = await send(suite.collector.url, API_PATHS.policy, {
      method: 'PUT',
      token: supervisor,
      body: { policy: { identityMode: 'anonymous' } },
    });
    expect(put.status).toBe(200);
    const anonymous = await report(supervisor, '2025-W02', '2025-W04');
    expect(anonymous.agents).toEqual({ available: false, reason: 'anonymous-mode' });
    const refused = await send(
      suite.collector.url,
      `${API_PATHS.reportsCsv}?table=agents&from=2025-W02&to=2025-W04`,
      { token: supervisor },
    );
    expect(refused.status).toBe(403);
  });

  it('filters by record app and, where agents may be shown, by agent (issue #14, item 6)', async () => {
    const team = uniqueTeam();
    const supervisor = await tokenFor(suite.collector.db, team, 'supervisor');
    const admin = await tokenFor(suite.collector.db, team, 'admin');
    // Each rated record its own: the database keys a rating by the hash's first 48 bits.
    let record = 0;
    const own = () => ({ recordHash: (++record).toString(16).padStart(12, '0').padEnd(64, 'f') });
    const rows = ['agent-a', 'agent-b', 'agent-c', 'agent-d', 'agent-e'].flatMap((agentId) =>
      WEEKS.flatMap((week) => [
        ...makeRows(6, week, { team, agentId, app: 'zendesk', switchCount: 2, csat: 5 }, own),
        ...makeRows(7, week, { team, agentId, app: 'salesforce', switchCount: 9, csat: 2 }, own),
      ]),
    );
    await storeReportRows(suite.collector.db, team, rows);
    const get = (query: string, token = supervisor) =>
      send(suite.collector.url, `${API_PATHS.reports}?from=2025-W02&to=2025-W04&${query}`, {
        token,
      });

    const whole = reportSchema.parse((await get('')).json);
    expect(whole.choices).toEqual({
      apps: ['salesforce', 'zendesk'],
      agents: ['agent-a', 'agent-b', 'agent-c', 'agent-d', 'agent-e'],
    });
    expect(whole.overall.n).toBe(whole.n.interactions);
    expect(whole.overall.meanSwitches).toBeCloseTo((6 * 2 + 7 * 9) / 13, 10);

    const salesforce = reportSchema.parse((await get('app=salesforce')).json);
    expect(salesforce.filter).toEqual({ app: 'salesforce', agent: null });
    expect(salesforce.n.interactions).toBe(5 * 3 * 7);
    expect(salesforce.overall.meanSwitches).toBe(9);
    expect(salesforce.overall.csat.mean).toBe(2);
    // The choices stay those of the whole period, so the filter can be changed back.
    expect(salesforce.choices).toEqual(whole.choices);

    // One agent: their row, widened to every section; nothing that needs k people on its own.
    const one = reportSchema.parse((await get('agent=agent-c')).json);
    expect(one.filter).toEqual({ app: null, agent: 'agent-c' });
    expect(one.n.interactions).toBe(39);
    expect(one.agents).toMatchObject({ available: true, rows: [{ agentId: 'agent-c', n: 39 }] });
    expect(one.apps).toEqual([]);

    expect((await get('app=Not an app')).status).toBe(400);
    expect((await get('agent=agent-c', admin)).status).toBe(403);
    const put = await send(suite.collector.url, API_PATHS.policy, {
      method: 'PUT',
      token: supervisor,
      body: { policy: { identityMode: 'anonymous' } },
    });
    expect(put.status).toBe(200);
    const anonymous = await get('agent=agent-c');
    expect(anonymous.status).toBe(403);
    expect(anonymous.text).toContain('anonymous mode');
    expect(reportSchema.parse((await get('')).json).choices.agents).toBeNull();
  });

  it('refuses agents and malformed periods', async () => {
    const team = uniqueTeam();
    const agent = await tokenFor(suite.collector.db, team, 'agent');
    const supervisor = await tokenFor(suite.collector.db, team, 'supervisor');
    expect(
      (
        await send(suite.collector.url, `${API_PATHS.reports}?from=2025-W02&to=2025-W04`, {
          token: agent,
        })
      ).status,
    ).toBe(403);
    for (const query of [
      'from=2025-W02',
      'from=2025-W05&to=2025-W02',
      'from=2025-W99&to=2025-W99',
      'from=2020-W01&to=2025-W01',
      'from=x&to=y',
    ]) {
      const response = await send(suite.collector.url, `${API_PATHS.reports}?${query}`, {
        token: supervisor,
      });
      expect(response.status, query).toBe(400);
    }
    const table = await send(
      suite.collector.url,
      `${API_PATHS.reportsCsv}?table=secrets&from=2025-W02&to=2025-W04`,
      { token: supervisor },
    );
    expect(table.status).toBe(400);
  });

  it('finds the planted effect in demo data sent through the ingest path', async () => {
    const team = uniqueTeam();
    const supervisor = await tokenFor(suite.collector.db, team, 'supervisor');
    const seeded = await seedDemoData(suite.collector.db, {
      seed: 5,
      interactions: 3000,
      team,
      weeks: 4,
      now: LATER,
    });
    expect(seeded.events).toBe(6000);
    // Seeding again adds nothing.
    expect(
      (
        await seedDemoData(suite.collector.db, {
          seed: 5,
          interactions: 3000,
          team,
          weeks: 4,
          now: LATER,
        })
      ).events,
    ).toBe(0);
    const answer = await report(supervisor, '2025-W49', '2025-W52');
    expect(answer.n.interactions).toBe(3000);
    expect(answer.n.csat).toBe(seeded.cxScores);
    const rows = generateDemoData({
      seed: 5,
      interactions: 3000,
      teams: 1,
      agentsPerTeam: 8,
      weeks: 4,
      fromWeek: '2025-W49',
    });
    expect(answer.n.effort).toBe(rows.filter((row) => row.effortScore !== null).length);
    expect(answer.correlations.switches.reading).toMatchObject({
      kind: 'association',
      direction: 'negative',
    });
    expect(answer.correlations.effort.reading).toMatchObject({
      kind: 'association',
      direction: 'positive',
    });
  }, 60_000);
});
