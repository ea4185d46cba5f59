import { reportCsvQuerySchema, reportQuerySchema } from '../../../contract/report';
import { API_PATHS } from '../../../contract/api';
import { TEAM_SETTINGS } from '../../../contract/team-policy';
import type { Database } from '../db/database';
import { HttpError, parseOr400 } from '../http/http-error';
import { buildReportFromColumns, reportWeekIndexes, type Report } from '../reports/build-report';
import { toReportColumns } from '../reports/report-columns';
import { isoWeekStart, parseIsoWeek } from '../../../contract/iso-week';
import { reportTableCsv } from '../../../contract/report-csv';
import { SUPERVISORS, type AuthedRoute } from './route';
import type { Principal } from '../http/authenticate';

/** Longest period one report may cover. */
export const MAX_REPORT_WEEKS = 104;
/** One fixed bootstrap seed: the same data always give the same intervals. */
const REPORT_SEED = 7;

const policyValue = <T>(
  schema: { safeParse(value: unknown): { success: boolean; data?: T } },
  value: unknown,
  fallback: T,
): T => {
  const parsed = schema.safeParse(value);
  return parsed.success ? (parsed.data as T) : fallback;
};

/**
 * The team's report for whole ISO weeks `from`…`to`, with the team policy's identity mode,
 * minimum group size and effort scale. Every figure has passed the cell rule of
 * reports/suppression.ts before it leaves here.
 */
export async function teamReport(
  db: Database,
  principal: Principal,
  query: { from: string; to: string },
  now: number,
): Promise<Report> {
  let from: number;
  let to: number;
  try {
    from = parseIsoWeek(query.from);
    to = parseIsoWeek(query.to);
  } catch (error) {
    throw new HttpError(400, 'bad_request', `query: ${(error as Error).message}`);
  }
  if (to < from)
    throw new HttpError(
      400,
      'bad_request',
      `query: to (${query.to}) is before from (${query.from})`,
    );
  if (to - from + 1 > MAX_REPORT_WEEKS) {
    throw new HttpError(
      400,
      'bad_request',
      `query: a report covers at most ${MAX_REPORT_WEEKS} weeks`,
    );
  }
  const { policy } = await db.getPolicy(principal.team);
  const identityMode = policyValue(
    TEAM_SETTINGS.identityMode.schema,
    policy.identityMode,
    TEAM_SETTINGS.identityMode.default,
  );
  const minGroupSize = policyValue(
    TEAM_SETTINGS.minGroupSize.schema,
    policy.minGroupSize,
    TEAM_SETTINGS.minGroupSize.default,
  );
  const prompts = policyValue(
    TEAM_SETTINGS.prompts.schema,
    policy.prompts,
    TEAM_SETTINGS.prompts.default,
  );
  const options = {
    period: { fromWeek: query.from, toWeek: query.to },
    identityMode,
    role: principal.role,
    seed: REPORT_SEED,
    minGroupSize,
    effortScale: prompts.scale,
  };
  const weeks = reportWeekIndexes(options.period, now);
  const columns =
    weeks.length === 0
      ? toReportColumns([])
      : await db.loadReportColumns(
          principal.team,
          isoWeekStart(weeks[0]!),
          isoWeekStart(weeks[weeks.length - 1]! + 1),
        );
  return { ...buildReportFromColumns(columns, { ...options, now }), team: principal.team };
}

/** `GET /v1/reports?from=2026-W40&to=2026-W47` (supervisor, admin): `reportSchema`. */
export const reportRoute: AuthedRoute = {
  method: 'GET',
  path: API_PATHS.reports,
  access: SUPERVISORS,
  action: 'read team reports',
  async handle({ principal, deps, query }) {
    const parsed = parseOr400(reportQuerySchema, Object.fromEntries(query), 'query');
    const report = await teamReport(deps.db, principal, parsed, deps.now());
    return {
      status: 200,
      body: report,
      headers: { 'Cache-Control': 'no-store' },
      logFields: { interactions: report.n.interactions },
    };
  },
};

/** `GET /v1/reports/csv?table=…&from&to` (supervisor, admin): one report table as CSV. */
export const reportCsvRoute: AuthedRoute = {
  method: 'GET',
  path: API_PATHS.reportsCsv,
  access: SUPERVISORS,
  action: 'export team reports',
  async handle({ principal, deps, query }) {
    const parsed = parseOr400(reportCsvQuerySchema, Object.fromEntries(query), 'query');
    const report = await teamReport(deps.db, principal, parsed, deps.now());
    const csv = reportTableCsv(report, parsed.table);
    if (csv === null) {
      throw new HttpError(
        403,
        'forbidden',
        report.agents.available
          ? 'no agent view'
          : `agent-level figures are not available (${report.agents.reason})`,
      );
    }
    return {
      status: 200,
      text: csv,
      headers: {
        'Content-Type': 'text/csv; charset=utf-8; header=present',
        'Content-Disposition': `attachment; filename="touchpoint-${parsed.table}-${parsed.from}-${parsed.to}.csv"`,
        'Cache-Control': 'no-store',
      },
    };
  },
};
