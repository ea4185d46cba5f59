/** The little SQL surface both engines share, so that every query is written once. */
export type SqlExecutor = {
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: Row[] }>;
};

export type BinaryCopy = { query: string; onData: (chunk: Uint8Array) => void };

export type SqlClient = SqlExecutor & {
  readonly engine: 'pglite' | 'postgres';
  /** Runs several `;`-separated statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Commits when `work` resolves, rolls back when it throws. */
  transaction<T>(work: (tx: SqlExecutor & Pick<SqlClient, 'exec'>) => Promise<T>): Promise<T>;
  /**
   * Runs `COPY (query) TO … (FORMAT binary)` for each copy, all at once where the engine has
   * several connections, all reading one snapshot, and hands each output to its `onData` in
   * chunks of any size, as they arrive where the engine streams: bulk reads without a JS object
   * per row (issue #7, acceptance 5). COPY takes no bind parameters: put values in with
   * `sqlLiteral`.
   */
  copyBinary(copies: readonly BinaryCopy[]): Promise<void>;
  /** Connections now: open, idle and requests waiting for one (the /metrics pool gauges). */
  connections(): ConnectionCounts;
  close(): Promise<void>;
};

export type ConnectionCounts = { total: number; idle: number; waiting: number };

/** A value as an SQL literal, for the statements that take no bind parameters (COPY). */
export function sqlLiteral(value: string | number): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`sqlLiteral: ${value} is not a finite number`);
    return `(${value})`;
  }
  if (value.includes('\0')) throw new Error('sqlLiteral: text cannot hold NUL');
  // E'' with doubled backslashes reads the same whatever standard_conforming_strings says.
  return `E'${value.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
}
