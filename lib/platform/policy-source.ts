import { combineAdapters } from '../adapters/adapter-set';
import { createClassifier } from '../apps/classify';
import type { KeyValueStore } from '../background/key-value';
import { parseManagedPolicy } from '../settings/policy';
import { readManagedPolicy } from './storage-areas';

const CACHE_KEY = 'managed-policy-cache';

function buildPolicy(raw: unknown) {
  const { settings, diagnostics } = parseManagedPolicy(raw);
  for (const diagnostic of diagnostics) console.warn(`Touchpoint policy: ${diagnostic}`);
  const adapters = combineAdapters(settings.customAdapters, settings.adapterHosts);
  const classify = createClassifier({
    adapters,
    additions: settings.catalogueAdditions,
    trackedApps: settings.trackedApps,
    storeOtherDomains: settings.storeOtherDomains,
  });
  return { settings, diagnostics, adapters, classify };
}
export type Policy = ReturnType<typeof buildPolicy>;

/**
 * The admin's policy as settings, adapters and app classifier. Right after the browser starts,
 * `storage.managed` can take seconds to answer (Chromium loads its policy store first), which
 * would hold back the first card: the last policy seen is kept in `storage.local` and used
 * meanwhile; when the browser's answer differs, `onChange` runs as for a policy change.
 */
export function createPolicySource(cache: KeyValueStore, onChange: () => void) {
  let current: Promise<Policy> | undefined;

  async function load(): Promise<Policy> {
    const fresh = readManagedPolicy();
    const cached = await cache.get<unknown>(CACHE_KEY);
    void fresh.then(async (raw) => {
      await cache.set(CACHE_KEY, raw);
      if (cached !== undefined && JSON.stringify(raw) !== JSON.stringify(cached)) {
        current = Promise.resolve(buildPolicy(raw));
        onChange();
      }
    });
    return buildPolicy(cached === undefined ? await fresh : cached);
  }

  return {
    get: () => (current ??= load()),
    invalidate() {
      current = undefined;
    },
  };
}
