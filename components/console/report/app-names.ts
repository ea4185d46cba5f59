import { BUILTIN_ADAPTERS } from '@/lib/adapters/registry';
import { APP_CATALOGUE } from '@/lib/apps/catalogue';

// The collector knows apps by id (PRODUCT.md privacy rule 2); the console shows their names.
const NAMES = new Map<string, string>([
  ...APP_CATALOGUE.map((entry) => [entry.id, entry.name] as const),
  ...BUILTIN_ADAPTERS.map((adapter) => [adapter.id, adapter.name] as const),
]);

/** The app's name, or its id for in-house apps added by policy. */
export const appName = (id: string) => NAMES.get(id) ?? id;
