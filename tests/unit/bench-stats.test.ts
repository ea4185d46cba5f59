import { afterEach, describe, expect, it, vi } from 'vitest';
import { printBudgets, printDifference, verdictOf } from '../../scripts/bench/figures';
import { meanInterval, medianInterval, pairedDifferences } from '../../scripts/bench/stats';

describe('bench statistics', () => {
  it('pairs each load with the load beside it, and refuses unequal counts', () => {
    expect(pairedDifferences([10, 12, 9], [8, 13, 9])).toEqual([2, -1, 0]);
    expect(() => pairedDifferences([1, 2], [1])).toThrow('2 loads with the extension, 1 without');
  });

  it("gives the sign test's interval for a median: 3rd to 10th of 12 values, 96.1 %", () => {
    const shuffled = [7, 1, 12, 4, 9, 2, 11, 3, 8, 6, 10, 5];
    const interval = medianInterval(shuffled);
    expect(interval).toMatchObject({ low: 3, high: 10 });
    expect(interval.confidence).toBeCloseTo(0.9614, 4);
  });

  it('widens to the extremes when that is all the values allow, and refuses fewer', () => {
    expect(medianInterval([5, 1, 3, 2, 4, 6])).toMatchObject({ low: 1, high: 6 });
    expect(() => medianInterval([1, 2, 3, 4, 5])).toThrow('5 values cannot give a 95 % interval');
  });

  it('bootstraps an interval for a mean count that holds the mean and repeats exactly', () => {
    const extraLongTasks = [0, 1, 0, 0, -1, 0, 1, 1, 0, 0, 0, 1];
    const interval = meanInterval(extraLongTasks);
    expect(interval.low).toBeLessThan(0.25);
    expect(interval.high).toBeGreaterThan(0.25);
    expect(interval.low).toBeGreaterThanOrEqual(-1);
    expect(interval.high).toBeLessThanOrEqual(1);
    expect(meanInterval(extraLongTasks)).toEqual(interval);
    expect(meanInterval([0, 0, 0, 0])).toMatchObject({ low: 0, high: 0 });
  });
});

describe('budget verdicts', () => {
  afterEach(() => vi.restoreAllMocks());

  const interval = (low: number, high: number) => ({ low, high, confidence: 0.96 });

  it('meets a budget only when the whole interval is within it', () => {
    expect(verdictOf({ name: 'x', limit: 30, value: 20, interval: interval(12, 29) })).toBe('ok');
    expect(verdictOf({ name: 'x', limit: 30, value: 20, interval: interval(12, 41) })).toBe(
      'UNRESOLVED',
    );
    expect(verdictOf({ name: 'x', limit: 30, value: 45, interval: interval(31, 60) })).toBe(
      'EXCEEDED',
    );
  });

  it('judges a figure without an interval by its value', () => {
    expect(verdictOf({ name: 'card', limit: 500, value: 499 })).toBe('ok');
    expect(verdictOf({ name: 'card', limit: 500, value: 501 })).toBe('EXCEEDED');
  });

  it('fails the run only for a budget exceeded, and names the unresolved ones', () => {
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    const spanning = printBudgets([
      { name: 'card', limit: 500, value: 100 },
      { name: 'task', limit: 30, value: 20, interval: interval(-150.25, 210) },
    ]);
    expect(spanning).toEqual({ allMet: true, unresolved: ['task'] });
    expect(lines).toEqual(['budget card 500 ok', 'budget task 30 UNRESOLVED (-150.3 to 210)']);
    const over = printBudgets([{ name: 'task', limit: 30, value: 45, interval: interval(31, 60) }]);
    expect(over).toEqual({ allMet: false, unresolved: [] });
  });

  it('prints a difference with its interval, one figure per line', () => {
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    const { value } = printDifference('quiet_task_added_ms', [30, 22, 25, 28, 27, 24], 'ms');
    expect(value).toBe(26);
    expect(lines).toEqual([
      'figure quiet_task_added_ms 26 ms',
      'figure quiet_task_added_ms_low 22 ms',
      'figure quiet_task_added_ms_high 30 ms',
      'figure quiet_task_added_ms_confidence 96.9 %',
    ]);
  });
});
