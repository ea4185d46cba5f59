import { isoWeekDates, isoWeekIndex, isoWeekLabel, parseIsoWeek } from '../../../contract/iso-week';

// Weeks the period picker offers (issue #7): only weeks that have ended, so a report never mixes a
// partial week with whole ones.

/** The default period: the last `count` weeks that have ended by `now`. */
export function lastEndedWeeks(now: number, count = 8) {
  const last = isoWeekIndex(now) - 1;
  return { from: isoWeekLabel(last - count + 1), to: isoWeekLabel(last) };
}

/** Ended weeks to choose from, newest first. */
export function endedWeekLabels(now: number, count = 52): string[] {
  const last = isoWeekIndex(now) - 1;
  return Array.from({ length: count }, (_, i) => isoWeekLabel(last - i));
}

/** The period of the same number of weeks just before `period` (issue #14, item 6). */
export function previousPeriod(period: { from: string; to: string }) {
  const from = parseIsoWeek(period.from);
  const length = parseIsoWeek(period.to) - from + 1;
  return { from: isoWeekLabel(from - length), to: isoWeekLabel(from - 1) };
}

/** A week's Monday and Sunday, for labels: "Oct 5 – 11" rather than "2026-W41". */
export const weekDatesOf = (label: string) => isoWeekDates(parseIsoWeek(label));
