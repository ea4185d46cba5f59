import { z } from 'zod';
import { adapterDefinitionSchema } from '../adapters/definition';
import {
  isPlainObject,
  parseLenientlyInDetail,
  type LenientProblem,
} from '../../contract/lenient-parse';
import { summarizeIssues } from '../../contract/validation';
import { SETTINGS, type SettingName, type Settings } from './definitions';
import { readAdminSpelling } from './managed-spellings';
import type { PolicyProblem, ProblemOutcome, ProblemReason } from './policy-problems';

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
  problems: Partial<Record<SettingName, ProblemReason>>;
  /** Problems that are not one setting's value: unknown keys, single adapters, the lock list. */
  diagnostics: PolicyProblem[];
};

const managed = (
  path: string,
  reason: ProblemReason,
  outcome?: PolicyProblem['outcome'],
  extra: Pick<PolicyProblem, 'adapterId' | 'entry'> = {},
): PolicyProblem => ({ source: 'managed', path, ...extra, reason, ...(outcome && { outcome }) });

/**
 * Settings a browser's policy cannot make true: reports are built by the collector from the team
 * policy, so a managed `minGroupSize` showed as locked in the browser (refusing the supervisor's
 * raise) while reports went on with the team's smaller one. The admin's floor is the team
 * policy's `minGroupSizeFloor`.
 */
const COLLECTOR_ONLY: ReadonlySet<SettingName> = new Set(['minGroupSize']);

/**
 * The collector counts effort answers on the team policy's scale only, so answers on a managed
 * `prompts.scale` (or on the default one under a lock of `prompts`) were all "not eligible" and
 * the team's effort figures stayed empty. The scale is always the team's (see `withTeamScale`).
 */
const TEAM_SCALE_PATH = 'prompts.scale';

/**
 * `prompts` with the team policy's scale, as the collector's reports read it: the default scale
 * when the team policy has no valid `prompts`. For a managed or locked `prompts`.
 */
export function withTeamScale(prompts: Settings['prompts'], team: unknown): Settings['prompts'] {
  const parsed = SETTINGS.prompts.schema.safeParse(team);
  return { ...prompts, scale: (parsed.success ? parsed.data : SETTINGS.prompts.default).scale };
}

/**
 * Reads a managed policy object value by value. Each invalid value is left out with a problem
 * naming it, and each invalid custom adapter is dropped on its own: one bad entry never disables
 * the others, and a bad policy never disables the extension.
 */
export function readManagedValues(raw: unknown): ManagedValues {
  const result: ManagedValues = { values: {}, locked: new Set(), problems: {}, diagnostics: [] };
  if (raw === undefined || raw === null) return result;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    result.diagnostics.push(managed('', { kind: 'notObject' }, 'defaults'));
    return result;
  }
  const policy = raw as Record<string, unknown>;
  for (const [name, value] of Object.entries(policy)) {
    if (name === LOCKED_SETTINGS_KEY) readLockList(value, result);
    else if (!isSettingName(name))
      result.diagnostics.push(managed(name, { kind: 'unknownSetting' }, 'ignored'));
    else if (name === 'customAdapters') readCustomAdapters(value, result);
    else if (COLLECTOR_ONLY.has(name))
      result.diagnostics.push(managed(name, { kind: 'setAtCollector' }, 'ignored'));
    else readSetting(name, value, result);
  }
  return result;
}

/**
 * Settings whose default collects more than an admin who wrote something unreadable likely meant
 * (tracking on, every app by name, a stable per-browser id): when the admin's value cannot be
 * read at all, the most private reading applies, locked, and the problem says so.
 */
const PRIVATE_FALLBACK = {
  trackingEnabled: { value: false, outcome: 'privateTrackingOff' },
  trackedApps: { value: [], outcome: 'privateNoApps' },
  identityMode: { value: 'anonymous', outcome: 'privateAnonymous' },
} as const satisfies Partial<Record<SettingName, { value: unknown; outcome: ProblemOutcome }>>;

const hasPrivateFallback = (name: SettingName): name is keyof typeof PRIVATE_FALLBACK =>
  Object.hasOwn(PRIVATE_FALLBACK, name);

/**
 * One setting, part by part: a bad part falls back alone and is named with its path. When no part
 * the admin gave survives (`prompts: {maxPerDy: 3}`, a typo, or `{}`), the setting is not the
 * admin's at all: applying it would lock the team's and agents' values away behind defaults.
 * Lenient spellings ("false", "3", "Anonymous", one string or JSON text for a list) are read first
 * (managed-spellings.ts).
 */
function readSetting(name: SettingName, given: unknown, result: ManagedValues) {
  const spelled = readAdminSpelling(SETTINGS[name].schema, given);
  const unreadable = (reason: ProblemReason) => {
    if (!hasPrivateFallback(name)) {
      result.problems[name] = reason;
      return;
    }
    const { value, outcome } = PRIVATE_FALLBACK[name];
    result.values[name] = structuredClone(value);
    result.diagnostics.push(managed(name, reason, outcome));
  };
  if (spelled.problem) {
    unreadable(spelled.problem);
    return;
  }
  const value = name === 'prompts' ? withoutScale(spelled.value, result) : spelled.value;
  const scaleRefused = value !== spelled.value;
  const { value: parsed, problems } = parseLenientlyInDetail(SETTINGS[name].schema, value);
  if (parsed === undefined) {
    // Refused whole: one problem without a path (see parseLeniently). zod says "Invalid input"
    // of a `trackedApps` that is neither "all" nor a list, so it is said here.
    unreadable(name === 'trackedApps' ? { kind: 'notList', of: 'appIds' } : problems[0]!.reason);
    return;
  }
  // Chrome and Edge delete keys and values their policy schema does not allow before the
  // extension sees them, so a misspelt key arrives as an empty object.
  const nothingSurvived = isPlainObject(value) && !anyPartSurvives(value, '', problems);
  if (!nothingSurvived) result.values[name] = parsed;
  else if (problems.length === 0 && !scaleRefused) result.problems[name] = { kind: 'setsNothing' };
  for (const { path, reason, outcome } of problems) {
    const full = path.startsWith('[') ? `${name}${path}` : `${name}.${path}`;
    result.diagnostics.push(managed(full, reason, nothingSurvived ? 'ignored' : outcome));
  }
  // A list whose every entry was wrong stays the admin's, empty: falling back could widen what
  // is measured (`trackedApps` to every app). Its consequence is named beside the entries.
  if (Array.isArray(value) && value.length > 0 && Array.isArray(parsed) && parsed.length === 0) {
    result.diagnostics.push(managed(name, { kind: 'noEntryLeft' }, 'managed'));
  }
}

/** A managed `prompts` without its scale, which is refused by name (see `TEAM_SCALE_PATH`). */
function withoutScale(prompts: unknown, result: ManagedValues): unknown {
  if (!isPlainObject(prompts) || !Object.hasOwn(prompts, 'scale')) return prompts;
  result.diagnostics.push(managed(TEAM_SCALE_PATH, { kind: 'scaleInTeamPolicy' }, 'ignored'));
  const { scale: _refused, ...rest } = prompts;
  return rest;
}

/**
 * Whether some part the admin gave of `value` (at `path`, as problems name paths) is left after
 * the parse: not refused itself, and, for an object, some key of it left (`{triggers: {}}` sets
 * nothing); a list is an admin's value even when empty, else when some entry is left.
 */
function anyPartSurvives(value: unknown, path: string, problems: LenientProblem[]): boolean {
  if (path && problems.some((problem) => problem.path === path || droppedEntry(problem) === path)) {
    return false;
  }
  if (isPlainObject(value)) {
    return Object.entries(value).some(([key, part]) =>
      anyPartSurvives(part, path ? `${path}.${key}` : key, problems),
    );
  }
  if (Array.isArray(value) && value.length > 0) {
    return value.some((part, index) => anyPartSurvives(part, `${path}[${index}]`, problems));
  }
  return true;
}

/** The list entry a problem left out (its reasons are named at the part that was wrong). */
const droppedEntry = ({ path, outcome }: LenientProblem) =>
  outcome === 'entryIgnored' ? path.slice(0, path.lastIndexOf(']') + 1) : null;

/** A setting's name as the admin may write it in `lockedSettings`: any case, spaces around. */
const SETTING_NAMES_BY_LOWER_CASE = new Map(
  Object.keys(SETTINGS).map((name) => [name.toLowerCase(), name]),
);
const settingNamed = (entry: unknown): unknown =>
  typeof entry === 'string'
    ? (SETTING_NAMES_BY_LOWER_CASE.get(entry.trim().toLowerCase()) ?? entry)
    : entry;

/**
 * The lock list; one name as a string, or the list as JSON text (as some MDMs send it), is read
 * as the list it means: ignoring it would let the team policy change what the admin locked.
 */
function readLockList(given: unknown, result: ManagedValues) {
  const { value: list, problem } = readAdminSpelling(z.array(z.string()), given);
  if (problem) {
    result.diagnostics.push(managed(LOCKED_SETTINGS_KEY, problem, 'ignored'));
    return;
  }
  if (!Array.isArray(list)) {
    result.diagnostics.push(
      managed(LOCKED_SETTINGS_KEY, { kind: 'notList', of: 'settingNames' }, 'ignored'),
    );
    return;
  }
  for (const name of list.map(settingNamed)) {
    if (name === TEAM_SCALE_PATH)
      result.diagnostics.push(
        managed(LOCKED_SETTINGS_KEY, { kind: 'scaleInTeamPolicy' }, 'ignored', { entry: name }),
      );
    else if (typeof name === 'string' && COLLECTOR_ONLY.has(name as SettingName))
      result.diagnostics.push(
        managed(LOCKED_SETTINGS_KEY, { kind: 'setAtCollector' }, 'ignored', { entry: name }),
      );
    else if (typeof name === 'string' && isSettingName(name)) result.locked.add(name);
    else
      result.diagnostics.push(
        managed(LOCKED_SETTINGS_KEY, { kind: 'unknownSetting' }, undefined, {
          entry: String(name).slice(0, 200),
        }),
      );
  }
}

function readCustomAdapters(list: unknown, result: ManagedValues) {
  if (!Array.isArray(list)) {
    result.problems.customAdapters = { kind: 'notList', of: 'adapterDefinitions' };
    return;
  }
  const seen = new Set<string>();
  const adapters: unknown[] = [];
  list.forEach((listed: unknown, index) => {
    const entry = typeof listed === 'string' ? parseJsonEntry(listed) : listed;
    const path = `customAdapters[${index}]`;
    const id = idOf(entry);
    const label = id === undefined ? {} : { adapterId: id };
    const ignored = (reason: ProblemReason) =>
      result.diagnostics.push(managed(path, reason, 'adapterIgnored', label));
    if (entry instanceof SyntaxError) {
      ignored({ kind: 'notJson', detail: entry.message });
      return;
    }
    const parsed = adapterDefinitionSchema.safeParse(entry);
    if (!parsed.success) ignored({ kind: 'invalid', ...summarizeIssues(parsed.error) });
    else if (seen.has(parsed.data.id)) ignored({ kind: 'duplicateId' });
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
  return typeof id === 'string' ? id.slice(0, 40) : undefined;
}
