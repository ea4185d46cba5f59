import { describe, expect, it } from 'vitest';
import { rankApps } from './rank-apps';
import { toReportColumns } from './report-columns';
import type { ReportRow } from './report-row';
import { keepWeekCells } from './suppression';
import { parseIsoWeek } from '../../../contract/iso-week';
import { asTeam, makeRow, makeRows } from '../../../tests/support/report-rows';

/** The rows as 5 agents' identical work (a team figure needs k people), ranked. */
function rank(rows: ReportRow[], k = 5) {
  const columns = toReportColumns(asTeam(rows));
  const kept = keepWeekCells(columns, { minGroupSize: k, effortScale: '1-5' });
  return rankApps(columns, kept);
}

describe('rankApps', () => {
  it('splits time away equally among the other apps used and ranks apps by the total', () => {
    const rows = [
      ...makeRows(10, '2025-W02', { appsUsed: ['zendesk', 'gmail', 'slack'], awayMs: 120_000 }),
      ...makeRows(10, '2025-W02', { appsUsed: ['zendesk', 'slack'], awayMs: 30_000 }),
    ];
    expect(rank(rows)).toEqual([
      { app: 'slack', n: 100, awayMs: 4_500_000, meanAwayMs: 45_000, share: 0.6 },
      { app: 'gmail', n: 50, awayMs: 3_000_000, meanAwayMs: 60_000, share: 0.4 },
    ]);
  });

  it('gives time away to the record’s own app when no other app was used', () => {
    const rows = makeRows(5, '2025-W02', { app: 'zendesk', appsUsed: ['zendesk'], awayMs: 10_000 });
    expect(rank(rows)).toMatchObject([{ app: 'zendesk', n: 25, awayMs: 250_000 }]);
  });

  it('ignores interactions without time away and app-weeks with fewer than k interactions', () => {
    const rows = [
      ...makeRows(10, '2025-W02', { appsUsed: ['zendesk', 'gmail'], awayMs: 0 }),
      ...makeRows(4, '2025-W02', { appsUsed: ['zendesk', 'jira'], awayMs: 60_000 }),
      ...makeRows(6, '2025-W02', { appsUsed: ['zendesk', 'slack'], awayMs: 60_000 }),
    ];
    // 5 agents × 4 jira interactions are 20, but fewer than k a cell is not the question here:
    // the app-week has 20 ≥ k interactions from 5 people, so only the k = 25 run drops jira.
    expect(rank(rows).map((row) => [row.app, row.n])).toEqual([
      ['slack', 30],
      ['jira', 20],
    ]);
    expect(rank(rows, 21).map((row) => row.app)).toEqual([]);
  });

  it('leaves out an app-week whose time away comes from fewer than k people', () => {
    // Five agents, 10 interactions each; only 4 of them used jira, 20 times in all.
    const rows = [
      ...asTeam(makeRows(10, '2025-W02', { appsUsed: ['zendesk', 'slack'], awayMs: 60_000 })),
      ...asTeam(makeRows(5, '2025-W02', { appsUsed: ['zendesk', 'jira'], awayMs: 60_000 }), 4),
    ];
    const columns = toReportColumns(rows);
    const kept = keepWeekCells(columns, { minGroupSize: 5, effortScale: '1-5' });
    expect(rankApps(columns, kept).map((row) => [row.app, row.n])).toEqual([['slack', 50]]);
  });

  it('answers promptly when one person floods a week with thousands of record apps, and leaves them out', () => {
    // The audit of a report that answered 500: one credential sent an interaction in each of
    // 20,000 new record apps; the tally then took memory per app × app × week of the period.
    const team = asTeam(makeRows(10, '2025-W02', { appsUsed: ['zendesk', 'slack'] }));
    const flood = Array.from({ length: 20_000 }, (_, i) =>
      makeRow('2025-W02', { agentId: 'rogue', app: `z${i}`, appsUsed: [`z${i}`, 'gmail'] }),
    );
    const eightWeeks = { first: parseIsoWeek('2025-W02') - 7, count: 8 };
    const rankOver = (rows: ReportRow[], rowsUsed?: Uint8Array) => {
      const columns = toReportColumns(rows);
      const options = { minGroupSize: 5, effortScale: '1-5', weeks: eightWeeks } as const;
      return rankApps(columns, keepWeekCells(columns, options), rowsUsed);
    };

    const rowsUsed = new Uint8Array(team.length + flood.length);
    const ranked = rankOver([...team, ...flood], rowsUsed);

    expect(ranked).toEqual(rankOver(team));
    expect(ranked.map((row) => [row.app, row.n])).toEqual([['slack', 50]]);
    expect(rowsUsed.indexOf(1, team.length)).toBe(-1);
    expect(rowsUsed.subarray(0, team.length).every((used) => used === 1)).toBe(true);
  }, 5_000);
});
