import { adapterDefinitionSchema } from '../adapters/definition';
import { describeIssues } from '../../contract/validation';
import { SETTINGS, type SettingName, type Settings } from './definitions';

export type PolicyResult = { settings: Settings; diagnostics: string[] };

/** The managed-policy key that lists settings the admin locks (issue #6; not a setting itself). */
export const LOCKED_SETTINGS_KEY = 'lockedSettings';

const isSettingName = (name: string): name is SettingName => Object.hasOwn(SETTINGS, name);

/** The admin's managed policy, value by value, before precedence is applied (see effective.ts). */
export type ManagedValues = {
  /** Valid values by setting name (custom adapters: the valid ones). */
  values: Partial<Record<SettingName, unknown>>;
  /** Settings named in `lockedSettings`. */
  locked: Set<SettingName>;
  /** Why a setting's managed value was ignored, by setting name. */
  problems: Partial<Record<SettingName, string>>;
  /** Problems that are not one setting's value: unknown keys, single adapters, the lock list. */
  diagnostics: string[];
};

/**
 * Reads a managed policy object value by value. Each invalid value is left out with a problem
 * naming it, and each invalid custom adapter is dropped on its own: one bad entry never disables
 * the others, and a bad policy never disables the extension.
 */
export function readManagedValues(raw: unknown): ManagedValues {
  const result: ManagedValues = { values: {}, locked: new Set(), problems: {}, diagnostics: [] };
  if (raw === undefined || raw === null) return result;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    result.diagnostics.push('policy: must be an object; using defaults');
    return result;
  }
  const policy = raw as Record<string, unknown>;
  for (const [name, value] of Object.entries(policy)) {
    if (name === LOCKED_SETTINGS_KEY) readLockList(value, result);
    else if (!isSettingName(name)) result.diagnostics.push(`${name}: unknown setting; ignored`);
    else if (name === 'customAdapters') readCustomAdapters(value, result);
    else {
      const parsed = SETTINGS[name].schema.safeParse(value);
      if (parsed.success) result.values[name] = parsed.data;
      else result.problems[name] = describeIssues(parsed.error);
    }
  }
  return result;
}

function readLockList(list: unknown, result: ManagedValues) {
  if (!Array.isArray(list)) {
    result.diagnostics.push(`${LOCKED_SETTINGS_KEY}: must be a list of setting names; ignored`);
    return;
  }
  for (const name of list) {
    if (typeof name === 'string' && isSettingName(name)) result.locked.add(name);
    else result.diagnostics.push(`${LOCKED_SETTINGS_KEY}: ${String(name)}: unknown setting`);
  }
}

function readCustomAdapters(list: unknown, result: ManagedValues) {
  if (!Array.isArray(list)) {
    result.problems.customAdapters = 'must be a list of adapter definitions';
    return;
  }
  const seen = new Set<string>();
  const adapters: unknown[] = [];
  list.forEach((entry: unknown, index) => {
    const parsed = adapterDefinitionSchema.safeParse(entry);
    const label = `customAdapters[${index}]${idOf(entry)}`;
    if (!parsed.success)
      result.diagnostics.push(`${label}: ${describeIssues(parsed.error)}; adapter ignored`);
    else if (seen.has(parsed.data.id))
      result.diagnostics.push(`${label}: duplicate id; adapter ignored`);
    else {
      seen.add(parsed.data.id);
      adapters.push(parsed.data);
    }
  });
  result.values.customAdapters = adapters;
}

function idOf(entry: unknown) {
  const id = (entry as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? ` (${id.slice(0, 40)})` : '';
}
