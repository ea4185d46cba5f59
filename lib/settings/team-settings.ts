import { describeIssues } from '../validation';
import { SETTINGS, type SettingName, type Settings } from './definitions';

/**
 * Settings a supervisor may set for their team through the collector (issue #6). Deployment
 * settings (collector address and token, hash secret, adapters, hosts, agent ids) stay with the
 * admin's managed policy.
 */
export const TEAM_SETTING_NAMES = [
  'trackingEnabled',
  'countInAppTabSwitches',
  'idleThresholdSeconds',
  'trackedApps',
  'catalogueAdditions',
  'allowPause',
  'prompts',
  'identityMode',
  'minGroupSize',
  'retentionDays',
] as const satisfies readonly SettingName[];
export type TeamSettingName = (typeof TEAM_SETTING_NAMES)[number];

const TEAM_SETTINGS = new Set<string>(TEAM_SETTING_NAMES);
export const isTeamSetting = (name: string): name is TeamSettingName => TEAM_SETTINGS.has(name);

export type TeamPolicyValues = Partial<Pick<Settings, TeamSettingName>>;

/**
 * Validates a team policy value by value: each invalid or non-team setting is left out with a
 * diagnostic naming it, so one bad value never discards the rest.
 */
export function parseTeamPolicyValues(raw: Record<string, unknown>): {
  values: TeamPolicyValues;
  diagnostics: string[];
} {
  const values: Record<string, unknown> = {};
  const diagnostics: string[] = [];
  for (const [name, value] of Object.entries(raw)) {
    if (!isTeamSetting(name)) {
      diagnostics.push(
        name in SETTINGS
          ? `${name}: not a team setting (only the admin's managed policy sets it)`
          : `${name}: unknown setting`,
      );
      continue;
    }
    const parsed = SETTINGS[name].schema.safeParse(value);
    if (parsed.success) values[name] = parsed.data;
    else diagnostics.push(`${name}: ${describeIssues(parsed.error)}`);
  }
  return { values: values as TeamPolicyValues, diagnostics };
}
