import { z } from 'zod';
import {
  API_PATHS,
  auditListSchema,
  policyUpdateSchema,
  teamPolicySchema,
  type AuditEntry,
  type TeamPolicy,
} from '../../../contract/api';
import {
  MIN_GROUP_SIZE_FLOOR_KEY,
  minGroupSizeFloorOf,
  parseTeamPolicyValues,
} from '../../../contract/team-policy';
import { recordHashCheckOf } from '../../../contract/record-hash';
import type { StoredPolicy } from '../db/database';
import type { PolicyRepository } from '../db/policy-repository';
import type { TeamsRepository } from '../db/teams-repository';
import { ANY_ROLE, principalOf, SUPERVISORS, type Guard } from '../http/access';
import type { Principal } from '../http/authenticate';
import { checkBodyHeaders, JSON_BODY } from '../http/body-parsers';
import { HttpError } from '../http/http-error';
import { etagMatches, policyEtag } from '../policy/policy-diff';
import { errorResponses, GUARDED, WITH_BODY, type CollectorApp } from './route';

const MAX_MESSAGE = 2000;

export type PolicyRouteDeps = {
  guard: Guard;
  policies: PolicyRepository;
  teams: Pick<TeamsRepository, 'getTeam'>;
  now: () => number;
};

async function policyBody(
  deps: Pick<PolicyRouteDeps, 'teams'>,
  team: string,
  stored: StoredPolicy,
): Promise<TeamPolicy> {
  const secret = (await deps.teams.getTeam(team))?.hashSecret;
  return {
    team,
    version: stored.version,
    updatedAt: stored.updatedAt?.toISOString() ?? null,
    policy: stored.policy,
    ...(secret && { recordHashCheck: await recordHashCheckOf(secret) }),
  };
}

const cacheHeaders = (stored: StoredPolicy) => ({
  ETag: policyEtag(stored),
  'Cache-Control': 'no-cache',
});

/**
 * Whether an `If-None-Match` or `If-Match` header names the stored policy: its version and its
 * content (`policyEtag`), so a policy restored from a backup under a version a browser or console
 * already read, with other content, never matches.
 */
const namesStored = (header: string | undefined, stored: StoredPolicy) =>
  etagMatches(header, policyEtag(stored));

const auditQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

/**
 * The policy to store with the admin's floor under `minGroupSize` (issue #14): only an admin
 * token sets the floor; a supervisor's update keeps the stored one and may not go below it. A
 * supervisor's update that carries the stored floor unchanged sets nothing: the console sends
 * back the whole policy it read, floor included. `storedPolicy` must be the row the update
 * writes over, read under its lock (`updatePolicy`): checked on an earlier read, a supervisor's
 * stale console got 403 or 400 instead of 412, and a supervisor's update without If-Match that
 * crossed the admin's raise of the floor wrote the old floor back.
 */
function withFloor(
  principal: Principal,
  parsed: ReturnType<typeof parseTeamPolicyValues>,
  storedPolicy: StoredPolicy['policy'],
): Record<string, unknown> {
  if (
    parsed.minGroupSizeFloor !== undefined &&
    parsed.minGroupSizeFloor !== storedPolicy[MIN_GROUP_SIZE_FLOOR_KEY] &&
    principal.role !== 'admin'
  ) {
    throw new HttpError(
      403,
      'forbidden',
      `only an admin token may set ${MIN_GROUP_SIZE_FLOOR_KEY}; a ${principal.role} token may raise minGroupSize`,
    );
  }
  const floor = parsed.minGroupSizeFloor ?? minGroupSizeFloorOf(storedPolicy);
  const { minGroupSize } = parsed.values;
  if (minGroupSize !== undefined && minGroupSize < floor) {
    throw new HttpError(
      400,
      'invalid_policy',
      `policy: minGroupSize: ${minGroupSize} is below the admin's floor of ${floor}`,
    );
  }
  const keptFloor = parsed.minGroupSizeFloor ?? storedPolicy[MIN_GROUP_SIZE_FLOOR_KEY];
  return {
    ...parsed.values,
    ...(keptFloor !== undefined && { [MIN_GROUP_SIZE_FLOOR_KEY]: keptFloor }),
  };
}

export function registerPolicyRoutes(app: CollectorApp, deps: PolicyRouteDeps): void {
  /**
   * `GET /v1/policy`: any role of the team; `If-None-Match` with the current ETag → 304. The
   * ETag names the stored version and content (`policyEtag`).
   */
  app.route({
    method: 'GET',
    url: API_PATHS.policy,
    schema: {
      summary: "Read the team's policy",
      headers: z.looseObject({ 'if-none-match': z.string().optional() }),
      response: {
        200: teamPolicySchema,
        304: z.void().describe('unchanged since the ETag in If-None-Match'),
        ...errorResponses(...GUARDED),
      },
    },
    onRequest: deps.guard({ roles: ANY_ROLE, action: 'read the team policy' }),
    async handler(request, reply) {
      const { team } = principalOf(request);
      const stored = await deps.policies.getPolicy(team);
      reply.headers(cacheHeaders(stored));
      if (namesStored(request.headers['if-none-match'], stored)) {
        return reply.code(304).send();
      }
      return reply.send(await policyBody(deps, team, stored));
    },
  });

  /**
   * `PUT /v1/policy` (supervisor, admin): replaces the team policy. Every value is checked with
   * the extension's own setting schemas; one bad setting refuses the whole update, naming each.
   */
  app.route({
    method: 'PUT',
    url: API_PATHS.policy,
    schema: {
      summary: "Replace the team's policy",
      headers: z.looseObject({ 'if-match': z.string().optional() }),
      body: policyUpdateSchema.strict(),
      response: {
        200: teamPolicySchema,
        ...errorResponses(...GUARDED, ...WITH_BODY, 412),
      },
    },
    onRequest: deps.guard({ roles: SUPERVISORS, action: 'change the team policy' }),
    preParsing: checkBodyHeaders([JSON_BODY]),
    async handler(request, reply) {
      const principal = principalOf(request);
      const parsed = parseTeamPolicyValues(request.body.policy);
      if (parsed.diagnostics.length > 0) {
        const message = `policy: ${parsed.diagnostics.join('; ')}`;
        throw new HttpError(400, 'invalid_policy', message.slice(0, MAX_MESSAGE));
      }
      const ifMatch = request.headers['if-match'];
      const result = await deps.policies.updatePolicy(principal.team, {
        // Checked on the row the update locks, after If-Match: a stale console gets 412.
        policy: (stored) => withFloor(principal, parsed, stored.policy),
        // The ETag of the locked row, as GET makes it: an unreadable If-Match matches none.
        ...(ifMatch !== undefined && {
          precondition: (stored: StoredPolicy) => namesStored(ifMatch, stored),
        }),
        actor: principal.tokenName,
        at: new Date(deps.now()),
      });
      if (result.status === 'conflict') {
        throw new HttpError(
          412,
          'precondition_failed',
          `If-Match does not match: the policy changed since it was read (it is at version ${result.policy.version} now); read it again and retry`,
          { ETag: policyEtag(result.policy) },
        );
      }
      request.logFields.changed = result.changes.length;
      return reply
        .headers(cacheHeaders(result.policy))
        .send(await policyBody(deps, principal.team, result.policy));
    },
  });

  /** `GET /v1/policy/audit` (supervisor, admin): who changed which setting, newest first. */
  app.route({
    method: 'GET',
    url: API_PATHS.policyAudit,
    schema: {
      summary: 'Who changed which policy setting, newest first',
      querystring: auditQuerySchema,
      response: { 200: auditListSchema, ...errorResponses(...GUARDED, 400) },
    },
    onRequest: deps.guard({ roles: SUPERVISORS, action: 'read the policy audit' }),
    async handler(request) {
      const { team } = principalOf(request);
      const records = await deps.policies.listAudit(team, request.query.limit);
      const entries: AuditEntry[] = records.map((record) => ({
        at: record.at.toISOString(),
        actor: record.actor,
        setting: record.setting,
        oldValue: record.oldValue,
        newValue: record.newValue,
      }));
      return { entries };
    },
  });
}
