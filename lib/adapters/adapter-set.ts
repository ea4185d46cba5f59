import type { AdapterOverride, TeamAdapterDefinitions } from '../../contract/adapter-definitions';
import type { PolicyProblem } from '../settings/policy-problems';
import { collectorProblem } from '../settings/collector-adapters';
import { CONTEXT_FIELDS, type ContextField } from '../../contract/record-fields';
import type { AdapterDefinition } from './definition';
import { adapterCoversUrl } from './read-record';
import { BUILTIN_HOST_PATTERNS } from './builtin-hosts';
import { BUILTIN_ADAPTERS } from './registry';

import type { AdapterSource } from './adapter-sources';

export type AdapterOrigin = {
  source: AdapterSource;
  /** Fields whose extractors come from elsewhere than the adapter itself (a collector override). */
  fields: Partial<Record<ContextField, AdapterSource>>;
};

export type ResolvedAdapters = {
  adapters: AdapterDefinition[];
  origins: Record<string, AdapterOrigin>;
  /** Collector definitions that could not apply, naming them (shown with the policy problems). */
  problems: PolicyProblem[];
};

function applyOverride(adapter: AdapterDefinition, override: AdapterOverride): AdapterDefinition {
  return {
    ...adapter,
    hosts: [...new Set([...adapter.hosts, ...override.hosts])],
    records: [...adapter.records, ...override.records],
    fields: { ...adapter.fields, ...override.fields },
  };
}

const fieldsOf = (adapter: AdapterDefinition, source: AdapterSource) =>
  Object.fromEntries(
    CONTEXT_FIELDS.filter((field) => adapter.fields[field]).map((field) => [field, source]),
  ) as AdapterOrigin['fields'];

/**
 * The adapters in force, by precedence: the admin's managed policy, then the collector's team
 * definitions, then the built-ins. An adapter with a built-in's id replaces it whole (a hotfix);
 * a collector override changes a built-in field by field and adds host and record patterns, unless
 * the managed policy replaced that adapter. Then the extra hosts the managed policy names.
 */
export function resolveAdapters({
  managed,
  collector = { overrides: [], custom: [] },
  extraHosts = {},
}: {
  managed: readonly AdapterDefinition[];
  collector?: TeamAdapterDefinitions;
  extraHosts?: Readonly<Record<string, readonly string[]>>;
}): ResolvedAdapters {
  const problems: PolicyProblem[] = [];
  const managedIds = new Set(managed.map((adapter) => adapter.id));
  const teamCustom = collector.custom.filter((adapter) => {
    if (!managedIds.has(adapter.id)) return true;
    problems.push(
      collectorProblem(
        { list: 'custom', adapterId: adapter.id },
        { kind: 'shadowed', by: 'managed' },
      ),
    );
    return false;
  });
  const replaced = new Set([...managedIds, ...teamCustom.map((adapter) => adapter.id)]);
  const builtIns = BUILTIN_ADAPTERS.filter((adapter) => !replaced.has(adapter.id));
  const builtInIds = new Set(builtIns.map((adapter) => adapter.id));
  const overrides = new Map<string, AdapterOverride>();
  for (const override of collector.overrides) {
    if (builtInIds.has(override.id)) overrides.set(override.id, override);
    else if (replaced.has(override.id)) {
      const by = managedIds.has(override.id) ? 'managed' : 'collector';
      problems.push(
        collectorProblem({ list: 'overrides', adapterId: override.id }, { kind: 'shadowed', by }),
      );
    } else {
      problems.push(
        collectorProblem({ list: 'overrides', adapterId: override.id }, { kind: 'noBuiltIn' }),
      );
    }
  }

  const origins: Record<string, AdapterOrigin> = {};
  const sourced: [AdapterDefinition, AdapterSource][] = [
    ...managed.map((adapter) => [adapter, 'policy'] as [AdapterDefinition, AdapterSource]),
    ...teamCustom.map((adapter) => [adapter, 'collector'] as [AdapterDefinition, AdapterSource]),
    ...builtIns.map((adapter) => [adapter, 'built-in'] as [AdapterDefinition, AdapterSource]),
  ];
  const adapters = sourced.map(([adapter, source]) => {
    const override = overrides.get(adapter.id);
    const resolved = override ? applyOverride(adapter, override) : adapter;
    origins[adapter.id] = {
      source,
      fields: {
        ...fieldsOf(adapter, source),
        ...(override && fieldsOf({ ...adapter, fields: override.fields }, 'collector')),
      },
    };
    const hosts = extraHosts[adapter.id];
    return hosts ? { ...resolved, hosts: [...new Set([...resolved.hosts, ...hosts])] } : resolved;
  });
  // "os-ticket" for osticket: said, or the helpdesk stays without its adapter and nobody knows why.
  for (const id of Object.keys(extraHosts).filter((key) => !Object.hasOwn(origins, key))) {
    problems.push({
      source: 'managed',
      path: `adapterHosts.${id}`,
      reason: { kind: 'noSuchAdapter' },
      outcome: 'ignored',
    });
  }
  return { adapters, origins, problems };
}

/** The adapters in force from the managed policy and the built-ins alone (see resolveAdapters). */
export function combineAdapters(
  custom: readonly AdapterDefinition[],
  extraHosts: Readonly<Record<string, readonly string[]>> = {},
): AdapterDefinition[] {
  return resolveAdapters({ managed: custom, extraHosts }).adapters;
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
