import type { AdapterDefinition } from './definition';
import { zendesk } from './zendesk';

/** Built-in adapters, in the order they are tried. */
export const BUILTIN_ADAPTERS: readonly AdapterDefinition[] = [zendesk];
