import { describe, expect, it } from 'vitest';
import { isInQuietHours, isInRange, localTimeOfDayMs, parseLocalTimeMs } from './quiet-hours';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const MIDNIGHT_UTC = Date.UTC(2025, 2, 3);

describe('local time of day', () => {
  it.each([
    { offset: 0, at: MIDNIGHT_UTC + 10 * HOUR, expected: 10 * HOUR },
    { offset: 120, at: MIDNIGHT_UTC + 23 * HOUR, expected: HOUR },
    { offset: -300, at: MIDNIGHT_UTC + 2 * HOUR, expected: 21 * HOUR },
    { offset: 345, at: MIDNIGHT_UTC, expected: 5 * HOUR + 45 * MINUTE },
    { offset: 0, at: MIDNIGHT_UTC - 1, expected: 24 * HOUR - 1 },
  ])('UTC$offset min', ({ offset, at, expected }) => {
    expect(localTimeOfDayMs(at, offset)).toBe(expected);
  });

  it('parses HH:MM', () => {
    expect(parseLocalTimeMs('00:00')).toBe(0);
    expect(parseLocalTimeMs('07:30')).toBe(7 * HOUR + 30 * MINUTE);
    expect(parseLocalTimeMs('23:59')).toBe(24 * HOUR - MINUTE);
  });
});

describe('quiet-hours ranges', () => {
  const lunch = { start: '12:00', end: '13:00' };
  const night = { start: '22:00', end: '06:00' };

  it.each([
    { range: lunch, time: '11:59', inside: false },
    { range: lunch, time: '12:00', inside: true },
    { range: lunch, time: '12:59', inside: true },
    { range: lunch, time: '13:00', inside: false },
    { range: night, time: '21:59', inside: false },
    { range: night, time: '22:00', inside: true },
    { range: night, time: '00:00', inside: true },
    { range: night, time: '05:59', inside: true },
    { range: night, time: '06:00', inside: false },
    { range: { start: '22:00', end: '00:00' }, time: '23:59', inside: true },
    { range: { start: '22:00', end: '00:00' }, time: '00:00', inside: false },
  ])('$range.start–$range.end at $time: $inside', ({ range, time, inside }) => {
    expect(isInRange(range, parseLocalTimeMs(time))).toBe(inside);
  });

  it('checks every range in the agent’s local time', () => {
    const at = MIDNIGHT_UTC + 11 * HOUR;
    expect(isInQuietHours([night, lunch], at, 330)).toBe(false); // 16:30 in India
    expect(isInQuietHours([night, lunch], at, 90)).toBe(true); // 12:30 at UTC+01:30
    expect(isInQuietHours([night, lunch], at, -780)).toBe(true); // 22:00 at UTC−13:00
    expect(isInQuietHours([], at, 0)).toBe(false);
  });
});
