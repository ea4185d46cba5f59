import type { ReactNode } from 'react';
import { t } from '@/lib/i18n';

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
      <table className="report-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((cells, row) => (
            <tr key={row}>
              {cells.map((cell, column) =>
                column === 0 ? (
                  <th key={column} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={column}>{cell}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
