import { BUILTIN_ADAPTERS } from '../adapters/registry';
import { APP_CATALOGUE } from './catalogue';

/** What an app is called where a person reads it; the id only travels and keys (issue #17). */
export type AppNames = Readonly<Record<string, string>>;

/** Apps Touchpoint knows by itself: the built-in adapters' CRMs and the catalogue's tools. */
export const BUILTIN_APP_NAMES: AppNames = Object.fromEntries([
  ...APP_CATALOGUE.map((entry) => [entry.id, entry.name] as const),
  ...BUILTIN_ADAPTERS.map((adapter) => [adapter.id, adapter.name] as const),
]);

/**
 * Names of every app in force: the built-in ones, then the admin's adapters and the policy's
 * catalogue additions (in-house tools), which may rename a built-in id.
 */
export function collectAppNames(
  adapters: readonly { id: string; name: string }[],
  additions: readonly { id: string; name: string }[],
): AppNames {
  return {
    ...BUILTIN_APP_NAMES,
    ...Object.fromEntries(adapters.map((adapter) => [adapter.id, adapter.name])),
    ...Object.fromEntries(additions.map((entry) => [entry.id, entry.name])),
  };
}
