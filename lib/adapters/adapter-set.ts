import type { AdapterDefinition } from './definition';
import { adapterCoversUrl } from './read-record';
import { BUILTIN_HOST_PATTERNS } from './builtin-hosts';
import { BUILTIN_ADAPTERS } from './registry';

/**
 * The adapters in force: the admin's, then the built-ins (an admin adapter with a built-in's id
 * replaces it, e.g. to hotfix a selector), each with the extra hosts the admin's policy names.
 */
export function combineAdapters(
  custom: readonly AdapterDefinition[],
  extraHosts: Readonly<Record<string, readonly string[]>> = {},
): AdapterDefinition[] {
  const customIds = new Set(custom.map((adapter) => adapter.id));
  return [...custom, ...BUILTIN_ADAPTERS.filter((adapter) => !customIds.has(adapter.id))].map(
    (adapter) => {
      const hosts = extraHosts[adapter.id];
      return hosts ? { ...adapter, hosts: [...new Set([...adapter.hosts, ...hosts])] } : adapter;
    },
  );
}

/** Host patterns the manifest does not cover: granted at run time, content script registered then. */
export function runtimeHosts(adapters: readonly AdapterDefinition[]): string[] {
  const builtIn = new Set<string>(BUILTIN_HOST_PATTERNS);
  return [...new Set(adapters.flatMap((adapter) => adapter.hosts))].filter(
    (host) => !builtIn.has(host),
  );
}

/** Adapters whose hosts cover the URL, in the order they should be tried. */
export function adaptersForUrl(adapters: readonly AdapterDefinition[], url: string) {
  return adapters.filter((adapter) => adapterCoversUrl(adapter, url));
}
