import { useId, type ReactNode } from 'react';
import { t } from '@/lib/i18n';
import type { ReportCsvTable } from '@/contract/report';
import { nText } from './report-format';

/**
 * One part of the report: heading, its n, a CSV download of its table; then the sentence a
 * supervisor reads first, the content, the statistics in a details line, and what suppression
 * left out (issue #14, item 5).
 */
export function ReportSection({
  title,
  n,
  table,
  onDownloadCsv,
  lead,
  details,
  leftOut,
  children,
}: {
  title: string;
  /** Interactions behind this part; omitted where each row says its own n. */
  n?: number;
  table: ReportCsvTable;
  onDownloadCsv: (table: ReportCsvTable) => void;
  /** The business sentence, in CSAT points or time. */
  lead?: string | null;
  /** The statistics behind it, for those who want them. */
  details?: string | null;
  /** "Left out to protect small groups: …", when anything was. */
  leftOut?: string | null;
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
      {lead && (
        <p className="report-lead" data-testid={`lead-${table}`}>
          {lead}
        </p>
      )}
      {children}
      {details && (
        <p className="report-details" data-testid={`details-${table}`}>
          <span className="report-details-label">{t('reportDetails')}:</span> {details}
        </p>
      )}
      {leftOut && (
        <p className="report-left-out" data-testid={`left-out-${table}`}>
          {leftOut}
        </p>
      )}
    </section>
  );
}
