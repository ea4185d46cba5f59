import { formatDuration, formatNumber, uiLocale } from '@/lib/i18n';
import type { ReportResponse } from '@/lib/reports/report-schema';

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

/** The kinds of value a distribution's bins hold. */
export type BinUnit = 'count' | 'duration';

/** "3", "6–7", "16+", "1 min – 2 min", "20 min+": integer bins of width 1 show their value. */
export function binLabel({ from, to }: Pick<Bin, 'from' | 'to'>, unit: BinUnit): string {
  const show = (value: number) =>
    unit === 'duration' ? formatDuration(value) : formatNumber(value);
  if (to === null) return `${show(from)}+`;
  if (unit === 'count' && to - from === 1) return show(from);
  if (unit === 'duration' && to - from === 1 && from === 0) return show(0);
  if (unit === 'count') return `${show(from)}\u2013${show(to - 1)}`;
  return `${show(from)} \u2013 ${show(to)}`;
}

/** "n = 1,234". */
export const nText = (n: number) => `n = ${formatNumber(n)}`;
