import { useCallback, useState } from 'react';
import {
  endedWeekLabels,
  lastEndedWeeks,
  previousPeriod,
} from '@/components/console/report/iso-weeks';
import { PeriodPicker, type Period } from '@/components/console/report/PeriodPicker';
import { ReportFilters, type Filters } from '@/components/console/report/ReportFilters';
import { CxImportForm, type CxImportState } from '@/components/console/report/CxImportForm';
import { reportTableCsv } from '@/contract/report-csv';
import { ReportView } from '@/components/console/report/ReportView';
import { t } from '@/lib/i18n';
import { request } from '@/lib/platform/pages/extension-client';
import { useAppNames } from '@/lib/platform/pages/use-app-names';
import { downloadText } from '@/lib/platform/pages/download';
import { useReport, useReportCsv } from '@/lib/platform/pages/use-report';
import type { ReportCsvTable, ReportResponse } from '@/contract/report';

const message = (reason: unknown) => (reason instanceof Error ? reason.message : String(reason));

/**
 * The console's report view (issues #7, #14): a period of ended ISO weeks, filters, the report
 * (with the previous period when compared), CSV downloads and the CSAT import.
 */
export function ReportPanel() {
  const [weeks] = useState(() => endedWeekLabels(Date.now()));
  const [period, setPeriod] = useState<Period>(() => lastEndedWeeks(Date.now()));
  const [filters, setFilters] = useState<Filters>({ compare: false });
  // Bumped after a CSAT import, so both reports are read again.
  const [reload, setReload] = useState(0);
  const { compare, ...filter } = filters;
  const query = { ...period, ...filter };
  const state = useReport(query, reload);
  const previous = useReport(compare ? { ...previousPeriod(period), ...filter } : null, reload);
  const [csvMessage, setCsvMessage] = useState<string>();
  const [cxImport, setCxImport] = useState<CxImportState>({ status: 'idle' });
  const appName = useAppNames();
  const report = state.status === 'ready' ? state.report : undefined;
  // The filters keep their choices while another report loads.
  const [choices, setChoices] = useState<ReportResponse['choices']>();
  if (report && report.choices !== choices) setChoices(report.choices);
  const fallback = useCallback(
    (table: ReportCsvTable) => (report ? reportTableCsv(report, table) : null) ?? '',
    [report],
  );
  const download = useReportCsv(query, fallback);
  const onDownloadCsv = (table: ReportCsvTable) => {
    setCsvMessage(undefined);
    // The collector keys apps by id only; the console knows their names, so it writes the apps
    // table itself, from the report on screen, with the id and name side by side (issue #17).
    const saved =
      table === 'apps' && report
        ? Promise.resolve(
            downloadText(
              `touchpoint-apps-${period.from}-${period.to}.csv`,
              reportTableCsv(report, 'apps', appName) ?? '',
              'text/csv',
            ),
          )
        : download(table);
    saved.then(
      () => setCsvMessage(t('reportCsvSaved', `${table}.csv`)),
      (reason: unknown) => setCsvMessage(t('reportCsvFailed', message(reason))),
    );
  };
  const onImport = (file: File) => {
    setCxImport({ status: 'busy' });
    file
      .text()
      .then((csv) => {
        if (csv.trim() === '') throw new Error(t('cxImportEmpty'));
        return request('console.cxImport', { csv });
      })
      .then(
        (result) => {
          setCxImport({ status: 'done', result });
          setReload((count) => count + 1);
        },
        (reason: unknown) =>
          setCxImport({ status: 'failed', error: t('cxImportFailed', message(reason)) }),
      );
  };

  return (
    <section aria-labelledby="report-heading" className="report-panel">
      <h2 id="report-heading">{t('reportHeading')}</h2>
      <PeriodPicker weeks={weeks} period={period} onChange={setPeriod} />
      {choices && (
        <ReportFilters
          apps={choices.apps}
          agents={choices.agents}
          filters={filters}
          onChange={setFilters}
          appName={appName}
        />
      )}
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
      {report && (
        <ReportView
          report={report}
          onDownloadCsv={onDownloadCsv}
          appName={appName}
          {...(compare && {
            previous,
          })}
        />
      )}
      <CxImportForm state={cxImport} onImport={onImport} />
    </section>
  );
}
