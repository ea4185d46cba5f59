// ISO week labels for the period picker (issue #7). The same arithmetic as the collector's
// server/src/reports/iso-week.ts, which the extension does not import.

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
/** 1970-01-05, the first Monday after the Unix epoch. */
const FIRST_MONDAY_MS = 4 * DAY_MS;

/** Weeks since Monday 1970-01-05 (UTC) of the week `ms` falls in. */
export const isoWeekIndex = (ms: number) => Math.floor((ms - FIRST_MONDAY_MS) / WEEK_MS);

/** `2026-W07`: the ISO year is the year of the week's Thursday. */
export function isoWeekLabel(index: number): string {
  const thursday = new Date(FIRST_MONDAY_MS + index * WEEK_MS + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / WEEK_MS) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

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
