import { resolveAdapters } from '../../adapters/adapter-set';
import { scopeCatalogueAdditions } from '../../apps/catalogue-scope';
import { createClassifier } from '../../apps/classify';
import type { KeyValueStore } from '../../background/key-value';
import { AGENT_CHOICES_KEY, readAgentChoices } from '../../settings/agent-choices';
import { resolveSettings } from '../../settings/effective';
import { readManagedValues } from '../../settings/policy';
import { describePolicyProblem } from '../../settings/policy-problems';
import { COLLECTOR_ADAPTERS_KEY, collectorAdaptersFrom } from '../../settings/collector-adapters';
import { collectorKeyOf, type CollectorKey } from '../../settings/collector-key';
import { TEAM_POLICY_CACHE_KEY, teamValuesFrom } from '../../settings/team-policy-sync';
import { readManagedPolicy } from './storage-areas';

const CACHE_KEY = 'managed-policy-cache';

/** `storage.local` keys whose change changes the settings in force (watched by the background). */
export const SETTINGS_INPUT_KEYS = [
  TEAM_POLICY_CACHE_KEY,
  AGENT_CHOICES_KEY,
  COLLECTOR_ADAPTERS_KEY,
] as const;

type Inputs = { managed: unknown; team: unknown; agent: unknown; teamAdapters: unknown };

/** The collector and token the admin's policy names, as the team caches are keyed (or none). */
async function collectorKeyIn(managed: unknown): Promise<CollectorKey | null> {
  const { collectorUrl, collectorToken } = readManagedValues(managed).values;
  if (typeof collectorUrl !== 'string' || typeof collectorToken !== 'string') return null;
  return collectorKeyOf({ url: collectorUrl, token: collectorToken });
}

async function buildPolicy(inputs: Inputs) {
  return buildPolicyUnder(inputs, await collectorKeyIn(inputs.managed));
}

function buildPolicyUnder(
  { managed, team, agent, teamAdapters }: Inputs,
  collectorKey: CollectorKey | null,
) {
  const choices = readAgentChoices(agent);
  const resolved = resolveSettings({
    managed,
    team: teamValuesFrom(team, collectorKey),
    agent: choices.values,
  });
  const { sources } = resolved;
  const catalogue = scopeCatalogueAdditions(resolved.settings.catalogueAdditions, {
    source: sources.catalogueAdditions.source,
    inHouseDomains: resolved.settings.inHouseDomains,
    storeOtherDomains: resolved.settings.storeOtherDomains,
  });
  // What is in force, as the options page shows it: the additions that apply.
  const settings = { ...resolved.settings, catalogueAdditions: catalogue.additions };
  const collector = collectorAdaptersFrom(teamAdapters, collectorKey);
  const { adapters, origins, problems } = resolveAdapters({
    managed: settings.customAdapters,
    collector: collector?.definitions,
    extraHosts: settings.adapterHosts,
  });
  // One list for the options page (as data, issue #17) and, in English, for the log.
  const policyProblems = [
    ...choices.problems,
    ...resolved.problems,
    ...catalogue.problems,
    ...(collector?.problems ?? []),
    ...problems,
  ];
  const diagnostics = policyProblems.map(describePolicyProblem);
  for (const diagnostic of diagnostics) console.warn(`Touchpoint settings: ${diagnostic}`);
  const classify = createClassifier({
    adapters,
    additions: settings.catalogueAdditions,
    trackedApps: settings.trackedApps,
    storeOtherDomains: settings.storeOtherDomains,
  });
  return {
    settings,
    sources,
    policyProblems,
    diagnostics,
    adapters,
    adapterOrigins: origins,
    collectorAdaptersVersion: collector?.version ?? null,
    classify,
  };
}
export type Policy = ReturnType<typeof buildPolicyUnder>;

/**
 * The settings in force (managed › team › agent › defaults, lib/settings/effective.ts) with the
 * adapters and app classifier they imply. Right after the browser starts, `storage.managed` can
 * take seconds to answer (Chromium loads its policy store first), which would hold back the first
 * card: the last managed policy seen is kept in `storage.local` and used meanwhile; when the
 * browser's answer differs, `onChange` runs as for a policy change. The team policy and the
 * agent's choices are read from `storage.local`; the background calls `invalidate` when they or
 * the managed policy change.
 */
export function createPolicySource(
  local: KeyValueStore,
  onChange: () => void,
  readManaged: () => Promise<unknown> = readManagedPolicy,
) {
  let current: Promise<Policy> | undefined;
  let provisional: Promise<Policy> | undefined;
  let servedProvisional = false;
  let settled = false;
  /** Settles once the stored inputs are read, i.e. once `provisional` is known to be needed. */
  let storedRead: Promise<unknown> = Promise.resolve();

  async function load(): Promise<Policy> {
    const fresh = readManaged();
    const reading = Promise.all([
      local.get<unknown>(CACHE_KEY),
      local.get<unknown>(TEAM_POLICY_CACHE_KEY),
      local.get<unknown>(AGENT_CHOICES_KEY),
      local.get<unknown>(COLLECTOR_ADAPTERS_KEY),
    ]);
    storedRead = reading.catch(() => undefined);
    const [cached, team, agent, teamAdapters] = await reading;
    if (cached === undefined) provisional = buildPolicy({ managed: {}, team, agent, teamAdapters });
    void fresh.then(async (raw) => {
      await local.set(CACHE_KEY, raw);
      const seen = cached === undefined ? (servedProvisional ? {} : undefined) : cached;
      if (seen !== undefined && JSON.stringify(raw) !== JSON.stringify(seen)) {
        current = buildPolicy({ managed: raw, team, agent, teamAdapters });
        onChange();
      }
    });
    return buildPolicy({
      managed: cached === undefined ? await fresh : cached,
      team,
      agent,
      teamAdapters,
    });
  }

  const get = () => {
    current ??= load();
    void current.then(() => (settled = true));
    return current;
  };

  return {
    get,
    /**
     * For showing pages their card (issue #15 item 6): the policy as `get`, but while a brand-new
     * profile (nothing cached) waits for the browser's first answer, the defaults with the team's
     * and agent's values at once; when the browser answers with something else, `onChange` runs
     * and pages get the real policy. Measurement and sync keep using `get`: nothing is recorded or
     * sent under a policy the admin did not set.
     */
    async forPages(): Promise<Policy> {
      const definitive = get();
      await storedRead;
      if (settled || provisional === undefined) return definitive;
      servedProvisional = true;
      return provisional;
    },
    /** Whether the browser's policy (or its cached copy) is in force, not `forPages`' stand-in. */
    settled: () => settled,
    invalidate() {
      current = undefined;
    },
  };
}
