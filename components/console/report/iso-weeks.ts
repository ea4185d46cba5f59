import { isoWeekIndex, isoWeekLabel } from '../../../contract/iso-week';

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
