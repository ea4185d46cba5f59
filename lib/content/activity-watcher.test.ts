import { describe, expect, it } from 'vitest';
import { ACTIVITY_QUIET_MS, ACTIVITY_REPEAT_MS, shouldReportActivity } from './activity-watcher';

describe('shouldReportActivity', () => {
  it('reports the first input, and input after a quiet second at once (the agent is back)', () => {
    expect(shouldReportActivity(1_000, null, null)).toBe(true);
    expect(shouldReportActivity(5_000, 5_000 - ACTIVITY_QUIET_MS, 2_000)).toBe(true);
  });

  it('reports continuous input only every ACTIVITY_REPEAT_MS', () => {
    const lastReportAt = 10_000;
    expect(shouldReportActivity(10_300, 10_200, lastReportAt)).toBe(false);
    expect(shouldReportActivity(lastReportAt + ACTIVITY_REPEAT_MS - 1, 24_900, lastReportAt)).toBe(
      false,
    );
    expect(shouldReportActivity(lastReportAt + ACTIVITY_REPEAT_MS, 24_900, lastReportAt)).toBe(
      true,
    );
  });
});
