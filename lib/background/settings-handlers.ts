import type { Handlers } from '../messaging/router';
import { AGENT_CHOICES_KEY, applyAgentChoice } from '../settings/agent-choices';
import { recordHashSecretState } from '../settings/record-hash-check';
import { createCollectorClient, type FetchLike } from '../settings/collector-client';
import type { SettingName, Settings } from '../settings/definitions';
import type { SettingState } from '../settings/sources';
import type { TeamPolicySync } from '../settings/team-policy-sync';
import type { KeyValueStore } from './key-value';
import { messageOf, settingEntries } from './masked-settings';

/** The settings in force with their sources (lib/platform/background/policy.ts). */
export type PolicyReader = () => Promise<{
  settings: Settings;
  sources: Record<SettingName, SettingState>;
  diagnostics: string[];
}>;

export type SettingsDeps = {
  policy: PolicyReader;
  /** Forget the settings in force (the next `policy()` resolves them again). */
  invalidate: () => void;
  local: KeyValueStore;
  teamPolicy: TeamPolicySync;
  fetch: FetchLike;
};

type SettingsRequest =
  'settings.get' | 'settings.setAgentChoice' | 'settings.refreshTeamPolicy' | 'collector.test';

/** "Refresh now" (and a saved console policy): check the collector, re-resolve when it changed. */
export async function refreshTeamPolicy(deps: Pick<SettingsDeps, 'teamPolicy' | 'invalidate'>) {
  const status = await deps.teamPolicy.refresh();
  if (status.outcome !== 'unchanged') deps.invalidate();
  return status;
}

/**
 * Handlers for the options page's settings section (lib/messaging/settings-requests.ts): the
 * settings in force, the agent's own choices, the team policy check and the collector test.
 */
export function createSettingsHandlers(deps: SettingsDeps): Pick<Handlers, SettingsRequest> {
  return {
    async 'settings.get'() {
      const { settings, sources, diagnostics } = await deps.policy();
      const { lastCheck, policy } = await deps.teamPolicy.status();
      return {
        settings: settingEntries(settings, sources),
        diagnostics,
        collector: {
          url: settings.collectorUrl ?? null,
          tokenConfigured: settings.collectorToken !== undefined,
          lastCheck,
          teamPolicy: policy,
          recordHashSecret: await recordHashSecretState(
            settings.recordHashSecret,
            policy?.recordHashCheck,
          ),
        },
      };
    },

    async 'settings.setAgentChoice'({ name, value }) {
      const { sources } = await deps.policy();
      const next = applyAgentChoice(
        await deps.local.get(AGENT_CHOICES_KEY),
        name,
        value,
        sources[name as SettingName],
      );
      await deps.local.set(AGENT_CHOICES_KEY, next);
      deps.invalidate();
      return { ok: true as const };
    },

    'settings.refreshTeamPolicy': () => refreshTeamPolicy(deps),

    async 'collector.test'() {
      const { settings } = await deps.policy();
      if (!settings.collectorUrl || !settings.collectorToken)
        return { ok: false as const, error: 'no collector configured by your admin' };
      try {
        const client = createCollectorClient(
          { url: settings.collectorUrl, token: settings.collectorToken },
          deps.fetch,
        );
        return { ok: true as const, whoami: await client.whoami() };
      } catch (error) {
        return { ok: false as const, error: messageOf(error) };
      }
    },
  };
}
