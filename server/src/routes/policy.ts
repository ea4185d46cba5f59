import { z } from 'zod';
import {
  API_PATHS,
  policyUpdateSchema,
  type AuditEntry,
  type TeamPolicy,
} from '../../../contract/api';
import { parseTeamPolicyValues } from '../../../contract/team-policy';
import type { StoredPolicy } from '../db/database';
import { HttpError, parseOr400 } from '../http/http-error';
import { etagMatches, policyEtag } from '../policy/policy-diff';
import { ANY_ROLE, SUPERVISORS, type AuthedRoute, type Reply } from './route';

const MAX_MESSAGE = 2000;

const policyReply = (team: string, stored: StoredPolicy, status = 200): Reply => {
  const body: TeamPolicy = {
    team,
    version: stored.version,
    updatedAt: stored.updatedAt?.toISOString() ?? null,
    policy: stored.policy,
  };
  return {
    status,
    body,
    headers: { ETag: policyEtag(stored.version), 'Cache-Control': 'no-cache' },
  };
};

/** `GET /v1/policy`: any role of the team; `If-None-Match` with the current ETag → 304. */
export const getPolicyRoute: AuthedRoute = {
  method: 'GET',
  path: API_PATHS.policy,
  access: ANY_ROLE,
  action: 'read the team policy',
  async handle({ principal, deps, req }) {
    const stored = await deps.db.getPolicy(principal.team);
    const etag = policyEtag(stored.version);
    if (etagMatches(req.headers['if-none-match'], etag)) {
      return { status: 304, headers: { ETag: etag, 'Cache-Control': 'no-cache' } };
    }
    return policyReply(principal.team, stored);
  },
};

/** The version an `If-Match` header asks for: undefined for none or `*`, NaN when unreadable. */
function expectedVersion(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^(?:W\/)?"v(\d{1,9})"$/.exec(header.trim());
  return match ? Number(match[1]) : Number.NaN;
}

/**
 * `PUT /v1/policy` (supervisor, admin): replaces the team policy. Every value is checked with the
 * extension's own setting schemas; one bad setting refuses the whole update, naming each.
 */
export const putPolicyRoute: AuthedRoute = {
  method: 'PUT',
  path: API_PATHS.policy,
  access: SUPERVISORS,
  action: 'change the team policy',
  async handle({ principal, deps, req, readJson }) {
    const { policy } = parseOr400(policyUpdateSchema, await readJson(), 'request body');
    const { values, diagnostics } = parseTeamPolicyValues(policy);
    if (diagnostics.length > 0) {
      const message = `policy: ${diagnostics.join('; ')}`;
      throw new HttpError(400, 'invalid_policy', message.slice(0, MAX_MESSAGE));
    }
    const expected = expectedVersion(req.headers['if-match']);
    const result = await deps.db.updatePolicy(principal.team, {
      policy: values,
      // An unreadable If-Match cannot match any version: -1 turns it into a 412.
      ...(expected === undefined
        ? {}
        : { expectedVersion: Number.isNaN(expected) ? -1 : expected }),
      actor: principal.tokenName,
      at: new Date(deps.now()),
    });
    if (result.status === 'conflict') {
      throw new HttpError(
        412,
        'precondition_failed',
        `If-Match does not match: the policy is at version ${result.policy.version}; read it again and retry`,
        { ETag: policyEtag(result.policy.version) },
      );
    }
    const reply = policyReply(principal.team, result.policy);
    return { ...reply, logFields: { changed: result.changes.length } };
  },
};

const auditQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

/** `GET /v1/policy/audit` (supervisor, admin): who changed which setting, newest first. */
export const auditRoute: AuthedRoute = {
  method: 'GET',
  path: API_PATHS.policyAudit,
  access: SUPERVISORS,
  action: 'read the policy audit',
  async handle({ principal, deps, query }) {
    const { limit } = parseOr400(auditQuerySchema, Object.fromEntries(query), 'query');
    const records = await deps.db.listAudit(principal.team, limit);
    const entries: AuditEntry[] = records.map((record) => ({
      at: record.at.toISOString(),
      actor: record.actor,
      setting: record.setting,
      oldValue: record.oldValue,
      newValue: record.newValue,
    }));
    return { status: 200, body: { entries } };
  },
};
