import { z } from 'zod';
import {
  teamAdapterDefinitionsSchema,
  teamAdaptersSchema,
  teamAdaptersUpdateSchema,
  type TeamAdapters,
} from '../../../contract/adapter-definitions';
import { adapterHealthReportSchema } from '../../../contract/adapter-health';
import { API_PATHS } from '../../../contract/api';
import { describeIssues } from '../../../contract/validation';
import { minGroupSizeFloorOf, minGroupSizeOf } from '../../../contract/team-policy';
import { buildAdapterHealthReport } from '../adapters/health';
import type { AdaptersRepository, StoredAdapters } from '../db/adapters-repository';
import type { PolicyRepository } from '../db/policy-repository';
import { GROUP_SIZE_SETTINGS, minGroupSizeInForce } from '../reports/group-size-history';
import { ANY_ROLE, principalOf, SUPERVISORS, type Guard } from '../http/access';
import { checkBodyHeaders, JSON_BODY } from '../http/body-parsers';
import { HttpError } from '../http/http-error';
import { errorResponses, GUARDED, WITH_BODY, type CollectorApp } from './route';

const HOUR_MS = 3_600_000;
const ADMINS = ['admin'] as const;
const MAX_MESSAGE = 2000;

export type AdapterRouteDeps = {
  guard: Guard;
  adapters: AdaptersRepository;
  policies: Pick<PolicyRepository, 'getPolicy' | 'listSettingChanges'>;
  now: () => number;
};

const adaptersBody = (stored: StoredAdapters): TeamAdapters => ({
  version: stored.version,
  definitions: stored.definitions,
  updatedAt: stored.publishedAt?.toISOString() ?? null,
  updatedBy: stored.publishedBy,
});

const publishedSchema = z.object({ definitions: teamAdapterDefinitionsSchema });

const healthQuerySchema = z.strictObject({
  days: z.coerce.number().int().min(1).max(30).default(7),
});

/**
 * The team's adapter definitions (issue #16): served to every install at its team-policy refresh,
 * published and rolled back by admins, every change audited; and the adapters' health.
 */
export function registerAdapterRoutes(app: CollectorApp, deps: AdapterRouteDeps): void {
  app.route({
    method: 'GET',
    url: API_PATHS.adapters,
    schema: {
      summary: "Read the team's adapter overrides and custom adapters",
      response: { 200: teamAdaptersSchema, ...errorResponses(...GUARDED) },
    },
    onRequest: deps.guard({ roles: ANY_ROLE, action: 'read the adapter definitions' }),
    async handler(request, reply) {
      const { team } = principalOf(request);
      reply.header('Cache-Control', 'no-cache');
      return adaptersBody(await deps.adapters.getAdapters(team));
    },
  });

  async function publish(
    team: string,
    actor: string,
    definitions: unknown,
    baseVersion: number,
    action: string,
  ) {
    // Parsed inside an object so that every message names its path from `definitions` on.
    const parsed = publishedSchema.safeParse({ definitions });
    if (!parsed.success) {
      const message = describeIssues(parsed.error, 5);
      throw new HttpError(400, 'invalid_adapters', message.slice(0, MAX_MESSAGE));
    }
    const result = await deps.adapters.publishAdapters(team, {
      definitions: parsed.data.definitions,
      baseVersion,
      actor,
      at: new Date(deps.now()),
      action,
    });
    if (result.status === 'stale') {
      throw new HttpError(
        409,
        'stale_version',
        `the adapter definitions are at version ${result.adapters.version}, not ${baseVersion}; read them again and retry`,
      );
    }
    return adaptersBody(result.adapters);
  }

  /** `PUT /v1/adapters` (admin): publishes a new version of the whole set. */
  app.route({
    method: 'PUT',
    url: API_PATHS.adapters,
    schema: {
      summary: "Publish the team's adapter definitions as a new version",
      body: teamAdaptersUpdateSchema,
      response: { 200: teamAdaptersSchema, ...errorResponses(...GUARDED, ...WITH_BODY, 409) },
    },
    onRequest: deps.guard({ roles: ADMINS, action: 'publish adapter definitions' }),
    preParsing: checkBodyHeaders([JSON_BODY]),
    async handler(request) {
      const { team, tokenName } = principalOf(request);
      const { baseVersion, definitions } = request.body;
      return publish(team, tokenName, definitions, baseVersion, 'publish');
    },
  });

  /** `POST /v1/adapters/rollback` (admin): the previous version's content, as a new version. */
  app.route({
    method: 'POST',
    url: API_PATHS.adaptersRollback,
    schema: {
      summary: 'Publish the previous version of the adapter definitions again',
      response: { 200: teamAdaptersSchema, ...errorResponses(...GUARDED, 409) },
    },
    onRequest: deps.guard({ roles: ADMINS, action: 'roll back adapter definitions' }),
    async handler(request) {
      const { team, tokenName } = principalOf(request);
      const [current, previous] = await Promise.all([
        deps.adapters.getAdapters(team),
        deps.adapters.getPreviousAdapters(team),
      ]);
      if (!previous) {
        throw new HttpError(
          409,
          'nothing_to_roll_back',
          'no adapter definitions were published yet',
        );
      }
      return publish(
        team,
        tokenName,
        previous.definitions,
        current.version,
        `rollback to v${previous.version}`,
      );
    },
  });

  /** `GET /v1/adapters/health` (supervisor, admin): hourly hit rates per adapter and field. */
  app.route({
    method: 'GET',
    url: API_PATHS.adapterHealth,
    schema: {
      summary:
        'Hit rates of every adapter field per hour (hours with fewer people than the minimum group size held back), with the fields that broke flagged',
      querystring: healthQuerySchema,
      response: { 200: adapterHealthReportSchema, ...errorResponses(...GUARDED, 400) },
    },
    onRequest: deps.guard({ roles: SUPERVISORS, action: 'read adapter health' }),
    async handler(request) {
      const { team } = principalOf(request);
      const now = deps.now();
      const from = Math.floor(now / HOUR_MS) * HOUR_MS - request.query.days * 24 * HOUR_MS;
      const [rows, { policy }, changes] = await Promise.all([
        deps.adapters.listAdapterHealth(team, from),
        deps.policies.getPolicy(team),
        deps.policies.listSettingChanges(team, GROUP_SIZE_SETTINGS),
      ]);
      // Each hour under the size that stood when it began (a change applies to the hours that
      // begin after it): an hour is shown while it fills, so a size chosen after a read must
      // not move its steps (server/src/adapters/health.ts).
      const sizeAt = minGroupSizeInForce(
        { minGroupSize: minGroupSizeOf(policy), floor: minGroupSizeFloorOf(policy) },
        changes,
      );
      return buildAdapterHealthReport(rows, { from, to: now }, (hourStart) =>
        sizeAt(hourStart - 1),
      );
    },
  });
}
