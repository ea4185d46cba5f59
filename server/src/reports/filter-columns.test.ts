import { describe, expect, it } from 'vitest';
import { buildReport, buildReportFromColumns, type ReportOptions } from './build-report';
import { filterColumns } from './filter-columns';
import { toReportColumns } from './report-columns';
import { isoWeekStart, parseIsoWeek } from '../../../contract/iso-week';
import type { ReportRow } from './report-row';
import { LATER, makeRows } from '../../../tests/support/report-rows';

const options: ReportOptions = {
  period: { fromWeek: '2025-W02', toWeek: '2025-W04' },
  now: LATER,
  identityMode: 'pseudonymous',
  role: 'supervisor',
  seed: 3,
  resamples: 200,
};

/** Six agents over three weeks, two apps, varied measures and answers. */
const rows = ['a', 'b', 'c', 'd', 'e', 'f'].flatMap((agent, p) =>
  ['2025-W02', '2025-W03', '2025-W04'].flatMap((week) =>
    makeRows(14, week, { agentId: `agent-${agent}` }, (i) => ({
      app: i % 3 === 0 ? 'salesforce' : 'zendesk',
      switchCount: (i * 7 + p) % 11,
      handleMs: 60_000 * (1 + ((i * 5 + p) % 20)),
      awayMs: 30_000 * ((i + p) % 9),
      appsUsed: ['zendesk', i % 2 ? 'gmail' : 'slack'],
      effortScale: '1-5',
      effortScore: 1 + ((i + p) % 5),
      reasons: i % 4 === 0 ? ['too-many-tools'] : [],
      csat: i % 5 === 0 ? null : 1 + ((i * 3 + p) % 5),
    })),
  ),
);

const withoutFilterFields = ({
  filter: _f,
  choices: _c,
  ...rest
}: ReturnType<typeof buildReport>) => rest;

describe('report filters', () => {
  it.each(['salesforce', 'zendesk'])(
    'by app: the report of the matching rows alone (%s)',
    (app) => {
      const matching = rows.filter((row) => row.app === app);
      expect(matching.length).toBeGreaterThan(0);
      const filtered = buildReportFromColumns(toReportColumns(rows), {
        ...options,
        filter: { app },
      });
      expect(filtered.filter).toEqual({ app, agent: null });
      expect(withoutFilterFields(filtered)).toEqual(
        withoutFilterFields(buildReport(matching, options)),
      );
    },
  );

  it('by agent: the agent’s row of the whole report, widened to every section', () => {
    const whole = buildReport(rows, options);
    if (!whole.agents.available) throw new Error('a supervisor sees agents');
    const row = whole.agents.rows.find((candidate) => candidate.agentId === 'agent-b')!;
    const one = buildReport(rows, { ...options, filter: { agent: 'agent-b' } });
    expect(one.filter).toEqual({ app: null, agent: 'agent-b' });
    expect(one.agents).toEqual({ available: true, rows: [row] });
    const { agentId: _id, ...figures } = row;
    expect(one.overall).toEqual(figures);
    expect(one.n.interactions).toBe(row.n);
    expect(one.n.agents).toBe(1);
    expect(one.distributions.switches.n).toBe(row.n);
    // One person: nothing that needs k people on its own.
    expect(one.reasons).toEqual([]);
    expect(one.apps).toEqual([]);
    expect(one.correlations.switches.reading.kind).toBe('not-enough-data');
  });

  it('by agent: says what was left out of the team, never of the agent', () => {
    // Agent b worked W03 too little for a cell (3 interactions): no figure shows that week.
    const w03 = isoWeekStart(parseIsoWeek('2025-W03'));
    const inW03 = (row: ReportRow) =>
      row.occurredAt >= w03 && row.occurredAt < w03 + 7 * 86_400_000;
    const withSmallWeek = [
      ...rows.filter((row) => !(row.agentId === 'agent-b' && inW03(row))),
      ...makeRows(3, '2025-W03', { agentId: 'agent-b', app: 'zendesk', switchCount: 4 }),
    ];
    const whole = buildReport(withSmallWeek, options);
    const week = { ...options, period: { fromWeek: '2025-W03', toWeek: '2025-W03' } };
    const of = (agent: string) =>
      buildReport(withSmallWeek, { ...week, filter: { agent } }).leftOut;
    // Alone in the filter, b's held-back week would read as "all of it left out"; another
    // agent's as "nothing". Both read as the team's.
    expect(of('agent-b')).toEqual(of('agent-c'));
    expect(of('agent-b')).toEqual(buildReport(withSmallWeek, week).leftOut);
    expect(of('agent-b').distributions.interactions).toBeGreaterThan(0);
    const periodOfB = buildReport(withSmallWeek, { ...options, filter: { agent: 'agent-b' } });
    expect(periodOfB.leftOut).toEqual(whole.leftOut);
    expect(periodOfB.correlations.switches.bandsLeftOut).toEqual(
      whole.correlations.switches.leftOut,
    );
  });

  it('by app and agent: the agent’s kept cells within the app’s report', () => {
    const appOnly = buildReport(rows, { ...options, filter: { app: 'zendesk' } });
    const both = buildReport(rows, { ...options, filter: { app: 'zendesk', agent: 'agent-d' } });
    if (!appOnly.agents.available) throw new Error('a supervisor sees agents');
    expect(both.agents).toEqual({
      available: true,
      rows: appOnly.agents.rows.filter((row) => row.agentId === 'agent-d'),
    });
  });

  it('keeps every row without an app filter, and none for an app or agent the period lacks', () => {
    const columns = toReportColumns(rows);
    expect(filterColumns(columns, {})).toBe(columns);
    expect(filterColumns(columns, { app: 'freshdesk' }).length).toBe(0);
    expect(buildReport(rows, { ...options, filter: { agent: 'agent-z' } }).n.interactions).toBe(0);
  });

  it('offers the period’s apps and agents, and refuses an agent filter where agents are hidden', () => {
    const report = buildReport(rows, { ...options, filter: { app: 'salesforce' } });
    expect(report.choices.apps).toEqual(['salesforce', 'zendesk']);
    expect(report.choices.agents).toHaveLength(6);
    expect(buildReport(rows, { ...options, identityMode: 'anonymous' }).choices.agents).toBeNull();
    expect(() =>
      buildReport(rows, { ...options, identityMode: 'anonymous', filter: { agent: 'agent-b' } }),
    ).toThrow(/agent view/);
  });
});
