import { formatNumber, t, uiLocale } from '@/lib/i18n';
import { DataTable } from './DataTable';
import {
  formatDateRange,
  formatFigure,
  formatMean,
  formatMs,
  formatShare,
  type Report,
} from './report-format';

// This period against the previous one of the same length (issue #14, item 6): the period's
// overall figures side by side, each from the kept cells of its own report.

export type PreviousReport =
  { status: 'loading' } | { status: 'ready'; report: Report } | { status: 'error'; error: string };

type Figures = Report['overall'];

const MINUS = '\u2212';
const signed = (value: number, digits: number) =>
  new Intl.NumberFormat(uiLocale(), {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
    signDisplay: 'exceptZero',
  })
    .format(value)
    .replace('-', MINUS);

/** One row: a figure now, before, and the change (a dash where either side has none). */
function row(
  label: string,
  now: number | null,
  before: number | null,
  show: (value: number | null) => string,
  change: (delta: number) => string,
) {
  return [
    label,
    show(now),
    show(before),
    now === null || before === null ? '\u2014' : change(now - before),
  ];
}

export function Comparison({ report, previous }: { report: Report; previous: PreviousReport }) {
  if (previous.status === 'loading') {
    return (
      <p role="status" className="report-note">
        {t('reportCompareLoading')}
      </p>
    );
  }
  if (previous.status === 'error') {
    return (
      <p role="alert" className="report-note">
        {t('reportError', previous.error)}
      </p>
    );
  }
  const before = previous.report;
  const a: Figures = report.overall;
  const b: Figures = before.overall;
  const { startDate, endDate } = before.period;
  const dates =
    startDate && endDate
      ? formatDateRange(startDate, endDate)
      : `${before.period.fromWeek} \u2013 ${before.period.toWeek}`;
  const lead =
    a.csat.mean === null || b.csat.mean === null
      ? t('reportCompareNoCsat')
      : t(
          'reportCompareLead',
          formatMean(a.csat.mean),
          formatMean(b.csat.mean),
          before.period.weeks.length,
        );
  const minutes = (ms: number) => `${signed(ms / 60_000, 1)} min`;
  return (
    <section className="report-section report-comparison" data-testid="report-comparison">
      <h3>{t('reportCompareHeading', dates)}</h3>
      <p className="report-lead" data-testid="lead-comparison">
        {lead}
      </p>
      <div className="table-scroll">
        <DataTable
          caption={t('reportCompareHeading', dates)}
          columns={[
            t('reportColFigure'),
            t('reportColThisPeriod'),
            t('reportColPreviousPeriod'),
            t('reportColChange'),
          ]}
          rows={[
            row(
              t('compareInteractions'),
              a.n,
              b.n,
              (v) => (v === null ? '\u2014' : formatNumber(v)),
              (d) => signed(d, 0),
            ),
            row(t('reportColMeanCsat'), a.csat.mean, b.csat.mean, formatMean, (d) => signed(d, 1)),
            row(
              t('reportColLowCsat'),
              a.csat.lowShare,
              b.csat.lowShare,
              (v) => (v === null ? '\u2014' : formatShare(v)),
              (d) => t('comparePoints', signed(d * 100, 0)),
            ),
            row(t('reportColMeanEffort'), a.effort.mean, b.effort.mean, formatMean, (d) =>
              signed(d, 1),
            ),
            row(t('reportColMeanSwitches'), a.meanSwitches, b.meanSwitches, formatFigure, (d) =>
              signed(d, 1),
            ),
            row(t('reportColMedianHandle'), a.medianHandleMs, b.medianHandleMs, formatMs, minutes),
            row(t('reportColMedianAway'), a.medianAwayMs, b.medianAwayMs, formatMs, minutes),
          ]}
        />
      </div>
    </section>
  );
}
