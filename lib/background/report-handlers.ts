import type { Handlers } from '../messaging/router';
import type { REPORT_REQUESTS } from '../messaging/report-requests';
import { cxImportResponseSchema, reportSchema } from '../../contract/report';
import { CollectorError } from '../settings/collector-client';
import { API_PATHS } from '../../contract/api';
import { describeIssues } from '../../contract/validation';
import { CONSOLE_TOKEN_KEY, type ConsoleDeps } from './console-handlers';

const REPORT_PATHS = {
  report: API_PATHS.reports,
  csv: API_PATHS.reportsCsv,
  cxImport: API_PATHS.cxImport,
} as const;

/** The query of a report request, without filters that are not set. */
const reportQuery = (query: { from: string; to: string; app?: string; agent?: string }) => ({
  from: query.from,
  to: query.to,
  ...(query.app !== undefined && { app: query.app }),
  ...(query.agent !== undefined && { agent: query.agent }),
});

type ReportDeps = Pick<ConsoleDeps, 'policy' | 'session' | 'fetch'>;

/**
 * Handlers of the report requests (lib/messaging/report-requests.ts): the console's token (the
 * supervisor's session sign-in, else the deployed one) on the collector's report endpoints.
 */
export function createReportHandlers(
  deps: ReportDeps,
): Pick<Handlers, keyof typeof REPORT_REQUESTS> {
  async function call(
    path: string,
    query: Record<string, string>,
    accept: string,
    body?: { type: string; text: string },
  ) {
    const { settings } = await deps.policy();
    const token = (await deps.session.get<string>(CONSOLE_TOKEN_KEY)) ?? settings.collectorToken;
    if (!settings.collectorUrl || !token) throw new Error('no collector configured by your admin');
    const search = new URLSearchParams(query).toString();
    const url = `${settings.collectorUrl}${path}${search ? `?${search}` : ''}`;
    try {
      return await deps.fetch(url, {
        method: body ? 'POST' : 'GET',
        headers: {
          authorization: `Bearer ${token}`,
          accept,
          ...(body && { 'content-type': body.type }),
        },
        ...(body && { body: body.text }),
        cache: 'no-store',
        credentials: 'omit',
      });
    } catch (error) {
      throw new CollectorError(
        `cannot reach ${settings.collectorUrl}: ${error instanceof Error ? error.message : String(error)}`,
        null,
      );
    }
  }

  async function failure(path: string, response: Response) {
    const body = (await response.json().catch(() => null)) as { message?: unknown } | null;
    const detail = typeof body?.message === 'string' ? body.message : response.statusText;
    return new CollectorError(`${path}: HTTP ${response.status} ${detail}`.trim(), response.status);
  }

  return {
    async 'console.report'(query) {
      const response = await call(REPORT_PATHS.report, reportQuery(query), 'application/json');
      if (response.status !== 200) throw await failure(REPORT_PATHS.report, response);
      const parsed = reportSchema.safeParse(await response.json().catch(() => null));
      if (!parsed.success) {
        throw new CollectorError(
          `${REPORT_PATHS.report}: the collector's report is not readable: ${describeIssues(parsed.error)}`,
          null,
        );
      }
      return parsed.data;
    },

    async 'console.reportCsv'({ table, ...query }) {
      const response = await call(REPORT_PATHS.csv, { table, ...reportQuery(query) }, 'text/csv');
      if (response.status === 404) return { csv: null };
      if (response.status !== 200) throw await failure(REPORT_PATHS.csv, response);
      return { csv: await response.text() };
    },

    async 'console.cxImport'({ csv }) {
      const response = await call(REPORT_PATHS.cxImport, {}, 'application/json', {
        type: 'text/csv; charset=utf-8',
        text: csv,
      });
      if (response.status !== 200) throw await failure(REPORT_PATHS.cxImport, response);
      const parsed = cxImportResponseSchema.safeParse(await response.json().catch(() => null));
      if (!parsed.success) {
        throw new CollectorError(
          `${REPORT_PATHS.cxImport}: the collector's answer is not readable: ${describeIssues(parsed.error)}`,
          null,
        );
      }
      return parsed.data;
    },
  };
}
