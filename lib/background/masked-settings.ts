import { SECRET_MARK, type SettingEntry } from '../messaging/settings-requests';
import { SETTINGS, type SettingName, type Settings } from '../settings/definitions';
import type { SettingState } from '../settings/sources';
import { isTeamSetting } from '../../contract/team-policy';

/** Values never handed to a page: the page learns only that one is set. */
const SECRET_SETTINGS = new Set<string>(['collectorToken', 'recordHashSecret']);

/** Settings as pages see them: every value with its source and lock, secrets masked. */
export function settingEntries(
  settings: Settings,
  sources: Record<SettingName, SettingState>,
): SettingEntry[] {
  return (Object.keys(SETTINGS) as SettingName[]).map((name) => {
    const value = settings[name];
    return {
      name,
      value: SECRET_SETTINGS.has(name) && value !== undefined ? SECRET_MARK : value,
      ...sources[name],
      agentAdjustable: SETTINGS[name].agentAdjustable,
      teamLevel: isTeamSetting(name),
    };
  });
}

/** Replaces secrets anywhere in exported storage (the managed policy cache holds the token). */
export function maskSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskSecrets);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [
        key,
        SECRET_SETTINGS.has(key) ? SECRET_MARK : maskSecrets(inner),
      ]),
    );
  }
  return value;
}

/** A failure as one line for a page (collector errors already name the path and status). */
export const messageOf = (error: unknown) =>
  error instanceof Error ? error.message : String(error);
