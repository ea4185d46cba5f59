import { z } from 'zod';
import {
  readTeamAdaptersLeniently,
  type TeamAdapterDefinitions,
  type TeamAdapterProblem,
} from '../../contract/adapter-definitions';
import type { KeyValueStore } from '../background/key-value';
import type { CollectorClient } from './collector-client';
import { appliesUnder, fetchedWith, type CollectorKey } from './collector-key';
import type { PolicyProblem } from './policy-problems';

// Adapter definitions the collector serves to the team (issue #16), fetched at each team-policy
// refresh and kept in `storage.local`, so they apply offline and after the worker wakes. A change
// there re-resolves the adapters in force (lib/platform/background/policy-source.ts).

/** `storage.local` key of the last adapter definitions served by the collector. */
export const COLLECTOR_ADAPTERS_KEY = 'collector-adapters-cache';

const cacheSchema = z.object({
  /** The collector it came from: definitions from another collector are never applied. */
  collectorUrl: z.string(),
  /**
   * Fingerprint of the collector address and token they were fetched with (collector-key.ts): each
   * team numbers its versions from 1, so another team's definitions may carry the same version.
   * Absent from records written before it.
   */
  for: z.string().optional(),
  version: z.number().int().nonnegative(),
  fetchedAt: z.number(),
  /** The answer as served; read entry by entry when applied, so one bad entry drops alone. */
  answer: z.unknown(),
});

export type CollectorAdapters = {
  version: number;
  definitions: TeamAdapterDefinitions;
  problems: PolicyProblem[];
};

/** Where the collector's lists show among the policy problems, as the console names them. */
const COLLECTOR_PATHS = {
  overrides: 'collector overrides',
  custom: 'collector adapters',
} as const satisfies Record<TeamAdapterProblem['list'], string>;

/**
 * A collector entry that does not apply, as a policy problem: its list (and place in it, when
 * known), its id and why. A custom adapter is left out; an override simply does not apply.
 */
export function collectorProblem(
  { list, index, adapterId }: Omit<TeamAdapterProblem, 'index' | 'reason'> & { index?: number },
  reason: PolicyProblem['reason'],
): PolicyProblem {
  return {
    source: 'collector',
    path: index === undefined ? COLLECTOR_PATHS[list] : `${COLLECTOR_PATHS[list]}[${index}]`,
    ...(adapterId !== undefined && { adapterId }),
    reason,
    outcome: list === 'custom' ? 'adapterIgnored' : 'ignored',
  };
}

/** The cached definitions when they apply under the collector and token `key` (else none). */
export function collectorAdaptersFrom(
  raw: unknown,
  key: CollectorKey | null,
): CollectorAdapters | null {
  const cache = cacheSchema.safeParse(raw);
  if (!cache.success || !appliesUnder(cache.data, key)) return null;
  const read = readTeamAdaptersLeniently(cache.data.answer);
  if (read) {
    const problems = read.problems.map((problem) => collectorProblem(problem, problem.reason));
    return { ...read, problems };
  }
  return {
    version: cache.data.version,
    definitions: { overrides: [], custom: [] },
    problems: [
      {
        source: 'collector',
        path: COLLECTOR_PATHS.custom,
        reason: { kind: 'unreadable' },
        outcome: 'ignored',
      },
    ],
  };
}

/**
 * Fetches the team's adapter definitions and stores them when they changed (a new version, or
 * another collector or token); an unchanged answer writes nothing, so nothing is re-resolved.
 */
export async function refreshCollectorAdapters(
  store: KeyValueStore,
  client: Pick<CollectorClient, 'getAdapters'>,
  key: CollectorKey,
  now: number,
): Promise<'updated' | 'unchanged'> {
  const answer = await client.getAdapters();
  const cached = cacheSchema.safeParse(await store.get(COLLECTOR_ADAPTERS_KEY));
  if (cached.success && fetchedWith(cached.data, key) && cached.data.version === answer.version) {
    return 'unchanged';
  }
  await store.set(COLLECTOR_ADAPTERS_KEY, {
    collectorUrl: key.url,
    for: key.fingerprint,
    version: answer.version,
    fetchedAt: now,
    answer: answer.raw,
  });
  return 'updated';
}
