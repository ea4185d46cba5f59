import type { QuietHoursRange } from '../../contract/prompt-settings';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

// Quiet hours are local wall-clock times, but the policy must stay a pure function of its inputs:
// it takes the agent's UTC offset *at `now`* (the wiring passes `-new Date(now).getTimezoneOffset()`)
// instead of reading the machine's time zone. An offset at `now` is exact for `now` even across a
// daylight-saving change, which is all a single decision needs.

/** Milliseconds since local midnight at `at`, for a UTC offset in minutes (east positive). */
export function localTimeOfDayMs(at: number, utcOffsetMinutes: number): number {
  const local = at + utcOffsetMinutes * MINUTE_MS;
  return ((local % DAY_MS) + DAY_MS) % DAY_MS;
}

/** `HH:MM` (already validated by the settings schema) as milliseconds since midnight. */
export function parseLocalTimeMs(time: string): number {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  return (hours * 60 + minutes) * MINUTE_MS;
}

/** Whether `[start, end)` holds the local time; a range whose start is after its end wraps midnight. */
export function isInRange(range: QuietHoursRange, timeOfDayMs: number): boolean {
  const start = parseLocalTimeMs(range.start);
  const end = parseLocalTimeMs(range.end);
  if (start < end) return timeOfDayMs >= start && timeOfDayMs < end;
  return timeOfDayMs >= start || timeOfDayMs < end;
}

/** Whether `at` falls in any quiet-hours range, in the agent's local time. */
export function isInQuietHours(
  ranges: readonly QuietHoursRange[],
  at: number,
  utcOffsetMinutes: number,
): boolean {
  const timeOfDay = localTimeOfDayMs(at, utcOffsetMinutes);
  return ranges.some((range) => isInRange(range, timeOfDay));
}
