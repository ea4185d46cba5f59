import { formatDuration, formatNumber, uiLocale } from '@/lib/i18n';
import type { ReportResponse } from '@/contract/report';

// Number formats of the report (issue #7), in the UI language.

export type Report = ReportResponse;
export type Measure = keyof Report['correlations'];
export type Reading = Report['correlations'][Measure]['reading'];
export type Bin = Report['distributions']['effortScore']['bins'][number];

const MINUS = '\u2212';

/** ρ and interval bounds: two decimals with a true minus sign ("−0.23" / "−0,23"). */
export function formatRho(value: number, locale = uiLocale()): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 })
    .format(value)
    .replace('-', MINUS);
}

/** A share as a percentage ("12%" / "12 %"). */
export function formatShare(value: number, locale = uiLocale()): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(
    value,
  );
}

/** A difference of shares in percentage points, signed ("+12" / "−3"). */
export function formatPoints(value: number, locale = uiLocale()): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1, signDisplay: 'exceptZero' })
    .format(value * 100)
    .replace('-', MINUS);
}

/** A mean or median with at most one decimal; an em dash when there is none. */
export function formatFigure(value: number | null, locale = uiLocale()): string {
  if (value === null) return '\u2014';
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value);
}

export const formatMs = (value: number | null) =>
  value === null ? '\u2014' : formatDuration(value);

/** The kinds of value a distribution's bins hold: a rating scale's points, counts, minutes. */
export type BinUnit = 'score' | 'count' | 'duration';

const MINUTE_MS = 60_000;
const minutes = (ms: number) => formatNumber(ms / MINUTE_MS);

/**
 * The whole range of a bin: "4" (a scale point), "3", "6–7", "10+" (counts), "1–2 min",
 * "10+ min" (durations: the collector's bins are whole minutes of one width per measure).
 */
export function binLabel({ from, to }: Pick<Bin, 'from' | 'to'>, unit: BinUnit): string {
  if (unit === 'score') return formatNumber(from);
  if (unit === 'count') {
    if (to === null) return `${formatNumber(from)}+`;
    return to - from === 1
      ? formatNumber(from)
      : `${formatNumber(from)}\u2013${formatNumber(to - 1)}`;
  }
  if (to === null) return `${minutes(from)}+ min`;
  return `${minutes(from)}\u2013${minutes(to)} min`;
}

/** Under a bar: the bin's lower edge, in minutes for durations (the chart title says so). */
export function binTick(bin: Pick<Bin, 'from' | 'to'>, unit: BinUnit): string {
  if (unit !== 'duration') return binLabel(bin, unit);
  return bin.to === null ? `${minutes(bin.from)}+` : minutes(bin.from);
}

/** A mean CSAT or score with one decimal ("4.2" / "4,2"), a dash when there is none. */
export function formatMean(value: number | null, locale = uiLocale()): string {
  if (value === null) return '\u2014';
  return new Intl.NumberFormat(locale, {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(value);
}

const utcDate = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`);

/** A range of days as the UI language writes it: "Oct 6 – 12, 2026" / "6.–12. Okt. 2026". */
export function formatDateRange(
  startDate: string,
  endDate: string,
  { year = true }: { year?: boolean } = {},
  locale = uiLocale(),
): string {
  return new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    ...(year && { year: 'numeric' }),
    timeZone: 'UTC',
  }).formatRange(utcDate(startDate), utcDate(endDate));
}

/** One day, short: "Oct 6" / "6. Okt.". */
export function formatDay(isoDate: string, locale = uiLocale()): string {
  return new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  }).format(utcDate(isoDate));
}

/** "n = 1,234". */
export const nText = (n: number) => `n = ${formatNumber(n)}`;
