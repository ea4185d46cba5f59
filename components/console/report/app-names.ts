import { BUILTIN_APP_NAMES } from '@/lib/apps/app-names';

// The collector knows apps by id (PRODUCT.md privacy rule 2); the console shows their names.

/** Turns an app id into the name a person reads. */
export type AppNameOf = (id: string) => string;

/** The app's name among the built-in ones, or its id for in-house apps added by policy. */
export const appName: AppNameOf = (id) => BUILTIN_APP_NAMES[id] ?? id;
