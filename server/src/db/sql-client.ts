/** The little SQL surface both engines share, so that every query is written once. */
export type SqlExecutor = {
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: Row[] }>;
};

export type SqlClient = SqlExecutor & {
  readonly engine: 'pglite' | 'postgres';
  /** Runs several `;`-separated statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Commits when `work` resolves, rolls back when it throws. */
  transaction<T>(work: (tx: SqlExecutor & Pick<SqlClient, 'exec'>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};
