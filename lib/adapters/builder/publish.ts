import { z } from 'zod';
import { errorResponseSchema } from '../../../contract/api';
import { describeIssues } from '../../../contract/validation';
import { adapterDefinitionSchema, type AdapterDefinition } from '../definition';

// Publishing a built adapter to the collector's team adapter definitions (issue #16, item 2):
// `GET /v1/adapters`, replace or append the custom adapter with the same id, `PUT` with the
// version read as `baseVersion`. The collector answers 409 `stale_version` when someone published
// in between; the admin is told and may retry (which reads again).

export const ADAPTERS_PATH = '/v1/adapters';

/** The team's adapter definitions as the collector serves them. */
export const teamAdaptersSchema = z.object({
  version: z.number().int().nonnegative(),
  definitions: z.object({
    // Overrides of built-in adapters are another part's business: passed back untouched.
    overrides: z.array(z.unknown()),
    custom: z.array(adapterDefinitionSchema),
  }),
  updatedAt: z.union([z.string(), z.number()]).nullable(),
  updatedBy: z.string().nullable(),
});
export type TeamAdapters = z.infer<typeof teamAdaptersSchema>;

export type PublishResult =
  { status: 'published'; version: number; replaced: boolean } | { status: 'stale' };

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** A failed request, with what the collector or the network said (never the token). */
export class PublishError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'PublishError';
  }
}

/** The team's custom adapters with `adapter` in place of the one with its id, or appended. */
export function withCustomAdapter(current: AdapterDefinition[], adapter: AdapterDefinition) {
  const index = current.findIndex((existing) => existing.id === adapter.id);
  if (index < 0) return { custom: [...current, adapter], replaced: false };
  return { custom: current.with(index, adapter), replaced: true };
}

/**
 * Publishes adapters to the collector at `url` with an admin's token (pasted in the builder for
 * this session, never stored in policy). Every answer is validated; failures throw PublishError.
 */
export function createAdapterPublisher(
  { url, token }: { url: string; token: string },
  fetch: FetchLike,
) {
  async function call(init: RequestInit) {
    try {
      return await fetch(`${url}${ADAPTERS_PATH}`, {
        ...init,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          ...(init.body ? { 'content-type': 'application/json' } : {}),
        },
        cache: 'no-store',
        credentials: 'omit',
      });
    } catch (error) {
      throw new PublishError(
        `cannot reach ${url}: ${error instanceof Error ? error.message : String(error)}`,
        null,
      );
    }
  }

  async function failure(response: Response, method: string) {
    const body = errorResponseSchema.safeParse(await response.json().catch(() => null));
    const detail = body.success ? `${body.data.error}: ${body.data.message}` : response.statusText;
    return new PublishError(
      `${method} ${ADAPTERS_PATH}: HTTP ${response.status} ${detail}`.trim(),
      response.status,
    );
  }

  async function parse(response: Response, method: string) {
    const parsed = teamAdaptersSchema.safeParse(await response.json().catch(() => null));
    if (!parsed.success) {
      throw new PublishError(
        `${method} ${ADAPTERS_PATH}: unexpected answer: ${describeIssues(parsed.error)}`,
        null,
      );
    }
    return parsed.data;
  }

  async function read(): Promise<TeamAdapters> {
    const response = await call({ method: 'GET' });
    if (response.status !== 200) throw await failure(response, 'GET');
    return parse(response, 'GET');
  }

  return {
    read,
    /** Reads the current definitions, puts `adapter` among the custom ones and saves. */
    async publish(adapter: AdapterDefinition): Promise<PublishResult> {
      const current = await read();
      const { custom, replaced } = withCustomAdapter(current.definitions.custom, adapter);
      const response = await call({
        method: 'PUT',
        body: JSON.stringify({
          baseVersion: current.version,
          definitions: { ...current.definitions, custom },
        }),
      });
      if (response.status === 409) {
        const body = errorResponseSchema.safeParse(await response.json().catch(() => null));
        if (!body.success || body.data.error === 'stale_version') return { status: 'stale' };
        throw new PublishError(`PUT ${ADAPTERS_PATH}: HTTP 409 ${body.data.error}`, 409);
      }
      if (response.status !== 200) throw await failure(response, 'PUT');
      const saved = await parse(response, 'PUT');
      return { status: 'published', version: saved.version, replaced };
    },
  };
}
