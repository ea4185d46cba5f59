import type { ReactNode } from 'react';
import { t } from '@/lib/i18n';
import { DataTable } from './DataTable';

/** A chart's numbers as a table behind "Show data": the text alternative sighted users can open too. */
export function ShowData({
  caption,
  columns,
  rows,
  testId,
}: {
  caption: string;
  columns: string[];
  rows: ReactNode[][];
  testId?: string;
}) {
  return (
    <details className="show-data" data-testid={testId}>
      <summary>{t('reportShowData')}</summary>
      <DataTable caption={caption} columns={columns} rows={rows} />
    </details>
  );
}
