import { groupFigures, type CellTotals, type GroupFigures } from './group-figures';
import { isoWeekDates, isoWeekLabel } from '../../../contract/iso-week';
import { weekOfCell, type KeptRows } from './suppression';

// Trends by ISO week (issues #7, #14). A week is the sum of its kept groups (suppression.ts), so
// it shows, for each measure, figures of ≥ k people each with ≥ k values, or n = 0. Each week
// carries its Monday and Sunday: "2026-W41" alone meant nothing to a supervisor.

export type WeekRow = { week: string; startDate: string; endDate: string } & GroupFigures;

/** Monday and Sunday (UTC, `YYYY-MM-DD`) of the week with index `week`. */
export const weekDates = isoWeekDates;

/** One row per week of the report, in order, empty weeks included with n = 0. */
export function weeklyTrend(kept: KeptRows, totals: CellTotals): WeekRow[] {
  const weekOf = Int32Array.from(kept.keptIn, (_, cell) => weekOfCell(kept, cell));
  return groupFigures(totals, weekOf, kept.weekCount).map((figures, offset) => ({
    week: isoWeekLabel(kept.firstWeek + offset),
    ...weekDates(kept.firstWeek + offset),
    ...figures,
  }));
}
