import { groupFigures, type CellTotals, type GroupFigures } from './group-figures';
import { isoWeekLabel } from '../../../contract/iso-week';
import type { KeptRows } from './suppression';

// Trends by ISO week (issue #7). Weeks are whole cells of the suppression rule, so a week shows
// n ≥ k or n = 0 for each measure.

export type WeekRow = { week: string } & GroupFigures;

/** One row per week of the report, in order, empty weeks included with n = 0. */
export function weeklyTrend(kept: KeptRows, totals: CellTotals): WeekRow[] {
  const weekOfCell = Int32Array.from(kept.keptIn, (_, cell) => cell % kept.weekCount);
  return groupFigures(totals, weekOfCell, kept.weekCount).map((figures, offset) => ({
    week: isoWeekLabel(kept.firstWeek + offset),
    ...figures,
  }));
}
