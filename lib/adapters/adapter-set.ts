import type { AdapterDefinition } from './definition';
import { adapterCoversUrl } from './read-record';
import { BUILTIN_ADAPTERS } from './registry';

/** Built-in adapters plus the admin's; an admin adapter with a built-in's id replaces it (DOM hotfix). */
export function combineAdapters(custom: readonly AdapterDefinition[]): AdapterDefinition[] {
  const customIds = new Set(custom.map((adapter) => adapter.id));
  return [...custom, ...BUILTIN_ADAPTERS.filter((adapter) => !customIds.has(adapter.id))];
}

/** Adapters whose hosts cover the URL, in the order they should be tried. */
export function adaptersForUrl(adapters: readonly AdapterDefinition[], url: string) {
  return adapters.filter((adapter) => adapterCoversUrl(adapter, url));
}
