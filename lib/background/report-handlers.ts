import type { Handlers } from '../messaging/router';
import type { REPORT_REQUESTS } from '../messaging/report-requests';
import { reportSchema } from '../../contract/report';
import { CollectorError } from '../settings/collector-client';
import { API_PATHS } from '../../contract/api';
import { describeIssues } from '../../contract/validation';
import { CONSOLE_TOKEN_KEY, type ConsoleDeps } from './console-handlers';

const REPORT_PATHS = { report: API_PATHS.reports, csv: API_PATHS.reportsCsv } as const;

type ReportDeps = Pick<ConsoleDeps, 'policy' | 'session' | 'fetch'>;

/**
 * Handlers of the report requests (lib/messaging/report-requests.ts): the console's token (the
 * supervisor's session sign-in, else the deployed one) on the collector's report endpoints.
 */
export function createReportHandlers(
  deps: ReportDeps,
): Pick<Handlers, keyof typeof REPORT_REQUESTS> {
  async function get(path: string, query: Record<string, string>, accept: string) {
    const { settings } = await deps.policy();
    const token = (await deps.session.get<string>(CONSOLE_TOKEN_KEY)) ?? settings.collectorToken;
    if (!settings.collectorUrl || !token) throw new Error('no collector configured by your admin');
    const url = `${settings.collectorUrl}${path}?${new URLSearchParams(query).toString()}`;
    try {
      return await deps.fetch(url, {
        headers: { authorization: `Bearer ${token}`, accept },
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
    async 'console.report'({ from, to }) {
      const response = await get(REPORT_PATHS.report, { from, to }, 'application/json');
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

    async 'console.reportCsv'({ table, from, to }) {
      const response = await get(REPORT_PATHS.csv, { table, from, to }, 'text/csv');
      if (response.status === 404) return { csv: null };
      if (response.status !== 200) throw await failure(REPORT_PATHS.csv, response);
      return { csv: await response.text() };
    },
  };
}
