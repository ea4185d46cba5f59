import { z } from 'zod';
import type { KeyValueStore } from '../background/key-value';
import { teamPolicySchema } from '../../contract/api';
import { COLLECTOR_ADAPTERS_KEY, refreshCollectorAdapters } from './collector-adapters';
import {
  CollectorError,
  createCollectorClient,
  type CollectorConnection,
  type FetchLike,
} from './collector-client';

/** `storage.local` key of the last team policy seen; a change there re-resolves the settings. */
export const TEAM_POLICY_CACHE_KEY = 'team-policy-cache';
/** `storage.local` key of the last check's outcome (kept apart so a 304 does not re-resolve). */
export const TEAM_POLICY_STATUS_KEY = 'team-policy-status';

/**
 * Version of the cache record's own shape (the values inside carry the settings version). 2: the
 * answer may hold `recordHashCheck`; a cache of format 1 still applies, but is fetched whole once,
 * since the collector's ETag (the policy's version) would keep answering 304 without it.
 */
const CACHE_FORMAT = 2;

export const teamPolicyCacheSchema = z.object({
  format: z.union([z.literal(1), z.literal(CACHE_FORMAT)]),
  /** The collector it came from: a cache from another collector is never applied. */
  collectorUrl: z.string(),
  etag: z.string().nullable(),
  fetchedAt: z.number(),
  policy: teamPolicySchema,
});
export type TeamPolicyCache = z.infer<typeof teamPolicyCacheSchema>;

export const teamPolicyStatusSchema = z.object({
  checkedAt: z.number(),
  outcome: z.enum(['updated', 'unchanged', 'not-configured', 'error']),
  error: z.string().optional(),
  /** The collector checked (none when not configured). */
  collectorUrl: z.string().optional(),
});
export type TeamPolicyStatus = z.infer<typeof teamPolicyStatusSchema>;

/** The cached team policy's values when it belongs to `collectorUrl` (else none). */
export function teamValuesFrom(raw: unknown, collectorUrl: string | undefined) {
  const cache = teamPolicyCacheSchema.safeParse(raw);
  if (!cache.success || !collectorUrl || cache.data.collectorUrl !== collectorUrl) return null;
  return cache.data.policy.policy;
}

type Deps = {
  store: KeyValueStore;
  fetch: FetchLike;
  /** The collector address and token in force, or null when the admin configured none. */
  connection: () => Promise<CollectorConnection | null>;
  now: () => number;
};

/**
 * Keeps the team policy from the collector in `storage.local` (issue #6): a conditional GET with
 * the last ETag, so an unchanged policy costs a 304. The cache applies offline and after the
 * service worker wakes; a failed check keeps it and records the error for the options page.
 */
export function createTeamPolicySync({ store, fetch, connection, now }: Deps) {
  async function record(status: TeamPolicyStatus) {
    await store.set(TEAM_POLICY_STATUS_KEY, status);
    return status;
  }

  return {
    async refresh(): Promise<TeamPolicyStatus> {
      const target = await connection();
      if (!target) {
        await store.remove(TEAM_POLICY_CACHE_KEY);
        await store.remove(COLLECTOR_ADAPTERS_KEY);
        return record({ checkedAt: now(), outcome: 'not-configured' });
      }
      const cached = teamPolicyCacheSchema.safeParse(await store.get(TEAM_POLICY_CACHE_KEY));
      const usable =
        cached.success &&
        cached.data.format === CACHE_FORMAT &&
        cached.data.collectorUrl === target.url;
      try {
        const client = createCollectorClient(target, fetch);
        const answer = await client.getPolicy(usable ? cached.data.etag : null);
        // Adapter definitions travel with the policy refresh (issue #16); a collector without
        // them, or a failed read, leaves the team policy and the cached definitions as they are.
        await refreshCollectorAdapters(store, client, target.url, now()).catch((error: unknown) => {
          console.warn(`Touchpoint: adapter definitions not refreshed: ${String(error)}`);
        });
        if (answer.status === 'unchanged')
          return record({ checkedAt: now(), outcome: 'unchanged' });
        const cache: TeamPolicyCache = {
          format: CACHE_FORMAT,
          collectorUrl: target.url,
          etag: answer.etag,
          fetchedAt: now(),
          policy: answer.policy,
        };
        await store.set(TEAM_POLICY_CACHE_KEY, cache);
        return record({ checkedAt: now(), outcome: 'updated', collectorUrl: target.url });
      } catch (error) {
        const message = error instanceof CollectorError ? error.message : String(error);
        return record({
          checkedAt: now(),
          outcome: 'error',
          error: message,
          collectorUrl: target.url,
        });
      }
    },

    async status() {
      const status = teamPolicyStatusSchema.safeParse(await store.get(TEAM_POLICY_STATUS_KEY));
      const cache = teamPolicyCacheSchema.safeParse(await store.get(TEAM_POLICY_CACHE_KEY));
      return {
        lastCheck: status.success ? status.data : null,
        policy: cache.success
          ? {
              team: cache.data.policy.team,
              version: cache.data.policy.version,
              fetchedAt: cache.data.fetchedAt,
              recordHashCheck: cache.data.policy.recordHashCheck ?? null,
            }
          : null,
      };
    },
  };
}
export type TeamPolicySync = ReturnType<typeof createTeamPolicySync>;
