import { formatDuration, formatNumber, reasonLabel, t, type MessageKey } from '@/lib/i18n';
import type { ReportCsvTable } from '@/contract/report';
import { appName as builtinAppName, type AppNameOf } from './app-names';
import { BarChart } from './BarChart';
import { Histogram, type HistogramBar } from './Histogram';
import { IntervalChart, type IntervalRow } from './IntervalChart';
import { LineChart, type LinePoint } from './LineChart';
import { readingText } from './reading-text';
import {
  binLabel,
  binTick,
  formatDateRange,
  formatFigure,
  formatMean,
  formatMs,
  formatPoints,
  formatRho,
  formatShare,
  nText,
  type BinUnit,
  type Measure,
  type Report,
} from './report-format';
import {
  appsLead,
  bandGap,
  bandSentence,
  correlationDetails,
  distributionsLead,
  leftOutSentence,
  plainReading,
  reasonsLead,
  weeklyLead,
  weekName,
  weekTick,
} from './report-sentences';
import { Comparison, type PreviousReport } from './Comparison';
import { ReportSection } from './ReportSection';
import { DataTable } from './DataTable';
import { ShowData } from './ShowData';

const MEASURES: Measure[] = ['effort', 'switches', 'away', 'handle'];

const MEASURE_LABEL: Record<Measure, MessageKey> = {
  effort: 'reportMeasureEffort',
  switches: 'reportMeasureSwitches',
  away: 'reportMeasureAway',
  handle: 'reportMeasureHandle',
};

const ASSOCIATION_LABEL = {
  higher: 'reportReasonHigher',
  lower: 'reportReasonLower',
  unclear: 'reportReasonUnclear',
} as const satisfies Record<string, MessageKey>;

type Distribution = Report['distributions']['effortScore'];

function histogramBars(distribution: Distribution, unit: BinUnit): HistogramBar[] {
  return distribution.bins.map((bin) => ({
    tick: binTick(bin, unit),
    label: binLabel(bin, unit),
    count: bin.count,
  }));
}

function medianText(distribution: Distribution, unit: BinUnit) {
  const q = distribution.quantiles;
  if (!q) return null;
  const show = unit === 'duration' ? formatDuration : (value: number) => formatFigure(value);
  return t('reportMedian', show(q.p50), show(q.p25), show(q.p75));
}

/**
 * The EX × CX report of one team and period (issue #7), presentational: the collector's report in,
 * CSV requests out. Every chart states its n and has its numbers behind "Show data".
 */
export function ReportView({
  report,
  onDownloadCsv,
  previous,
  appName = builtinAppName,
}: {
  report: Report;
  onDownloadCsv: (table: ReportCsvTable) => void;
  /** The previous period of the same length, when the supervisor compares. */
  previous?: PreviousReport;
  /** App names in force (in-house apps included); built-in names alone without. */
  appName?: AppNameOf;
}) {
  const { distributions, correlations } = report;
  const weeks = report.period.weeks;
  const effortTop = report.effortScale === '1-5' ? 5 : 7;
  const { startDate, endDate } = report.period;
  const floorApplies = report.minGroupSize === report.minGroupSizeFloor;
  const weekSizes = report.minGroupSizeByWeek ?? [];
  const smallestWeekSize = Math.min(...weekSizes);
  const largestWeekSize = Math.max(...weekSizes);
  // The section opens with the measure whose ends differ most in CSAT points.
  const leadMeasure = [...MEASURES].sort(
    (a, b) => bandGap(correlations[b]) - bandGap(correlations[a]),
  )[0]!;
  return (
    <div className="report" data-testid="report">
      <p data-testid="report-summary">
        {t(
          'reportPeriodLine',
          report.team ?? '\u2014',
          startDate && endDate
            ? formatDateRange(startDate, endDate)
            : `${report.period.fromWeek} \u2013 ${report.period.toWeek}`,
          weeks.length,
          report.n.interactions,
        )}
      </p>
      {report.filter.agent !== null && (
        <p className="report-note" data-testid="report-agent-filter">
          {t('reportFilterAgentNote')}
        </p>
      )}
      <p className="report-note" data-testid="report-suppression">
        {t('reportSuppressionRule', report.minGroupSize)}{' '}
        {floorApplies && (
          <span data-testid="report-floor-locked">
            <span className="lock-badge">{t('lockedByAdmin')}</span>{' '}
            {t('reportFloorLocked', report.minGroupSizeFloor)}
          </span>
        )}
        {smallestWeekSize < report.minGroupSize && (
          <span data-testid="report-sizes-by-week">
            {' '}
            {t('reportSuppressionByWeek', smallestWeekSize, report.minGroupSize)}
          </span>
        )}
        {largestWeekSize > report.minGroupSize && (
          <span data-testid="report-raised-weeks">
            {' '}
            {t('reportSuppressionRaisedWeeks', largestWeekSize)}
          </span>
        )}
      </p>
      {weeks.length === 0 && <p role="status">{t('reportNoEndedWeeks')}</p>}
      {previous && <Comparison report={report} previous={previous} />}

      <ReportSection
        title={t('reportDistributions')}
        n={report.n.interactions}
        table="distributions"
        onDownloadCsv={onDownloadCsv}
        lead={distributionsLead(report)}
        details={t('reportDistDetails')}
        leftOut={leftOutSentence(report.leftOut.distributions)}
      >
        <div className="chart-grid">
          <Histogram
            title={t(
              report.effortScale === '1-5' ? 'reportDistEffortFive' : 'reportDistEffortSeven',
            )}
            n={distributions.effortScore.n}
            bars={histogramBars(distributions.effortScore, 'score')}
            median={medianText(distributions.effortScore, 'score')}
          />
          <Histogram
            title={t('reportDistSwitches')}
            n={distributions.switches.n}
            bars={histogramBars(distributions.switches, 'count')}
            median={medianText(distributions.switches, 'count')}
          />
          <Histogram
            title={t('reportMinutesAxis', t('reportDistAway'))}
            n={distributions.awayMs.n}
            bars={histogramBars(distributions.awayMs, 'duration')}
            median={medianText(distributions.awayMs, 'duration')}
          />
          <Histogram
            title={t('reportMinutesAxis', t('reportDistHandle'))}
            n={distributions.handleMs.n}
            bars={histogramBars(distributions.handleMs, 'duration')}
            median={medianText(distributions.handleMs, 'duration')}
          />
        </div>
      </ReportSection>

      <ReportSection
        title={t('reportCorrelations')}
        n={report.n.ratings}
        table="correlations"
        onDownloadCsv={onDownloadCsv}
        lead={bandSentence(correlations[leadMeasure], effortTop)}
        details={t('reportCorrelationsHowTo')}
      >
        <p className="report-note">{t('reportCorrelationsLead')}</p>
        <div className="measure-readings">
          {MEASURES.map((measure) => {
            const correlation = correlations[measure];
            const leftOut = leftOutSentence(correlation.leftOut);
            return (
              <div className="measure-reading" key={measure} data-testid={`measure-${measure}`}>
                <h4>{t(MEASURE_LABEL[measure] as 'reportMeasureEffort')}</h4>
                <p className="report-lead" data-testid={`band-${measure}`}>
                  {bandSentence(correlation, effortTop)}
                </p>
                <p data-testid={`reading-${measure}`} data-kind={correlation.reading.kind}>
                  {plainReading(correlation.reading, measure)}
                </p>
                <p className="report-details" data-testid={`details-${measure}`}>
                  <span className="report-details-label">{t('reportDetails')}:</span>{' '}
                  {correlationDetails(correlation)}
                </p>
                {leftOut && <p className="report-left-out">{leftOut}</p>}
              </div>
            );
          })}
        </div>
        <details className="show-data stats-chart">
          <summary>{t('reportStatsChart')}</summary>
          <IntervalChart
            testId="correlation-chart"
            caption={t('reportCorrelationsCaption')}
            domain={[-1, 1]}
            ticks={[-1, -0.5, 0, 0.5, 1]}
            formatTick={formatRho}
            rows={MEASURES.map((measure): IntervalRow => {
              const { estimate, reading } = correlations[measure];
              return {
                key: measure,
                label: t(MEASURE_LABEL[measure] as 'reportMeasureEffort'),
                estimate: estimate.rho,
                interval: estimate.ci,
                valueText:
                  estimate.rho !== null && estimate.ci
                    ? t(
                        'readingFigures',
                        formatRho(estimate.rho),
                        formatRho(estimate.ci.low),
                        formatRho(estimate.ci.high),
                        estimate.n,
                      )
                    : nText(estimate.n),
                aside: readingText(reading, measure),
              };
            })}
          />
        </details>
      </ReportSection>

      <ReportSection
        title={t('reportReasons')}
        n={report.n.effortCsat}
        table="reasons"
        onDownloadCsv={onDownloadCsv}
        lead={reasonsLead(report.reasons)}
        details={report.reasons.length > 0 ? t('reportReasonsDetails') : null}
        leftOut={leftOutSentence(report.leftOut.reasons)}
      >
        {report.reasons.length === 0 ? (
          <p>{t('reportReasonsNone', report.minGroupSize)}</p>
        ) : (
          <>
            <div className="table-scroll">
              <DataTable
                caption={t('reportReasons')}
                testId="reasons-table"
                columns={[
                  t('reportColReason'),
                  t('reportColCsatWith'),
                  t('reportColCsatWithout'),
                  t('reportColTaggedLow'),
                  t('reportColUntaggedLow'),
                  t('reportColAssociation'),
                ]}
                rowKeys={report.reasons.map((row) => row.reason)}
                rows={report.reasons.map((row) => [
                  reasonLabel(row.reason),
                  `${formatMean(row.tagged.meanCsat)} (${nText(row.tagged.n)})`,
                  `${formatMean(row.untagged.meanCsat)} (${nText(row.untagged.n)})`,
                  formatShare(row.tagged.share),
                  formatShare(row.untagged.share),
                  t(ASSOCIATION_LABEL[row.association]),
                ])}
              />
            </div>
            <details className="show-data stats-chart">
              <summary>{t('reportStatsChart')}</summary>
              <IntervalChart
                testId="reasons-chart"
                caption={t('reportReasonsCaption')}
                domain={reasonDomain(report.reasons)}
                ticks={reasonTicks(reasonDomain(report.reasons))}
                formatTick={formatPoints}
                rows={report.reasons.map((row) => ({
                  key: row.reason,
                  label: reasonLabel(row.reason),
                  estimate: row.difference,
                  interval: row.ci,
                  valueText: t(
                    'reportReasonFigures',
                    formatPoints(row.difference),
                    formatPoints(row.ci.low),
                    formatPoints(row.ci.high),
                    row.tagged.n,
                  ),
                  aside: t(ASSOCIATION_LABEL[row.association]),
                }))}
              />
            </details>
          </>
        )}
      </ReportSection>

      <ReportSection
        title={t('reportApps')}
        n={report.n.interactions}
        table="apps"
        onDownloadCsv={onDownloadCsv}
        lead={appsLead(report.apps)}
        leftOut={leftOutSentence(report.leftOut.apps)}
      >
        {report.apps.length === 0 ? (
          <p>{t('reportAppsNone', report.minGroupSize)}</p>
        ) : (
          <>
            <BarChart
              title={t('reportApps')}
              summary={t(
                'reportAppsSummary',
                report.apps.length,
                appName(report.apps[0]!.app),
                formatDuration(report.apps[0]!.awayMs),
              )}
              bars={report.apps.map((row) => ({
                key: row.app,
                label: appName(row.app),
                value: row.awayMs,
                valueText: `${formatDuration(row.awayMs)} · ${formatShare(row.share)}`,
              }))}
            />
            <ShowData
              caption={t('reportApps')}
              columns={[
                t('columnApp'),
                t('reportColInteractions'),
                t('reportColTotalAway'),
                t('reportColMeanAway'),
                t('reportColShare'),
              ]}
              rows={report.apps.map((row) => [
                appName(row.app),
                formatNumber(row.n),
                formatDuration(row.awayMs),
                formatDuration(row.meanAwayMs),
                formatShare(row.share),
              ])}
            />
          </>
        )}
      </ReportSection>

      <ReportSection
        title={t('reportWeekly')}
        n={report.n.interactions}
        table="weekly"
        onDownloadCsv={onDownloadCsv}
        lead={weeklyLead(report.weekly)}
        leftOut={leftOutSentence(report.leftOut.weekly)}
      >
        <WeeklyCharts weekly={report.weekly} effortTop={effortTop} />
      </ReportSection>

      <ReportSection title={t('reportAgents')} table="agents" onDownloadCsv={onDownloadCsv}>
        {report.agents.available ? (
          <GroupTable
            testId="agent-table"
            caption={t('reportAgents')}
            first={t('reportColAgent')}
            rows={report.agents.rows.map((row) => ({ ...row, name: row.agentId }))}
          />
        ) : (
          <p data-testid="agents-hidden">
            {t(
              report.agents.reason === 'anonymous-mode'
                ? 'reportAgentsAnonymous'
                : 'reportAgentsSupervisorsOnly',
            )}
          </p>
        )}
      </ReportSection>
    </div>
  );
}

type Reasons = Report['reasons'];

/** Symmetric around 0 and wide enough for every interval, in steps of 10 percentage points. */
function reasonDomain(reasons: Reasons): [number, number] {
  const widest = Math.max(
    0.1,
    ...reasons.flatMap((row) => [Math.abs(row.ci.low), Math.abs(row.ci.high)]),
  );
  const edge = Math.min(1, Math.ceil(widest * 10) / 10);
  return [-edge, edge];
}

const reasonTicks = ([min, max]: [number, number]) => [min, min / 2, 0, max / 2, max];

type WeekRow = Report['weekly'][number];

function WeeklyCharts({ weekly, effortTop }: { weekly: WeekRow[]; effortTop: number }) {
  const series = (value: (row: WeekRow) => number | null): LinePoint[] =>
    weekly.map((row) => ({ label: weekTick(row), value: value(row) }));
  const describe = (title: string, points: LinePoint[], format: (value: number) => string) => {
    const values = points.flatMap((point) => (point.value === null ? [] : [point.value]));
    if (values.length === 0) return t('reportHistogramEmpty', title);
    return t(
      'reportTrendSummary',
      title,
      points.length,
      format(Math.min(...values)),
      format(Math.max(...values)),
    );
  };
  const charts = [
    {
      title: t('reportTrendInteractions'),
      points: series((row) => row.n),
      format: (value: number) => formatNumber(value),
      domain: undefined as [number, number] | undefined,
    },
    {
      title: t('reportTrendEffort'),
      points: series((row) => row.effort.mean),
      format: (value: number) => formatFigure(value),
      domain: [1, effortTop] as [number, number],
    },
    {
      title: t('reportTrendCsat'),
      points: series((row) => row.csat.mean),
      format: (value: number) => formatFigure(value),
      // CSAT is imported on 1–5 (contract/report.ts, CX_SCALES).
      domain: [1, 5] as [number, number],
    },
  ];
  return (
    <>
      <div className="chart-grid" data-testid="weekly-charts">
        {charts.map((chart) => (
          <figure className="chart" key={chart.title}>
            <figcaption>
              <strong>{chart.title}</strong>
            </figcaption>
            <LineChart
              title={chart.title}
              summary={describe(chart.title, chart.points, chart.format)}
              points={chart.points}
              formatValue={chart.format}
              domain={chart.domain}
            />
          </figure>
        ))}
      </div>
      <GroupTable
        caption={t('reportWeekly')}
        first={t('reportColWeek')}
        rows={weekly.map((row) => ({ ...row, name: weekName(row) }))}
        collapsed
      />
    </>
  );
}

type GroupRow = Omit<WeekRow, 'week' | 'startDate' | 'endDate'> & { name: string };

/** Per-week or per-agent figures, each row with its own n. */
function GroupTable({
  caption,
  first,
  rows,
  collapsed = false,
  testId,
}: {
  caption: string;
  first: string;
  rows: GroupRow[];
  collapsed?: boolean;
  testId?: string;
}) {
  const columns = [
    first,
    t('reportColInteractions'),
    t('reportColMedianHandle'),
    t('reportColMedianAway'),
    t('reportColMeanSwitches'),
    t('reportColEffortN'),
    t('reportColMeanEffort'),
    t('reportColCsatN'),
    t('reportColMeanCsat'),
    t('reportColLowCsat'),
  ];
  const cells = rows.map((row) => [
    row.name,
    formatNumber(row.n),
    formatMs(row.medianHandleMs),
    formatMs(row.medianAwayMs),
    formatFigure(row.meanSwitches),
    formatNumber(row.effort.n),
    formatFigure(row.effort.mean),
    formatNumber(row.csat.n),
    formatFigure(row.csat.mean),
    row.csat.lowShare === null ? '\u2014' : formatShare(row.csat.lowShare),
  ]);
  if (collapsed) return <ShowData caption={caption} columns={columns} rows={cells} />;
  return (
    <div className="table-scroll">
      <DataTable
        caption={caption}
        columns={columns}
        rows={cells}
        rowKeys={rows.map((row) => row.name)}
        testId={testId}
      />
    </div>
  );
}
