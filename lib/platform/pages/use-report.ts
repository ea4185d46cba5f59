import { useCallback, useEffect, useState } from 'react';
import type { ReportCsvTable, ReportResponse } from '../../../contract/report';
import { downloadText } from './download';
import { request } from './extension-client';

export type ReportPeriod = { from: string; to: string };
/** A period and the filters (issue #14, item 6). */
export type ReportQuery = ReportPeriod & { app?: string; agent?: string };

export type ReportState =
  | { status: 'loading' }
  | { status: 'ready'; report: ReportResponse }
  | { status: 'error'; error: string };

/**
 * The collector's EX × CX report for whole ISO weeks (issue #7), through the background (which
 * holds the token and validates the answer with `reportSchema`); reloaded when the period changes.
 */
export function useReport(query: ReportQuery | null, reload = 0): ReportState {
  const from = query?.from ?? '';
  const to = query?.to ?? '';
  const app = query?.app;
  const agent = query?.agent;
  const key = query ? `${from}/${to}/${app ?? ''}/${agent ?? ''}/${reload}` : '';
  // The answer is kept with the period it is for: another period reads as loading until it comes.
  const [answer, setAnswer] = useState<{ key: string; state: ReportState }>();
  useEffect(() => {
    if (!key) return;
    let current = true;
    request('console.report', {
      from,
      to,
      ...(app !== undefined && { app }),
      ...(agent !== undefined && { agent }),
    }).then(
      (report) => current && setAnswer({ key, state: { status: 'ready', report } }),
      (reason: unknown) =>
        current &&
        setAnswer({
          key,
          state: {
            status: 'error',
            error: reason instanceof Error ? reason.message : String(reason),
          },
        }),
    );
    return () => {
      current = false;
    };
  }, [from, to, app, agent, key]);
  return answer?.key === key ? answer.state : { status: 'loading' };
}

/**
 * One table as CSV: the collector's `/v1/reports/csv` when it has one, else `fallback()` (the CSV
 * written from the report on screen). Resolves to where the CSV came from.
 */
export function useReportCsv(period: ReportQuery, fallback: (table: ReportCsvTable) => string) {
  return useCallback(
    async (table: ReportCsvTable) => {
      const { csv } = await request('console.reportCsv', { table, ...period });
      downloadText(
        `touchpoint-${table}-${period.from}-${period.to}.csv`,
        csv ?? fallback(table),
        'text/csv',
      );
      return csv === null ? ('console' as const) : ('collector' as const);
    },
    [period, fallback],
  );
}
