import { describe, expect, it } from 'vitest';
import { reportSchema, type ReportResponse } from '../../../contract/report';
import { buildReport, type Report } from './build-report';
import { generateDemoData } from '../../../demo/report-data';
import { LATER, makeRows } from '../../../tests/support/report-rows';

// The console validates `GET /v1/reports` with contract/report.ts: a real report must
// parse with it and come back unchanged (no field the schema does not know, none it lacks).

// Compile-time half of the check: a Report is a ReportResponse.
const asResponse = (report: Report): ReportResponse => report;

const expectRoundTrip = (report: Report) => {
  asResponse(report);
  const parsed = reportSchema.safeParse(JSON.parse(JSON.stringify(report)));
  expect(parsed.success, parsed.success ? '' : parsed.error.message).toBe(true);
  expect(parsed.data).toEqual(JSON.parse(JSON.stringify(report)));
};

describe('reportSchema', () => {
  it('parses a full report of generated data unchanged, agent view included', () => {
    const rows = generateDemoData({ seed: 3, interactions: 3000, teams: 1, weeks: 4 });
    const report = buildReport(rows, {
      period: { fromWeek: '2025-W02', toWeek: '2025-W05' },
      now: LATER,
      identityMode: 'pseudonymous',
      role: 'supervisor',
      seed: 1,
      resamples: 100,
    });
    expect(report.agents.available).toBe(true);
    expect(report.reasons.length).toBeGreaterThan(0);
    expectRoundTrip(report);
  });

  it('parses the sparse shapes: no data, too few pairs, no agent view', () => {
    const empty = buildReport([], {
      period: { fromWeek: '2025-W02', toWeek: '2025-W03' },
      now: LATER,
      identityMode: 'anonymous',
      role: 'admin',
      seed: 1,
      resamples: 20,
    });
    expectRoundTrip(empty);
    const few = buildReport(
      makeRows(6, '2025-W02', { csat: 4, effortScore: 3, effortScale: '1-5' }),
      {
        period: { fromWeek: '2025-W02', toWeek: '2025-W02' },
        now: LATER,
        identityMode: 'identified',
        role: 'admin',
        seed: 1,
        resamples: 20,
      },
    );
    expect(few.correlations.effort.reading.kind).toBe('not-enough-data');
    expectRoundTrip(few);
  });
});
