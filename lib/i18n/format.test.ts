import { describe, expect, it } from 'vitest';
import { formatDuration, formatNumber, formatRelativeTime, formatTime } from './format';

// Expected texts are ICU's (CLDR) as shipped with Node 20; browsers ship the same data.
describe('formatDuration', () => {
  it.each([
    [0, '0 sec', '0 Sek.'],
    [40_000, '40 sec', '40 Sek.'],
    [12 * 60_000, '12 min', '12 Min.'],
    [60 * 60_000, '1 hr', '1 Std.'],
    [65 * 60_000, '1 hr 5 min', '1 Std., 5 Min.'],
    [-5, '0 sec', '0 Sek.'],
  ])('%d ms → %s / %s', (ms, english, german) => {
    expect(formatDuration(ms, 'en')).toBe(english);
    expect(formatDuration(ms, 'de')).toBe(german);
  });

  it('uses the UI language when no locale is given (English outside the browser)', () => {
    expect(formatDuration(12 * 60_000)).toBe('12 min');
  });
});

describe('formatRelativeTime', () => {
  const now = Date.UTC(2025, 0, 10, 12);
  it.each([
    [now - 10_000, 'en', 'this minute'],
    [now - 5 * 60_000, 'en', '5 minutes ago'],
    [now - 5 * 60_000, 'de', 'vor 5 Minuten'],
    [now - 26 * 3_600_000, 'en', 'yesterday'],
    [now - 26 * 3_600_000, 'de', 'gestern'],
  ])('%d in %s → %s', (at, locale, text) => {
    expect(formatRelativeTime(at, now, locale)).toBe(text);
  });
});

describe('formatNumber and formatTime', () => {
  it('group digits and write times as the locale does', () => {
    expect(formatNumber(12_345, 'en')).toBe('12,345');
    expect(formatNumber(12_345, 'de')).toBe('12.345');
    const afternoon = new Date(2025, 0, 10, 14, 5).getTime();
    expect(formatTime(afternoon, 'de')).toBe('14:05');
    // ICU versions differ in the space before AM/PM (U+0020 or U+202F).
    expect(formatTime(afternoon, 'en-US').replace(/\s/gu, ' ')).toBe('02:05 PM');
  });
});
