import { describe, expect, it } from 'vitest';
import {
  isoWeekDates,
  isoWeekIndex,
  isoWeekLabel,
  isoWeekStart,
  parseIsoWeek,
  snapToIsoWeeks,
} from './iso-week';

describe('ISO weeks (UTC)', () => {
  it('dates a week by its Monday and Sunday, across a year end', () => {
    expect(isoWeekDates(parseIsoWeek('2026-W41'))).toEqual({
      startDate: '2026-10-05',
      endDate: '2026-10-11',
    });
    expect(isoWeekDates(parseIsoWeek('2026-W53'))).toEqual({
      startDate: '2026-12-28',
      endDate: '2027-01-03',
    });
  });

  it.each([
    ['2025-01-06T00:00:00Z', '2025-W02'],
    ['2024-12-30T09:00:00Z', '2025-W01'],
    ['2021-01-03T23:59:59Z', '2020-W53'],
    ['2026-12-31T12:00:00Z', '2026-W53'],
    ['2027-01-01T12:00:00Z', '2026-W53'],
  ])('%s is in %s', (date, label) => {
    const index = isoWeekIndex(Date.parse(date));
    expect(isoWeekLabel(index)).toBe(label);
    expect(parseIsoWeek(label)).toBe(index);
  });

  it('starts weeks on Monday 00:00 UTC', () => {
    expect(new Date(isoWeekStart(parseIsoWeek('2025-W02'))).toISOString()).toBe(
      '2025-01-06T00:00:00.000Z',
    );
  });

  it('rejects labels of weeks that do not exist', () => {
    expect(() => parseIsoWeek('2025-W53')).toThrow(/no such ISO week/);
    expect(() => parseIsoWeek('2025-3')).toThrow(/2025-W03/);
  });

  it('snaps a date range to the whole weeks it touches', () => {
    expect(
      snapToIsoWeeks(Date.parse('2025-01-08T10:00:00Z'), Date.parse('2025-01-14T00:00:00Z')),
    ).toEqual({
      fromWeek: '2025-W02',
      toWeek: '2025-W03',
      startMs: Date.parse('2025-01-06T00:00:00Z'),
      endMs: Date.parse('2025-01-20T00:00:00Z'),
    });
  });
});
