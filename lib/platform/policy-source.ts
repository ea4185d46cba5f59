import { combineAdapters } from '../adapters/adapter-set';
import { createClassifier } from '../apps/classify';
import { parseManagedPolicy } from '../settings/policy';
import { readManagedPolicy } from './storage-areas';

async function loadPolicy() {
  const { settings, diagnostics } = parseManagedPolicy(await readManagedPolicy());
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
export type Policy = Awaited<ReturnType<typeof loadPolicy>>;

/** The admin's policy as settings, adapters and app classifier; read once, again after a change. */
export function createPolicySource() {
  let current: Promise<Policy> | undefined;
  return {
    get: () => (current ??= loadPolicy()),
    invalidate() {
      current = undefined;
    },
  };
}
