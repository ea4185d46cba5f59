import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDENTITY_MODES } from '../../lib/sync/collector-api';
import { storeReportRows } from '../src/demo-data-seed';
import { buildReport, type Report } from '../src/reports/build-report';
import {
  buildReportFromAggregates,
  reportWeekIndexes,
} from '../src/reports/build-report-aggregated';
import { generateDemoData } from '../src/reports/demo-data';
import { isoWeekStart } from '../src/reports/iso-week';
import { agentViewAllowed } from '../src/reports/suppression';
import { LATER, makeRows } from '../src/reports/test-rows';
import { testDatabases, uniqueTeam, type OpenedDatabase } from './helpers';

// GET /v1/reports computes its figures in SQL (report-aggregates-sql.ts); this checks that they
// are buildReport's figures over the same rows, small cells, ties and capped ranks included.

/** Deep equality, numbers within a relative 1e-8: SQL sums in another order than JavaScript. */
function expectClose(actual: unknown, expected: unknown, path = 'report'): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    const scale = Math.max(1, Math.abs(expected));
    expect(Math.abs(actual - expected) / scale, `${path}: ${actual} vs ${expected}`).toBeLessThan(
      1e-9,
    );
    return;
  }
  if (expected && typeof expected === 'object' && actual && typeof actual === 'object') {
    expect(Object.keys(actual).sort(), path).toEqual(Object.keys(expected).sort());
    for (const key of Object.keys(expected)) {
      expectClose(
        (actual as Record<string, unknown>)[key],
        (expected as Record<string, unknown>)[key],
        `${path}.${key}`,
      );
    }
    return;
  }
  expect(actual, path).toEqual(expected);
}

/** The report without the bootstrap's draws, which depend on the order of the cells. */
function comparable(report: Report) {
  const { correlations, ...rest } = report;
  return {
    ...rest,
    correlations: Object.values(correlations).map((c) => ({
      measure: c.measure,
      n: c.estimate.n,
      rho: c.estimate.rho,
      hasCi: c.estimate.ci !== null,
    })),
  };
}

describe.each(testDatabases())('report aggregates in SQL on $name', (database) => {
  let opened: OpenedDatabase;
  beforeAll(async () => {
    opened = await database.open();
  }, 30_000);
  afterAll(async () => {
    await opened?.cleanup();
  });

  it('give the report buildReport gives over the rows, for each identity mode and role', async () => {
    const team = uniqueTeam();
    await opened.db.ensureTeam(team);
    const rows = [
      ...generateDemoData({ seed: 11, interactions: 4000, teams: 1, agentsPerTeam: 40, weeks: 4 }),
      ...makeRows(3, '2025-W03', { agentId: null, csat: 2, effortScore: 2, effortScale: '1-5' }),
      ...makeRows(4, '2025-W04', {
        agentId: 'small',
        reasons: ['policy'],
        csat: 1,
        effortScore: 1,
        effortScale: '1-5',
      }),
    ].map((row) => ({ ...row, team }));
    await storeReportRows(opened.db, team, rows);
    const period = { fromWeek: '2025-W02', toWeek: '2025-W05' };
    const weeks = reportWeekIndexes(period, LATER);
    const stored = await opened.db.loadReportRows(
      team,
      isoWeekStart(weeks[0]!),
      isoWeekStart(weeks[weeks.length - 1]! + 1),
    );
    expect(stored).toHaveLength(rows.length);
    for (const identityMode of IDENTITY_MODES) {
      for (const role of ['supervisor', 'admin'] as const) {
        const options = { period, identityMode, role, seed: 3, resamples: 200 };
        const expected = buildReport(stored, { ...options, now: LATER });
        const aggregates = await opened.db.loadReportAggregates(team, {
          weeks,
          minGroupSize: 5,
          effortScale: '1-5',
          withAgents: agentViewAllowed(identityMode, role),
        });
        const actual = buildReportFromAggregates(team, aggregates, options);
        expectClose(comparable(actual), comparable(expected));
        for (const measure of ['effort', 'switches', 'away', 'handle'] as const) {
          const a = actual.correlations[measure].estimate.ci!;
          const b = expected.correlations[measure].estimate.ci!;
          expect(Math.abs(a.low - b.low)).toBeLessThan(0.03);
          expect(Math.abs(a.high - b.high)).toBeLessThan(0.03);
        }
      }
    }
  }, 60_000);

  it('give an empty report for a period without data', async () => {
    const team = uniqueTeam();
    await opened.db.ensureTeam(team);
    const period = { fromWeek: '2025-W02', toWeek: '2025-W03' };
    const options = {
      period,
      identityMode: 'pseudonymous' as const,
      role: 'supervisor' as const,
      seed: 1,
      resamples: 20,
    };
    const aggregates = await opened.db.loadReportAggregates(team, {
      weeks: reportWeekIndexes(period, LATER),
      minGroupSize: 5,
      effortScale: '1-5',
      withAgents: true,
    });
    expectClose(
      comparable(buildReportFromAggregates(team, aggregates, options)),
      comparable(buildReport([], { ...options, now: LATER })),
    );
  });
});
