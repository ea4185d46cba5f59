import type { SegmentOutput } from './outputs';

const HOUR_MS = 3_600_000;

/** Focus time of one app within one UTC hour. */
export type HourlyTotal = { hourStart: number; app: string; ms: number };

/**
 * Per-app focus time per UTC hour, splitting segments that cross an hour boundary; sorted by hour,
 * then app. Epoch ms count no leap seconds, so UTC hours are exact multiples of 3,600,000.
 */
export function hourlyTotals(
  segments: readonly Pick<SegmentOutput, 'app' | 'start' | 'end'>[],
): HourlyTotal[] {
  const totals = new Map<string, HourlyTotal>();
  for (const segment of segments) {
    let start = segment.start;
    while (start < segment.end) {
      const hourStart = Math.floor(start / HOUR_MS) * HOUR_MS;
      const end = Math.min(segment.end, hourStart + HOUR_MS);
      const key = `${hourStart}\u0000${segment.app}`;
      const total = totals.get(key);
      if (total) total.ms += end - start;
      else totals.set(key, { hourStart, app: segment.app, ms: end - start });
      start = end;
    }
  }
  return [...totals.values()].sort((a, b) =>
    a.hourStart !== b.hourStart
      ? a.hourStart - b.hourStart
      : a.app < b.app
        ? -1
        : a.app > b.app
          ? 1
          : 0,
  );
}
