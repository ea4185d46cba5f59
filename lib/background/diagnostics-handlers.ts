import type { Dexie } from 'dexie';
import type { AdapterOrigin } from '../adapters/adapter-set';
import type { AdapterDefinition } from '../adapters/definition';
import type { Handlers } from '../messaging/router';
import type { Settings } from '../settings/definitions';
import type { PolicyProblem } from '../settings/policy-problems';
import type { TabRecord } from './tab-state';

export type DiagnosticsDeps = {
  policy: () => Promise<{
    settings: Settings;
    adapters: AdapterDefinition[];
    /** Where each adapter and field comes from (managed policy › collector › built-in). */
    adapterOrigins: Record<string, AdapterOrigin>;
    collectorAdaptersVersion: number | null;
    /** What the policies got wrong, as data: the options page says it in the UI language. */
    policyProblems: PolicyProblem[];
  }>;
  /** Hosts of adapters in force that the agent has not granted yet. */
  hostsAwaitingGrant: (adapters: readonly AdapterDefinition[]) => Promise<string[]>;
  /** The web page in front (not an extension page) and the record its adapter read, if any. */
  frontTab: () => Promise<{ url: string; record: TabRecord | undefined } | null>;
  db: Dexie;
};

/**
 * Handlers for the options page's diagnostics: which adapters are in force and from where, what
 * the policy got wrong, which hosts await a grant, and what the adapter read on the page in front.
 */
export function createDiagnosticsHandlers(
  deps: DiagnosticsDeps,
): Pick<Handlers, 'diagnostics.get' | 'diagnostics.tab'> {
  return {
    async 'diagnostics.get'() {
      const { adapters, adapterOrigins, collectorAdaptersVersion, policyProblems } =
        await deps.policy();
      return {
        adapters: adapters.map(({ id, name, hosts }) => ({
          id,
          name,
          hosts,
          source: adapterOrigins[id]?.source ?? ('built-in' as const),
          fields: adapterOrigins[id]?.fields ?? {},
        })),
        collectorAdaptersVersion,
        policyProblems,
        hostsAwaitingGrant: await deps.hostsAwaitingGrant(adapters),
      };
    },

    async 'diagnostics.tab'() {
      const front = await deps.frontTab();
      if (!front) return null;
      // Only the origin and path: the page's query may carry customer data.
      const url = new URL(front.url);
      const stored = front.record
        ? ((await deps.db.table('contexts').get(front.record.recordKey)) as
            { matchedBy?: Record<string, string> } | undefined)
        : undefined;
      return {
        url: `${url.origin}${url.pathname}`,
        appName: front.record?.appName ?? null,
        matchedBy: stored?.matchedBy ?? {},
      };
    },
  };
}
