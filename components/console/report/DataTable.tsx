import type { ReactNode } from 'react';

/** A report table: one header row, then rows whose first cell names the row (`th scope="row"`). */
export function DataTable({
  caption,
  columns,
  rows,
  rowKeys,
  testId,
}: {
  caption: string;
  columns: string[];
  rows: ReactNode[][];
  /** Stable keys for the rows (their names); the row's position when absent. */
  rowKeys?: string[];
  testId?: string;
}) {
  return (
    <table className="report-table" data-testid={testId}>
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
          <tr key={rowKeys?.[row] ?? row}>
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
  );
}
