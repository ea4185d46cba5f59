import { groupFigures, type GroupFigures } from './group-figures';
import { isoWeekLabel } from './iso-week';
import type { ReportRow } from './report-row';
import type { KeptRows } from './suppression';

// Trends by ISO week (issue #7). Weeks are whole cells of the suppression rule, so a week shows
// n ≥ k or n = 0 for each measure.

export type WeekRow = { week: string } & GroupFigures;

/** One row per week index in `weeks` (ascending), empty weeks included with n = 0. */
export function weeklyTrend(
  rows: readonly ReportRow[],
  kept: KeptRows,
  weeks: readonly number[],
): WeekRow[] {
  const inPeriod = new Set(weeks);
  const figures = groupFigures(
    rows,
    kept,
    (i) => (inPeriod.has(kept.week[i]!) ? kept.week[i]! : null),
    weeks,
  );
  return weeks.map((w) => ({ week: isoWeekLabel(w), ...figures.get(w)! }));
}
