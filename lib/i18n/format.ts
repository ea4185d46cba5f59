import { uiLocale } from './ui-locale';

// Everything takes the locale as a parameter (tests pass one); pages use the UI language's.

/** "12,345" / "12.345". */
export function formatNumber(value: number, locale = uiLocale()): string {
  return new Intl.NumberFormat(locale).format(value);
}

/** Time of day, hours and minutes: "02:05 PM" / "14:05". */
export function formatTime(at: number, locale = uiLocale()): string {
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(at);
}

const RELATIVE_UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "5 minutes ago", "yesterday" / "vor 5 Minuten", "gestern"; under a minute is "this minute". */
export function formatRelativeTime(at: number, now: number, locale = uiLocale()): string {
  const elapsed = now - at;
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, ms] of RELATIVE_UNITS) {
    if (elapsed >= ms) return format.format(-Math.floor(elapsed / ms), unit);
  }
  return format.format(0, 'minute');
}

const unit = (locale: string, name: 'second' | 'minute' | 'hour') =>
  new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'short' });

/**
 * Compact durations for the sidebar and popup: "40 sec", "12 min", "1 hr 5 min" / "40 Sek.",
 * "12 Min.", "1 Std., 5 Min.". Unit words come from Intl (CLDR), not from the messages.
 * (Intl.DurationFormat would do this in one call, but Firefox 128 ESR lacks it.)
 */
export function formatDuration(ms: number, locale = uiLocale()): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return unit(locale, 'second').format(seconds);
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return unit(locale, 'minute').format(minutes);
  const hours = Math.floor(minutes / 60);
  const parts = [unit(locale, 'hour').format(hours)];
  if (minutes % 60 > 0) parts.push(unit(locale, 'minute').format(minutes % 60));
  return new Intl.ListFormat(locale, { type: 'unit', style: 'narrow' }).format(parts);
}
