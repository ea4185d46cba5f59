import { adapterDefinitionSchema, type AdapterDefinition } from '../adapters/definition';
import { managedPolicyFields } from './managed-schema';
import { describeIssues } from '../validation';

/**
 * Settings that issue #2 needs. Issue #6 brings the full schema with precedence and locks; until
 * then these come from managed storage (admin policy) or their defaults.
 */
export type ContextSettings = {
  /** Days a customer's record contexts stay in the browser. */
  retentionDays: number;
  /** Calling code for phone numbers written without one (E.164 matching). */
  defaultCallingCode: string;
  /** Admin-declared groups of `app:customerId` that are one customer. */
  idLinks: string[][];
  customAdapters: AdapterDefinition[];
  /** Extra host patterns per adapter id: self-hosted installs (osTicket), Zendesk host-mapped domains. */
  adapterHosts: Record<string, string[]>;
};

export const DEFAULT_CONTEXT_SETTINGS: ContextSettings = {
  retentionDays: 7,
  defaultCallingCode: '1',
  idLinks: [],
  customAdapters: [],
  adapterHosts: {},
};

const { customAdapters: _adapters, ...scalarSchemas } = managedPolicyFields;

export type PolicyResult = { settings: ContextSettings; diagnostics: string[] };

/**
 * Reads a managed policy object. Each invalid value is ignored with a diagnostic naming it, and
 * each invalid custom adapter is dropped on its own: one bad entry never disables the others.
 */
export function parseManagedPolicy(raw: unknown): PolicyResult {
  const settings: ContextSettings = {
    ...DEFAULT_CONTEXT_SETTINGS,
    customAdapters: [],
    adapterHosts: {},
  };
  const diagnostics: string[] = [];
  if (raw === undefined || raw === null) return { settings, diagnostics };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { settings, diagnostics: ['policy: must be an object; using defaults'] };
  }
  const policy = raw as Record<string, unknown>;
  for (const [name, schema] of Object.entries(scalarSchemas)) {
    if (!(name in policy)) continue;
    const parsed = schema.safeParse(policy[name]);
    if (parsed.success) Object.assign(settings, { [name]: parsed.data });
    else diagnostics.push(`${name}: ${describeIssues(parsed.error)}; using the default`);
  }
  if ('customAdapters' in policy) {
    const list = policy.customAdapters;
    if (!Array.isArray(list))
      diagnostics.push('customAdapters: must be a list of adapter definitions');
    else {
      const seen = new Set<string>();
      list.forEach((entry: unknown, index) => {
        const parsed = adapterDefinitionSchema.safeParse(entry);
        const label = `customAdapters[${index}]${idOf(entry)}`;
        if (!parsed.success)
          diagnostics.push(`${label}: ${describeIssues(parsed.error)}; adapter ignored`);
        else if (seen.has(parsed.data.id))
          diagnostics.push(`${label}: duplicate id; adapter ignored`);
        else {
          seen.add(parsed.data.id);
          settings.customAdapters.push(parsed.data);
        }
      });
    }
  }
  return { settings, diagnostics };
}

function idOf(entry: unknown) {
  const id = (entry as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? ` (${id.slice(0, 40)})` : '';
}
