import { isoWeekStart, parseIsoWeek } from '../../contract/iso-week';
import type { ReportRow } from '../../server/src/reports/report-row';

// Hand-made rows for the report tests.

let counter = 0;

/** One interaction in `week` (Tuesday noon UTC plus `minute` minutes), with overridable figures. */
export function makeRow(week: string, overrides: Partial<ReportRow> = {}): ReportRow {
  counter++;
  return {
    team: 'team-1',
    agentId: 'agent-a',
    recordHash: counter.toString(16).padStart(64, '0'),
    app: 'zendesk',
    occurredAt: isoWeekStart(parseIsoWeek(week)) + 36 * 3_600_000 + (counter % 600) * 60_000,
    handleMs: 300_000,
    awayMs: 60_000,
    switchCount: 3,
    appsUsed: ['zendesk', 'gmail'],
    effortScore: null,
    effortScale: null,
    reasons: [],
    csat: null,
    ...overrides,
  };
}

/** `count` rows made by `makeRow`, the i-th with `vary(i)` applied. */
export function makeRows(
  count: number,
  week: string,
  overrides: Partial<ReportRow> = {},
  vary: (i: number) => Partial<ReportRow> = () => ({}),
): ReportRow[] {
  return Array.from({ length: count }, (_, i) => makeRow(week, { ...overrides, ...vary(i) }));
}

/** A moment after all the weeks the tests use have ended. */
export const LATER = Date.parse('2026-01-01T00:00:00Z');

/**
 * The rows as worked by `people` agents alike: each row once per agent (`agent-1` …), with a
 * record of its own. A team-level figure needs k people (issue #14), so module tests that are
 * about values use a team of k agents doing the same work: every count is `people` times as large.
 */
export function asTeam(rows: readonly ReportRow[], people = 5): ReportRow[] {
  return Array.from({ length: people }, (_, p) =>
    rows.map((row) => ({
      ...row,
      agentId: `agent-${p + 1}`,
      recordHash: `${p + 1}:${row.recordHash}`,
    })),
  ).flat();
}
