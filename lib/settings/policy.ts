import { adapterDefinitionSchema } from '../adapters/definition';
import { parseLeniently } from '../../contract/lenient-parse';
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
    else readSetting(name, value, result);
  }
  return result;
}

/** One setting, part by part: a bad part falls back alone and is named with its path. */
function readSetting(name: SettingName, value: unknown, result: ManagedValues) {
  const { value: parsed, problems } = parseLeniently(SETTINGS[name].schema, value);
  if (parsed === undefined) {
    result.problems[name] = problems.join('; ');
    return;
  }
  result.values[name] = parsed;
  const prefix = (problem: string) => (problem.startsWith('[') ? name : `${name}.`) + problem;
  result.diagnostics.push(...problems.map(prefix));
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
  list.forEach((listed: unknown, index) => {
    const entry = typeof listed === 'string' ? parseJsonEntry(listed) : listed;
    const label = `customAdapters[${index}]${idOf(entry)}`;
    if (entry instanceof SyntaxError) {
      result.diagnostics.push(`${label}: not valid JSON (${entry.message}); adapter ignored`);
      return;
    }
    const parsed = adapterDefinitionSchema.safeParse(entry);
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

/**
 * Chrome drops a whole policy value when any part of it has the wrong type, so its managed
 * schema declares each custom adapter as JSON text: one adapter's mistake then costs only that
 * adapter (issue #15). Objects are read as well (Firefox policies, tests).
 */
function parseJsonEntry(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    return error instanceof SyntaxError ? error : new SyntaxError(String(error));
  }
}

function idOf(entry: unknown) {
  const id = (entry as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? ` (${id.slice(0, 40)})` : '';
}
