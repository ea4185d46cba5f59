import { describe, expect, it } from 'vitest';
import { rankApps } from './rank-apps';
import { toReportColumns } from './report-columns';
import type { ReportRow } from './report-row';
import { keepWeekCells } from './suppression';
import { makeRows } from '../../../tests/support/report-rows';

function rank(rows: ReportRow[], k = 5) {
  const columns = toReportColumns(rows);
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
      { app: 'slack', n: 20, awayMs: 900_000, meanAwayMs: 45_000, share: 0.6 },
      { app: 'gmail', n: 10, awayMs: 600_000, meanAwayMs: 60_000, share: 0.4 },
    ]);
  });

  it('gives time away to the record’s own app when no other app was used', () => {
    const rows = makeRows(5, '2025-W02', { app: 'zendesk', appsUsed: ['zendesk'], awayMs: 10_000 });
    expect(rank(rows)).toMatchObject([{ app: 'zendesk', n: 5, awayMs: 50_000 }]);
  });

  it('ignores interactions without time away and app-weeks with fewer than k interactions', () => {
    const rows = [
      ...makeRows(10, '2025-W02', { appsUsed: ['zendesk', 'gmail'], awayMs: 0 }),
      ...makeRows(4, '2025-W02', { appsUsed: ['zendesk', 'jira'], awayMs: 60_000 }),
      ...makeRows(6, '2025-W02', { appsUsed: ['zendesk', 'slack'], awayMs: 60_000 }),
    ];
    expect(rank(rows).map((row) => [row.app, row.n])).toEqual([['slack', 6]]);
  });
});
