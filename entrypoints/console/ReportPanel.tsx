import { useCallback, useState } from 'react';
import { endedWeekLabels, lastEndedWeeks } from '@/components/console/report/iso-weeks';
import { PeriodPicker, type Period } from '@/components/console/report/PeriodPicker';
import { reportTableCsv } from '@/contract/report-csv';
import { ReportView } from '@/components/console/report/ReportView';
import { t } from '@/lib/i18n';
import { useReport, useReportCsv } from '@/lib/platform/pages/use-report';
import type { ReportCsvTable } from '@/contract/report';

/** The console's report view (issue #7): a period of ended ISO weeks, the report, CSV downloads. */
export function ReportPanel() {
  const [weeks] = useState(() => endedWeekLabels(Date.now()));
  const [period, setPeriod] = useState<Period>(() => lastEndedWeeks(Date.now()));
  const state = useReport(period);
  const [csvMessage, setCsvMessage] = useState<string>();
  const report = state.status === 'ready' ? state.report : undefined;
  const fallback = useCallback(
    (table: ReportCsvTable) => (report ? reportTableCsv(report, table) : null) ?? '',
    [report],
  );
  const download = useReportCsv(period, fallback);
  const onDownloadCsv = (table: ReportCsvTable) => {
    setCsvMessage(undefined);
    download(table).then(
      () => setCsvMessage(t('reportCsvSaved', `${table}.csv`)),
      (reason: unknown) =>
        setCsvMessage(
          t('reportCsvFailed', reason instanceof Error ? reason.message : String(reason)),
        ),
    );
  };

  return (
    <section aria-labelledby="report-heading" className="report-panel">
      <h2 id="report-heading">{t('reportHeading')}</h2>
      <PeriodPicker weeks={weeks} period={period} onChange={setPeriod} />
      {state.status === 'loading' && <p role="status">{t('reportLoading')}</p>}
      {state.status === 'error' && (
        <p role="alert" data-testid="report-error">
          {t('reportError', state.error)}
        </p>
      )}
      {csvMessage && (
        <p role="status" data-testid="report-csv-status">
          {csvMessage}
        </p>
      )}
      {report && <ReportView report={report} onDownloadCsv={onDownloadCsv} />}
    </section>
  );
}
