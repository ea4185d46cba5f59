import { useId, useState } from 'react';
import { formatNumber, t, tPlural } from '@/lib/i18n';
import type { CxImportResponse } from '@/contract/report';
import { cxErrorText } from './cx-problem-text';

export type CxImportState =
  | { status: 'idle' }
  | { status: 'busy' }
  | { status: 'done'; result: CxImportResponse }
  | { status: 'failed'; error: string };

/**
 * CSAT import from the console (issue #14, item 6): a CSV file in, the collector's answer out,
 * with every refused line by number. The collector hashes record ids as for its API.
 */
export function CxImportForm({
  state,
  onImport,
}: {
  state: CxImportState;
  onImport: (file: File) => void;
}) {
  const [file, setFile] = useState<File>();
  const id = useId();
  return (
    <section className="report-section cx-import" aria-labelledby={id} data-testid="cx-import">
      <h3 id={id}>{t('cxImportHeading')}</h3>
      <p className="report-note">{t('cxImportHowTo')}</p>
      <form
        className="period-picker"
        onSubmit={(event) => {
          event.preventDefault();
          if (file) onImport(file);
        }}
      >
        <label className="field">
          <span>{t('cxImportFile')}</span>
          <input
            type="file"
            accept=".csv,text/csv"
            data-testid="cx-import-file"
            onChange={(event) => setFile(event.target.files?.[0])}
          />
        </label>
        <button type="submit" disabled={!file || state.status === 'busy'}>
          {t('cxImportButton')}
        </button>
      </form>
      {state.status === 'busy' && <p role="status">{t('cxImportBusy')}</p>}
      {state.status === 'failed' && (
        <p role="alert" data-testid="cx-import-failed">
          {state.error}
        </p>
      )}
      {state.status === 'done' && (
        <div role="status" data-testid="cx-import-result">
          <p>
            {t(
              'cxImportResult',
              tPlural('cxImportedRows', state.result.imported),
              formatNumber(state.result.unchanged),
              formatNumber(state.result.errors.length),
            )}
          </p>
          {state.result.errors.length > 0 && (
            <ul className="problems" data-testid="cx-import-errors">
              {state.result.errors.map((error) => (
                <li key={error.line}>{t('cxImportLine', error.line, cxErrorText(error))}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
