import { describe, expect, it } from 'vitest';
import { rankReasons } from './rank-reasons';
import { toReportColumns } from './report-columns';
import type { ReportRow } from './report-row';
import { keepWeekCells } from './suppression';
import { makeRows } from '../../../tests/support/report-rows';

const answered = { effortScale: '1-5' as const, effortScore: 2 };

function rank(rows: ReportRow[], k = 5) {
  const columns = toReportColumns(rows);
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
    expect(policy!.tagged).toEqual({ n: 10, low: 8, share: 0.8 });
    expect(policy!.untagged).toEqual({ n: 30, low: 5, share: 5 / 30 });
    expect(policy!.association).toBe('higher');
    expect(policy!.ci.low).toBeGreaterThan(0);
    expect(slow!.untagged).toEqual({ n: 30, low: 11, share: 11 / 30 });
    expect(slow!.association).toBe('unclear');
  });

  it('counts only interactions with both an effort answer and a CSAT', () => {
    const rows = [
      ...makeRows(6, '2025-W02', { ...answered, reasons: ['policy'], csat: 1 }),
      ...makeRows(6, '2025-W02', { ...answered, csat: 5 }),
      ...makeRows(30, '2025-W02', { reasons: [], csat: 1 }),
      ...makeRows(30, '2025-W02', { ...answered, reasons: ['policy'], csat: null }),
    ];
    expect(rank(rows)[0]).toMatchObject({ tagged: { n: 6 }, untagged: { n: 6 } });
  });

  it('leaves out a reason-week with fewer than k on either side', () => {
    const rows = [
      ...makeRows(4, '2025-W02', { ...answered, reasons: ['policy'], csat: 1 }),
      ...makeRows(20, '2025-W02', { ...answered, csat: 5 }),
      ...makeRows(6, '2025-W03', { ...answered, reasons: ['policy'], csat: 1 }),
      ...makeRows(6, '2025-W03', { ...answered, csat: 5 }),
    ];
    // Week 2's 4 tagged answers are in no figure; week 3 counts whole.
    expect(rank(rows)).toMatchObject([{ reason: 'policy', tagged: { n: 6 }, untagged: { n: 6 } }]);
    expect(rank(rows.slice(0, 24))).toEqual([]);
  });
});
