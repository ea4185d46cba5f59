import type { CollectorConnection } from './collector-client';
import { fingerprintOf } from './fingerprint';

/**
 * What a team cache (the policy, the adapter definitions) was fetched with: the collector's
 * address and a fingerprint of address and token. A collector serves each team under the team's
 * own tokens, numbering its versions per team (a policy's ETag names its version and content, the
 * same for two teams' equal policies), so a cache fetched with another token may be another
 * team's even at the same address, version and ETag.
 */
export type CollectorKey = { url: string; fingerprint: string };

/** How a cache record names its collector and token; `for` is absent from records older than it. */
type KeyedRecord = { collectorUrl: string; for?: string | undefined };

export async function collectorKeyOf({ url, token }: CollectorConnection): Promise<CollectorKey> {
  return { url, fingerprint: await fingerprintOf([url, token]) };
}

/** Whether `cache` was fetched with `key`'s token, so that its version or ETag may revalidate it. */
export function fetchedWith(cache: KeyedRecord, key: CollectorKey): boolean {
  return cache.collectorUrl === key.url && cache.for === key.fingerprint;
}

/**
 * Whether `cache` applies under `key` (none: no collector and token configured). A record written
 * before caches named their token still applies on its collector: dropping it would put the
 * defaults in force (tracking on, say) until the next refresh, which fetches it whole.
 */
export function appliesUnder(cache: KeyedRecord, key: CollectorKey | null): boolean {
  if (!key) return false;
  return fetchedWith(cache, key) || (cache.for === undefined && cache.collectorUrl === key.url);
}
