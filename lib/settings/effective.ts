import { describeIssues } from '../../contract/validation';
import { defaultSettings, SETTINGS, type SettingName, type Settings } from './definitions';
import { migrateSettingValues } from './migrations';
import { readManagedValues } from './policy';
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
  diagnostics: string[];
};

const FALLBACK_LABEL = {
  managed: "the admin's value",
  team: "the team policy's value",
  agent: 'your own choice',
  default: 'the default',
} as const satisfies Record<SettingSource, string>;

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
  const diagnostics = [...managedValues.diagnostics];

  const { schemaVersion, ...teamRaw } = team ?? {};
  const teamValues =
    typeof schemaVersion === 'number'
      ? migrateTeam(teamRaw, schemaVersion, diagnostics)
      : (teamRaw as Record<string, unknown>);
  const agentValues = agent ?? {};

  for (const name of Object.keys(teamValues)) {
    if (!Object.hasOwn(SETTINGS, name)) diagnostics.push(`team policy: ${name}: unknown setting`);
    else if (!isTeamSetting(name))
      diagnostics.push(
        `team policy: ${name}: not a team setting (only the admin's managed policy sets it)`,
      );
  }
  for (const name of Object.keys(agentValues)) {
    const definition = SETTINGS[name as SettingName] as { agentAdjustable: boolean } | undefined;
    if (!definition?.agentAdjustable)
      diagnostics.push(`your choice: ${name}: not a setting agents may change; ignored`);
  }

  for (const name of Object.keys(SETTINGS) as SettingName[]) {
    const locked = managedValues.locked.has(name) || name in managedValues.values;
    const problems: { source: SettingSource; problem: string }[] = [];
    const managedProblem = managedValues.problems[name];
    if (managedProblem) problems.push({ source: 'managed', problem: managedProblem });

    let source: SettingSource = 'default';
    let value: unknown;
    if (name in managedValues.values) {
      source = 'managed';
      value = managedValues.values[name];
    }
    const teamHas = isTeamSetting(name) && Object.hasOwn(teamValues, name);
    const agentHas = SETTINGS[name].agentAdjustable && Object.hasOwn(agentValues, name);
    if (locked) {
      if (teamHas) diagnostics.push(`team policy: ${name}: locked by the admin; ignored`);
      if (agentHas) diagnostics.push(`your choice: ${name}: locked by the admin; ignored`);
    } else {
      const candidates: [SettingSource, boolean, Record<string, unknown>][] = [
        ['team', teamHas, teamValues],
        ['agent', agentHas, agentValues],
      ];
      for (const [candidate, has, values] of candidates) {
        if (!has || source !== 'default') continue;
        const parsed = SETTINGS[name].schema.safeParse(values[name]);
        if (parsed.success) {
          source = candidate;
          value = parsed.data;
        } else problems.push({ source: candidate, problem: describeIssues(parsed.error) });
      }
    }
    if (source !== 'default') Object.assign(settings, { [name]: value });
    sources[name] = { source, locked };
    for (const { source: from, problem } of problems) {
      const prefix = from === 'managed' ? '' : from === 'team' ? 'team policy: ' : 'your choice: ';
      diagnostics.push(`${prefix}${name}: ${problem}; using ${FALLBACK_LABEL[source]}`);
    }
  }
  return { settings, sources, diagnostics };
}

function migrateTeam(values: Record<string, unknown>, fromVersion: number, diagnostics: string[]) {
  const migrated = migrateSettingValues(values, fromVersion);
  diagnostics.push(...migrated.diagnostics.map((diagnostic) => `team policy: ${diagnostic}`));
  return migrated.values;
}

/** The admin's policy alone over the defaults (no team policy, no agent choices). */
export function parseManagedPolicy(raw: unknown): { settings: Settings; diagnostics: string[] } {
  const { settings, diagnostics } = resolveSettings({ managed: raw });
  return { settings, diagnostics };
}
