import { useId, type ReactNode } from 'react';
import { t } from '@/lib/i18n';
import type { ReportCsvTable } from '@/contract/report';
import { nText } from './report-format';

/** One part of the report: heading, its n, a CSV download of its table, then the content. */
export function ReportSection({
  title,
  n,
  table,
  onDownloadCsv,
  children,
}: {
  title: string;
  /** Interactions behind this part; omitted where each row says its own n. */
  n?: number;
  table: ReportCsvTable;
  onDownloadCsv: (table: ReportCsvTable) => void;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <section className="report-section" aria-labelledby={id} data-testid={`report-${table}`}>
      <div className="report-section-head">
        <h3 id={id}>{title}</h3>
        {n !== undefined && <span className="report-n">{nText(n)}</span>}
        <button type="button" className="csv-button" onClick={() => onDownloadCsv(table)}>
          {t('reportDownloadCsv')}
          <span className="visually-hidden"> ({title})</span>
        </button>
      </div>
      {children}
    </section>
  );
}
