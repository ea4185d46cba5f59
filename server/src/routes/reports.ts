import { z } from 'zod';
import { reportCsvQuerySchema, reportQuerySchema, reportSchema } from '../../../contract/report';
import { API_PATHS } from '../../../contract/api';
import { minGroupSizeFloorOf, minGroupSizeOf, TEAM_SETTINGS } from '../../../contract/team-policy';
import type { InstallsRepository } from '../db/installs-repository';
import type { PolicyRepository } from '../db/policy-repository';
import type { ReportRepository } from '../db/report-repository';
import { HttpError } from '../http/http-error';
import { buildReportFromColumns, reportWeekIndexes, type Report } from '../reports/build-report';
import { toReportColumns } from '../reports/report-columns';
import { agentViewAllowed } from '../reports/suppression';
import { GROUP_SIZE_SETTINGS, minGroupSizesOfWeeks } from '../reports/group-size-history';
import { isoWeekStart, parseIsoWeek } from '../../../contract/iso-week';
import { reportTableCsv } from '../../../contract/report-csv';
import type { Principal } from '../http/authenticate';
import { principalOf, SUPERVISORS, type Guard } from '../http/access';
import { errorResponses, GUARDED, type CollectorApp } from './route';

/** Longest period one report may cover. */
const MAX_REPORT_WEEKS = 104;
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
export type ReportRouteDeps = {
  guard: Guard;
  policies: Pick<PolicyRepository, 'getPolicy' | 'listSettingChanges'>;
  installs: Pick<InstallsRepository, 'listIdentityChanges'>;
  reports: ReportRepository;
  now: () => number;
};

async function teamReport(
  db: Pick<ReportRouteDeps, 'policies' | 'installs' | 'reports'>,
  principal: Principal,
  query: { from: string; to: string; app?: string; agent?: string },
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
  const { policy } = await db.policies.getPolicy(principal.team);
  const identityMode = policyValue(
    TEAM_SETTINGS.identityMode.schema,
    policy.identityMode,
    TEAM_SETTINGS.identityMode.default,
  );
  const minGroupSize = minGroupSizeOf(policy);
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
    minGroupSizeFloor: minGroupSizeFloorOf(policy),
    effortScale: prompts.scale,
    filter: {
      ...(query.app !== undefined && { app: query.app }),
      ...(query.agent !== undefined && { agent: query.agent }),
    },
  };
  if (query.agent !== undefined && !agentViewAllowed(identityMode, principal.role)) {
    throw new HttpError(
      403,
      'forbidden',
      identityMode === 'anonymous'
        ? 'query: agent: the team is in anonymous mode; reports have no agent filter'
        : 'query: agent: only supervisors may filter by agent',
    );
  }
  const weeks = reportWeekIndexes(options.period, now);
  const minGroupSizeByWeek = minGroupSizesOfWeeks(
    weeks,
    { minGroupSize, floor: options.minGroupSizeFloor },
    await db.policies.listSettingChanges(principal.team, GROUP_SIZE_SETTINGS),
    await db.installs.listIdentityChanges(principal.team),
  );
  const columns =
    weeks.length === 0
      ? toReportColumns([])
      : await db.reports.loadReportColumns(
          principal.team,
          isoWeekStart(weeks[0]!),
          isoWeekStart(weeks[weeks.length - 1]! + 1),
        );
  const report = buildReportFromColumns(columns, { ...options, minGroupSizeByWeek, now });
  return { ...report, team: principal.team };
}

export function registerReportRoutes(app: CollectorApp, deps: ReportRouteDeps): void {
  /** `GET /v1/reports?from=2026-W40&to=2026-W47` (supervisor, admin): `reportSchema`. */
  app.route({
    method: 'GET',
    url: API_PATHS.reports,
    schema: {
      summary: "The team's EX × CX report for whole ISO weeks",
      querystring: reportQuerySchema.strict(),
      response: { 200: reportSchema, ...errorResponses(...GUARDED, 400) },
    },
    onRequest: deps.guard({ roles: SUPERVISORS, action: 'read team reports' }),
    async handler(request, reply) {
      const report = await teamReport(deps, principalOf(request), request.query, deps.now());
      request.logFields.interactions = report.n.interactions;
      return reply.header('Cache-Control', 'no-store').send(report);
    },
  });

  /** `GET /v1/reports/csv?table=…&from&to` (supervisor, admin): one report table as CSV. */
  app.route({
    method: 'GET',
    url: API_PATHS.reportsCsv,
    schema: {
      summary: 'One table of the report as CSV',
      querystring: reportCsvQuerySchema.strict(),
      response: {
        200: {
          description: 'The table, a header row first',
          content: { 'text/csv': { schema: z.string() } },
        },
        ...errorResponses(...GUARDED, 400),
      },
    },
    onRequest: deps.guard({ roles: SUPERVISORS, action: 'export team reports' }),
    async handler(request, reply) {
      const query = request.query;
      const report = await teamReport(deps, principalOf(request), query, deps.now());
      const csv = reportTableCsv(report, query.table);
      if (csv === null) {
        throw new HttpError(
          403,
          'forbidden',
          report.agents.available
            ? 'no agent view'
            : `agent-level figures are not available (${report.agents.reason})`,
        );
      }
      return reply
        .headers({
          'Content-Type': 'text/csv; charset=utf-8; header=present',
          'Content-Disposition': `attachment; filename="touchpoint-${query.table}-${query.from}-${query.to}.csv"`,
          'Cache-Control': 'no-store',
        })
        .send(csv);
    },
  });
}
