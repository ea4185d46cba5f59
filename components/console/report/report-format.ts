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

/** The kinds of value a distribution's bins hold: a rating scale's points, counts, durations. */
export type BinUnit = 'score' | 'count' | 'duration';

/**
 * The whole range of a bin: "4" (a scale point), "3", "6–7", "16+" (counts), "0", "< 30 sec",
 * "1 min – 2 min", "20 min+" (durations; the bin from 0 to 1 ms holds exactly 0).
 */
export function binLabel({ from, to }: Pick<Bin, 'from' | 'to'>, unit: BinUnit): string {
  if (unit === 'score') return formatNumber(from);
  if (unit === 'count') {
    if (to === null) return `${formatNumber(from)}+`;
    return to - from === 1
      ? formatNumber(from)
      : `${formatNumber(from)}\u2013${formatNumber(to - 1)}`;
  }
  if (to === null) return `${formatDuration(from)}+`;
  if (from === 0 && to === 1) return formatNumber(0);
  if (from === 1) return `< ${formatDuration(to)}`;
  return `${formatDuration(from)} \u2013 ${formatDuration(to)}`;
}

/** Under a bar: durations show the bin's lower edge (ranges are too long), others the range. */
export function binTick(bin: Pick<Bin, 'from' | 'to'>, unit: BinUnit): string {
  const exactlyZero = bin.from === 0 && bin.to === 1;
  if (unit !== 'duration' || bin.to === null || exactlyZero || bin.from === 1) {
    return binLabel(bin, unit);
  }
  return formatDuration(bin.from);
}

/** "n = 1,234". */
export const nText = (n: number) => `n = ${formatNumber(n)}`;
