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
import { appliesUnder, collectorKeyOf, fetchedWith, type CollectorKey } from './collector-key';

/** `storage.local` key of the last team policy seen; a change there re-resolves the settings. */
export const TEAM_POLICY_CACHE_KEY = 'team-policy-cache';
/** `storage.local` key of the last check's outcome (kept apart so a 304 does not re-resolve). */
export const TEAM_POLICY_STATUS_KEY = 'team-policy-status';

/**
 * Version of the cache record's own shape (the values inside carry the settings version). 2: the
 * answer may hold `recordHashCheck`; 3: the record names the token it was fetched with (`for`). A
 * cache of an older format still applies on its collector, but is fetched whole once, since the
 * collector's ETag (it names the policy's version and content, not the rest of the answer) would
 * keep answering 304 without it. The ETag is opaque here: only sent back, never read.
 */
const CACHE_FORMAT = 3;

export const teamPolicyCacheSchema = z.object({
  format: z.union([z.literal(1), z.literal(2), z.literal(CACHE_FORMAT)]),
  /** The collector it came from: a cache from another collector is never applied. */
  collectorUrl: z.string(),
  /**
   * Fingerprint of the collector address and token it was fetched with (collector-key.ts), from
   * format 3: another token's cache, maybe another team's, is neither applied nor revalidated,
   * since each team counts its own versions, and another team's ETag names the same version and
   * content whenever the two policies agree (both empty at version 0, say): it would be answered
   * 304, keeping the other team's `recordHashCheck`.
   */
  for: z.string().optional(),
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
  /** Fingerprint of the collector address and token checked, as the cache's `for`. */
  for: z.string().optional(),
});
export type TeamPolicyStatus = z.infer<typeof teamPolicyStatusSchema>;

/** The cached team policy when it applies under the collector and token `key` (else none). */
function cachedPolicyUnder(raw: unknown, key: CollectorKey | null) {
  const cache = teamPolicyCacheSchema.safeParse(raw);
  return cache.success && appliesUnder(cache.data, key) ? cache.data : null;
}

/** The cached team policy's values when it applies under the collector and token `key`. */
export function teamValuesFrom(raw: unknown, key: CollectorKey | null) {
  return cachedPolicyUnder(raw, key)?.policy.policy ?? null;
}

/**
 * The ETag to revalidate the cache with: only a cache of this format fetched with this very token
 * (another team's ETag, the same for an equal policy at the same version, would be answered 304
 * and its `recordHashCheck` kept).
 */
function etagToRevalidate(raw: unknown, key: CollectorKey): string | null {
  const cache = teamPolicyCacheSchema.safeParse(raw);
  const usable =
    cache.success && cache.data.format === CACHE_FORMAT && fetchedWith(cache.data, key);
  return usable ? cache.data.etag : null;
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

  async function keyInForce(): Promise<CollectorKey | null> {
    const target = await connection();
    return target && collectorKeyOf(target);
  }

  return {
    async refresh(): Promise<TeamPolicyStatus> {
      const target = await connection();
      if (!target) {
        await store.remove(TEAM_POLICY_CACHE_KEY);
        await store.remove(COLLECTOR_ADAPTERS_KEY);
        return record({ checkedAt: now(), outcome: 'not-configured' });
      }
      const key = await collectorKeyOf(target);
      const checked = { collectorUrl: target.url, for: key.fingerprint };
      try {
        const client = createCollectorClient(target, fetch);
        const answer = await client.getPolicy(
          etagToRevalidate(await store.get(TEAM_POLICY_CACHE_KEY), key),
        );
        // Adapter definitions travel with the policy refresh (issue #16); a collector without
        // them, or a failed read, leaves the team policy and the cached definitions as they are.
        await refreshCollectorAdapters(store, client, key, now()).catch((error: unknown) => {
          console.warn(`Touchpoint: adapter definitions not refreshed: ${String(error)}`);
        });
        if (answer.status === 'unchanged')
          return record({ checkedAt: now(), outcome: 'unchanged' });
        const cache: TeamPolicyCache = {
          format: CACHE_FORMAT,
          collectorUrl: target.url,
          for: key.fingerprint,
          etag: answer.etag,
          fetchedAt: now(),
          policy: answer.policy,
        };
        await store.set(TEAM_POLICY_CACHE_KEY, cache);
        return record({ checkedAt: now(), outcome: 'updated', ...checked });
      } catch (error) {
        const message = error instanceof CollectorError ? error.message : String(error);
        return record({
          checkedAt: now(),
          outcome: 'error',
          error: message,
          ...checked,
        });
      }
    },

    /** The last check, and the cached policy when it is the one in force (another token's is not). */
    async status() {
      const status = teamPolicyStatusSchema.safeParse(await store.get(TEAM_POLICY_STATUS_KEY));
      const cache = cachedPolicyUnder(await store.get(TEAM_POLICY_CACHE_KEY), await keyInForce());
      return {
        lastCheck: status.success ? status.data : null,
        policy: cache
          ? {
              team: cache.policy.team,
              version: cache.policy.version,
              fetchedAt: cache.fetchedAt,
              recordHashCheck: cache.policy.recordHashCheck ?? null,
            }
          : null,
      };
    },

    /**
     * Whether the last check was of the collector and token in force and younger than `maxAgeMs`:
     * a check made with another token, another team's, never counts.
     */
    async checkedWithin(maxAgeMs: number): Promise<boolean> {
      const status = teamPolicyStatusSchema.safeParse(await store.get(TEAM_POLICY_STATUS_KEY));
      const key = await keyInForce();
      if (!status.success || !key || status.data.for !== key.fingerprint) return false;
      return now() - status.data.checkedAt < maxAgeMs;
    },
  };
}
export type TeamPolicySync = ReturnType<typeof createTeamPolicySync>;
