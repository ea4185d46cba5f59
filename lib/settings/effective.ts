import { summarizeIssues } from '../../contract/validation';
import { defaultSettings, SETTINGS, type SettingName, type Settings } from './definitions';
import { migrateSettingValues, SETTINGS_SCHEMA_VERSION } from './migrations';
import { readManagedValues, withTeamScale } from './policy';
import { describePolicyProblem, type PolicyProblem, type ProblemReason } from './policy-problems';
import type { SettingSource, SettingState } from './sources';
import { isTeamSetting } from '../../contract/team-policy';

export { SETTING_SOURCES, type SettingSource, type SettingState } from './sources';

export type SettingsInput = {
  /** The admin's managed policy as the browser hands it over (validated here). */
  managed?: unknown;
  /** The team policy's values from the collector (validated here); may carry `schemaVersion`. */
  team?: Record<string, unknown> | null;
  /** The agent's own choices, already migrated (validated here). */
  agent?: Record<string, unknown> | null;
};

export type EffectiveSettings = {
  settings: Settings;
  sources: Record<SettingName, SettingState>;
  /** Each ignored value, naming its source and setting and what applies instead. */
  problems: PolicyProblem[];
  /** The same problems as English lines (logs, the collector's and console's checks). */
  diagnostics: string[];
};

/**
 * The settings in force (issue #6, PRODUCT.md "Settings precedence"):
 * managed policy › team policy › the agent's choices › defaults.
 *
 * Locking rule. Chrome and Firefox deliver extension policy as mandatory values only, so:
 * - a valid managed value always wins and is locked: neither the team policy nor the agent can
 *   change it (the console and the options page show it as locked);
 * - `lockedSettings: [names]` in managed policy locks a setting without giving it a value (it
 *   stays at the default), and keeps it locked when its managed value is invalid (the invalid
 *   value falls back to the default, never to a team or agent value);
 * - without a lock, an invalid managed value falls back to the team policy, then the agent's
 *   choice (agent-adjustable settings only), then the default.
 * Team values are taken only for team-level settings, agent values only for agent-adjustable ones.
 * Every ignored value leaves a diagnostic naming its source and setting. Pure.
 */
export function resolveSettings({ managed, team, agent }: SettingsInput): EffectiveSettings {
  const settings = defaultSettings();
  const sources = {} as Record<SettingName, SettingState>;
  const managedValues = readManagedValues(managed);
  const problems = [...managedValues.diagnostics];
  const report = (
    source: PolicyProblem['source'],
    path: string,
    reason: ProblemReason,
    outcome?: PolicyProblem['outcome'],
  ) => problems.push({ source, path, reason, ...(outcome && { outcome }) });

  const { schemaVersion, ...teamRaw } = team ?? {};
  const teamValues =
    typeof schemaVersion === 'number'
      ? migrateTeam(teamRaw, schemaVersion, problems)
      : (teamRaw as Record<string, unknown>);
  const agentValues = agent ?? {};

  for (const name of Object.keys(teamValues)) {
    if (!Object.hasOwn(SETTINGS, name)) report('team', name, { kind: 'unknownSetting' });
    else if (!isTeamSetting(name)) report('team', name, { kind: 'notTeamSetting' });
  }
  for (const name of Object.keys(agentValues)) {
    const definition = SETTINGS[name as SettingName] as { agentAdjustable: boolean } | undefined;
    if (!definition?.agentAdjustable) report('agent', name, { kind: 'notAgentSetting' }, 'ignored');
  }

  for (const name of Object.keys(SETTINGS) as SettingName[]) {
    const locked = managedValues.locked.has(name) || name in managedValues.values;
    const ignored: { source: PolicyProblem['source']; reason: ProblemReason }[] = [];
    const managedProblem = managedValues.problems[name];
    if (managedProblem) ignored.push({ source: 'managed', reason: managedProblem });

    let source: SettingSource = 'default';
    let value: unknown;
    if (name in managedValues.values) {
      source = 'managed';
      value = managedValues.values[name];
    }
    const teamHas = isTeamSetting(name) && Object.hasOwn(teamValues, name);
    const agentHas = SETTINGS[name].agentAdjustable && Object.hasOwn(agentValues, name);
    if (locked) {
      if (teamHas) report('team', name, { kind: 'lockedByAdmin' }, 'ignored');
      if (agentHas) report('agent', name, { kind: 'lockedByAdmin' }, 'ignored');
    } else {
      const candidates: ['team' | 'agent', boolean, Record<string, unknown>][] = [
        ['team', teamHas, teamValues],
        ['agent', agentHas, agentValues],
      ];
      for (const [candidate, has, values] of candidates) {
        if (!has || source !== 'default') continue;
        const parsed = SETTINGS[name].schema.safeParse(values[name]);
        if (parsed.success) {
          source = candidate;
          value = parsed.data;
        } else
          ignored.push({
            source: candidate,
            reason: { kind: 'invalid', ...summarizeIssues(parsed.error) },
          });
      }
    }
    if (source !== 'default') Object.assign(settings, { [name]: value });
    sources[name] = { source, locked };
    for (const { source: from, reason } of ignored) report(from, name, reason, source);
  }
  if (sources.prompts.locked)
    settings.prompts = withTeamScale(settings.prompts, teamValues.prompts);
  return { settings, sources, problems, diagnostics: problems.map(describePolicyProblem) };
}

function migrateTeam(
  values: Record<string, unknown>,
  fromVersion: number,
  problems: PolicyProblem[],
) {
  const migrated = migrateSettingValues(values, fromVersion);
  // The only diagnostic a migration gives: the values come from a newer settings version.
  if (migrated.diagnostics.length > 0)
    problems.push({
      source: 'team',
      path: '',
      reason: { kind: 'newerVersion', version: fromVersion, current: SETTINGS_SCHEMA_VERSION },
    });
  return migrated.values;
}

/** The admin's policy alone over the defaults (no team policy, no agent choices). */
export function parseManagedPolicy(raw: unknown): { settings: Settings; diagnostics: string[] } {
  const { settings, diagnostics } = resolveSettings({ managed: raw });
  return { settings, diagnostics };
}
