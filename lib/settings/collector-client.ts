import type { z } from 'zod';
import {
  API_PATHS,
  auditListSchema,
  errorResponseSchema,
  installListSchema,
  installSchema,
  teamPolicySchema,
  whoamiSchema,
  type AuditEntry,
  type Install,
  type TeamPolicy,
  type Whoami,
} from '../../contract/api';
import { describeIssues } from '../../contract/validation';
import {
  teamAdaptersSchema,
  type TeamAdapterDefinitionsInput,
  type TeamAdapters,
} from '../../contract/adapter-definitions';
import { adapterHealthReportSchema, type AdapterHealthReport } from '../../contract/adapter-health';
import { z as zod } from 'zod';

/** Where the collector is and the token to present (both from the admin's managed policy). */
export type CollectorConnection = { url: string; token: string };

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** A failed collector request, with what the collector or the network said (never the token). */
export class CollectorError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'CollectorError';
  }
}

export type PolicyFetch =
  { status: 'unchanged' } | { status: 'ok'; policy: TeamPolicy; etag: string | null };

export type PolicySave =
  { status: 'saved'; policy: TeamPolicy; etag: string | null } | { status: 'conflict' };

/**
 * The collector's policy endpoints (contract/api.ts) for the team policy client and the
 * supervisor console: every answer is validated, every failure becomes a CollectorError.
 */
export function createCollectorClient({ url, token }: CollectorConnection, fetch: FetchLike) {
  async function request(path: string, init: RequestInit = {}, okStatuses = [200]) {
    let response: Response;
    try {
      response = await fetch(`${url}${path}`, {
        ...init,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          ...(init.headers as Record<string, string> | undefined),
        },
        cache: 'no-store',
        credentials: 'omit',
      });
    } catch (error) {
      throw new CollectorError(
        `cannot reach ${url}: ${error instanceof Error ? error.message : String(error)}`,
        null,
      );
    }
    if (!okStatuses.includes(response.status)) {
      const body = errorResponseSchema.safeParse(await response.json().catch(() => null));
      const detail = body.success
        ? `${body.data.error}: ${body.data.message}`
        : response.statusText;
      throw new CollectorError(
        `${path}: HTTP ${response.status} ${detail}`.trim(),
        response.status,
      );
    }
    return response;
  }

  async function parse<T extends z.ZodType>(response: Response, schema: T, path: string) {
    const parsed = schema.safeParse(await response.json().catch(() => null));
    if (!parsed.success)
      throw new CollectorError(`${path}: unexpected answer: ${describeIssues(parsed.error)}`, null);
    return parsed.data as z.infer<T>;
  }

  return {
    async whoami(): Promise<Whoami> {
      return parse(await request(API_PATHS.whoami), whoamiSchema, API_PATHS.whoami);
    },

    /** `GET /v1/policy`, conditional on the ETag seen last (304: unchanged). */
    async getPolicy(etag: string | null): Promise<PolicyFetch> {
      const response = await request(
        API_PATHS.policy,
        { headers: etag ? { 'if-none-match': etag } : {} },
        [200, 304],
      );
      if (response.status === 304) return { status: 'unchanged' };
      const policy = await parse(response, teamPolicySchema, API_PATHS.policy);
      return { status: 'ok', policy, etag: response.headers.get('etag') };
    },

    /** `PUT /v1/policy` guarded by `If-Match` (412: someone else saved first). */
    async putPolicy(policy: Record<string, unknown>, etag: string | null): Promise<PolicySave> {
      const response = await request(
        API_PATHS.policy,
        {
          method: 'PUT',
          headers: { 'content-type': 'application/json', ...(etag ? { 'if-match': etag } : {}) },
          body: JSON.stringify({ policy }),
        },
        [200, 412],
      );
      if (response.status === 412) return { status: 'conflict' };
      const saved = await parse(response, teamPolicySchema, API_PATHS.policy);
      return { status: 'saved', policy: saved, etag: response.headers.get('etag') };
    },

    async audit(): Promise<AuditEntry[]> {
      const path = API_PATHS.policyAudit;
      return (await parse(await request(path), auditListSchema, path)).entries;
    },

    /** `GET /v1/installs` (admin): every enrolment of the team, revoked ones included. */
    async installs(): Promise<Install[]> {
      const path = API_PATHS.installs;
      return (await parse(await request(path), installListSchema, path)).installs;
    },

    /**
     * `GET /v1/adapters`: the version is checked here; the definitions are returned as served,
     * for the extension to read entry by entry (one bad entry never drops the others).
     */
    async getAdapters(): Promise<{ version: number; raw: unknown }> {
      const path = API_PATHS.adapters;
      const raw: unknown = await (await request(path)).json().catch(() => null);
      const envelope = zod.object({ version: zod.number().int().nonnegative() }).safeParse(raw);
      if (!envelope.success) throw new CollectorError(`${path}: unexpected answer`, null);
      return { version: envelope.data.version, raw };
    },

    /** `GET /v1/adapters` for the console, validated whole. */
    async readAdapters(): Promise<TeamAdapters> {
      const path = API_PATHS.adapters;
      return parse(await request(path), teamAdaptersSchema, path);
    },

    /**
     * `PUT /v1/adapters` (admin): 409 when someone published since `baseVersion`; 400 naming the
     * entry when one does not pass the checks, stored ones included.
     */
    async publishAdapters(
      baseVersion: number,
      definitions: TeamAdapterDefinitionsInput | TeamAdapters['definitions'],
    ): Promise<TeamAdapters> {
      const path = API_PATHS.adapters;
      const response = await request(path, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ baseVersion, definitions }),
      });
      return parse(response, teamAdaptersSchema, path);
    },

    /** `POST /v1/adapters/rollback` (admin). */
    async rollbackAdapters(): Promise<TeamAdapters> {
      const path = API_PATHS.adaptersRollback;
      return parse(await request(path, { method: 'POST' }), teamAdaptersSchema, path);
    },

    /** `GET /v1/adapters/health` (supervisor, admin). */
    async adapterHealth(days: number): Promise<AdapterHealthReport> {
      const path = API_PATHS.adapterHealth;
      return parse(await request(`${path}?days=${days}`), adapterHealthReportSchema, path);
    },

    /** `POST /v1/installs/{id}/revoke` (admin). */
    async revokeInstall(id: string): Promise<Install> {
      const path = API_PATHS.installRevoke.replace(':id', encodeURIComponent(id));
      return parse(await request(path, { method: 'POST' }), installSchema, path);
    },
  };
}
export type CollectorClient = ReturnType<typeof createCollectorClient>;
