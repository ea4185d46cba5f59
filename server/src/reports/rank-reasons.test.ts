import { describe, expect, it } from 'vitest';
import { rankReasons } from './rank-reasons';
import { toReportColumns } from './report-columns';
import type { ReportRow } from './report-row';
import { keepWeekCells } from './suppression';
import { asTeam, makeRow, makeRows } from '../../../tests/support/report-rows';

const answered = { effortScale: '1-5' as const, effortScore: 2 };

/** The rows as 5 agents' identical work (a team figure needs k people), ranked. */
function rank(rows: ReportRow[], k = 5) {
  const columns = toReportColumns(asTeam(rows));
  const kept = keepWeekCells(columns, { minGroupSize: k, effortScale: '1-5' });
  return rankReasons(columns, kept);
}

describe('rankReasons', () => {
  it('ranks reasons by how much more often low CSAT comes with them, with n per side', () => {
    const rows = [
      // "policy": 8 of 10 low CSAT; "slow-system": 2 of 10; without either: 3 of 20.
      ...makeRows(10, '2025-W02', { ...answered, reasons: ['policy'] }, (i) => ({
        csat: i < 8 ? 1 : 5,
      })),
      ...makeRows(10, '2025-W02', { ...answered, reasons: ['slow-system'] }, (i) => ({
        csat: i < 2 ? 2 : 4,
      })),
      ...makeRows(20, '2025-W02', answered, (i) => ({ csat: i < 3 ? 1 : 5 })),
    ];
    const ranked = rank(rows);
    expect(ranked.map((row) => row.reason)).toEqual(['policy', 'slow-system']);
    const [policy, slow] = ranked;
    expect(policy!.tagged).toEqual({ n: 50, low: 40, share: 0.8, meanCsat: 1.8 });
    expect(policy!.untagged).toEqual({ n: 150, low: 25, share: 5 / 30, meanCsat: 124 / 30 });
    expect(policy!.association).toBe('higher');
    expect(policy!.ci.low).toBeGreaterThan(0);
    expect(slow!.tagged.meanCsat).toBeCloseTo(3.6, 10);
    expect(slow!.untagged).toEqual({ n: 150, low: 55, share: 11 / 30, meanCsat: 106 / 30 });
    // 20 % against 37 % on 50 and 150 answers: clear.
    expect(slow!.association).toBe('lower');
  });

  it('counts only interactions with both an effort answer and a CSAT', () => {
    const rows = [
      ...makeRows(6, '2025-W02', { ...answered, reasons: ['policy'], csat: 1 }),
      ...makeRows(6, '2025-W02', { ...answered, csat: 5 }),
      ...makeRows(30, '2025-W02', { reasons: [], csat: 1 }),
      ...makeRows(30, '2025-W02', { ...answered, reasons: ['policy'], csat: null }),
    ];
    expect(rank(rows)[0]).toMatchObject({ tagged: { n: 30 }, untagged: { n: 30 } });
  });

  it('leaves out a reason-week with fewer than k on either side', () => {
    // Five agents answer 6 times a week. Week 2: 4 of them tag one answer each (4 tagged);
    // week 3: all five do (5 tagged).
    const week = (label: string, taggers: number) =>
      [1, 2, 3, 4, 5].flatMap((agent) =>
        makeRows(6, label, { ...answered, agentId: `agent-${agent}` }, (i) =>
          i === 0 && agent <= taggers ? { reasons: ['policy'], csat: 1 } : { csat: 5 },
        ),
      );
    const columns = toReportColumns([...week('2025-W02', 4), ...week('2025-W03', 5)]);
    const kept = keepWeekCells(columns, { minGroupSize: 5, effortScale: '1-5' });
    // Week 2's 4 tagged answers are in no figure; week 3 counts whole.
    expect(rankReasons(columns, kept)).toMatchObject([
      { reason: 'policy', tagged: { n: 5, low: 5 }, untagged: { n: 25, low: 0 } },
    ]);
  });

  it('leaves out a reason-week whose tagged side comes from fewer than k people', () => {
    // Five agents answer 10 times a week without the reason; 4 of them also tag it 5 times.
    const rows = [
      ...asTeam(makeRows(10, '2025-W02', { ...answered, csat: 5 })),
      ...asTeam(makeRows(5, '2025-W02', { ...answered, reasons: ['policy'], csat: 1 }), 4),
    ];
    const columns = toReportColumns(rows);
    const kept = keepWeekCells(columns, { minGroupSize: 5, effortScale: '1-5' });
    expect(rankReasons(columns, kept)).toEqual([]);
    const five = toReportColumns([
      ...rows,
      ...asTeam(makeRows(5, '2025-W02', { ...answered, reasons: ['policy'], csat: 1 }), 5).slice(
        20,
      ),
    ]);
    const keptFive = keepWeekCells(five, { minGroupSize: 5, effortScale: '1-5' });
    expect(rankReasons(five, keptFive)).toMatchObject([{ reason: 'policy', tagged: { n: 25 } }]);
  });

  it('answers promptly when one person floods a week with new reasons in new record apps, and leaves them out', () => {
    // The audit of a report that answered 500: one credential sent 30,000 interactions, each in
    // a new record app with 10 new reasons; the tally then took memory per reason × cell.
    const team = asTeam(
      makeRows(20, '2025-W02', answered, (i) =>
        i < 8 ? { reasons: ['policy'], csat: i < 6 ? 1 : 5 } : { csat: i < 11 ? 2 : 5 },
      ),
    );
    const flood = Array.from({ length: 30_000 }, (_, i) =>
      makeRow('2025-W02', {
        ...answered,
        agentId: 'rogue',
        app: `z${i}`,
        reasons: Array.from({ length: 10 }, (_, r) => `r${i}-${r}`),
        csat: 1,
      }),
    );
    const rankOver = (rows: ReportRow[]) => {
      const columns = toReportColumns(rows);
      return rankReasons(columns, keepWeekCells(columns, { minGroupSize: 5, effortScale: '1-5' }));
    };

    const ranked = rankOver([...team, ...flood]);

    expect(ranked).toEqual(rankOver(team));
    expect(ranked).toMatchObject([{ reason: 'policy', tagged: { n: 40 }, untagged: { n: 60 } }]);
  }, 5_000);
});
