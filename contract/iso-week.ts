// ISO 8601 weeks in UTC (issue #7). Reports count by whole weeks so that suppression can work on
// fixed week cells (see suppression.ts); a team time zone can come later without changing that.

const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;
/** 1970-01-05, the first Monday after the Unix epoch. */
const FIRST_MONDAY_MS = 4 * DAY_MS;

/** Weeks since the Monday 1970-01-05 (UTC): a sortable number for the week `ms` falls in. */
export function isoWeekIndex(ms: number): number {
  return Math.floor((ms - FIRST_MONDAY_MS) / WEEK_MS);
}

/** Monday 00:00 UTC of week `index`. */
export function isoWeekStart(index: number): number {
  return FIRST_MONDAY_MS + index * WEEK_MS;
}

/** `2025-W03`: the ISO year is the year of the week's Thursday. */
export function isoWeekLabel(index: number): string {
  const thursday = new Date(isoWeekStart(index) + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / WEEK_MS) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Monday and Sunday (UTC, `YYYY-MM-DD`) of week `index`: what a week is labelled with for people
 * ("6–12 Oct"), who do not read "2026-W41" (issue #14).
 */
export function isoWeekDates(index: number): { startDate: string; endDate: string } {
  const monday = isoWeekStart(index);
  return { startDate: isoDate(monday), endDate: isoDate(monday + 6 * DAY_MS) };
}

const LABEL = /^(\d{4})-W(\d{2})$/;

/** The index of a `YYYY-Www` label; throws on a malformed or non-existent week. */
export function parseIsoWeek(label: string): number {
  const match = LABEL.exec(label);
  if (!match) throw new Error(`week must look like 2025-W03, got "${label}"`);
  const year = Number(match[1]);
  const week = Number(match[2]);
  // Week 1 holds 4 January.
  const index = isoWeekIndex(Date.UTC(year, 0, 4)) + week - 1;
  if (week < 1 || isoWeekLabel(index) !== label) throw new Error(`no such ISO week: ${label}`);
  return index;
}

/** The whole ISO weeks that overlap `[fromMs, toMs)`: what a report for that range may cover. */
export function snapToIsoWeeks(fromMs: number, toMs: number) {
  const first = isoWeekIndex(fromMs);
  const last = isoWeekIndex(Math.max(fromMs, toMs - 1));
  return {
    fromWeek: isoWeekLabel(first),
    toWeek: isoWeekLabel(last),
    startMs: isoWeekStart(first),
    endMs: isoWeekStart(last + 1),
  };
}
