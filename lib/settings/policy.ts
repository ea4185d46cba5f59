import { adapterDefinitionSchema } from '../adapters/definition';
import { describeIssues } from '../validation';
import { defaultSettings, SETTINGS, type SettingName, type Settings } from './definitions';

export type PolicyResult = { settings: Settings; diagnostics: string[] };

/**
 * Reads a managed policy object over the defaults. Each invalid value is ignored with a
 * diagnostic naming it, and each invalid custom adapter is dropped on its own: one bad entry
 * never disables the others, and a bad policy never disables the extension.
 */
export function parseManagedPolicy(raw: unknown): PolicyResult {
  const settings = defaultSettings();
  const diagnostics: string[] = [];
  if (raw === undefined || raw === null) return { settings, diagnostics };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { settings, diagnostics: ['policy: must be an object; using defaults'] };
  }
  const policy = raw as Record<string, unknown>;
  for (const name of Object.keys(SETTINGS) as SettingName[]) {
    if (!(name in policy) || name === 'customAdapters') continue;
    const parsed = SETTINGS[name].schema.safeParse(policy[name]);
    if (parsed.success) Object.assign(settings, { [name]: parsed.data });
    else diagnostics.push(`${name}: ${describeIssues(parsed.error)}; using the default`);
  }
  if ('customAdapters' in policy) parseCustomAdapters(policy.customAdapters, settings, diagnostics);
  for (const name of Object.keys(policy)) {
    if (!(name in SETTINGS)) diagnostics.push(`${name}: unknown setting; ignored`);
  }
  return { settings, diagnostics };
}

function parseCustomAdapters(list: unknown, settings: Settings, diagnostics: string[]) {
  if (!Array.isArray(list)) {
    diagnostics.push('customAdapters: must be a list of adapter definitions');
    return;
  }
  const seen = new Set<string>();
  list.forEach((entry: unknown, index) => {
    const parsed = adapterDefinitionSchema.safeParse(entry);
    const label = `customAdapters[${index}]${idOf(entry)}`;
    if (!parsed.success)
      diagnostics.push(`${label}: ${describeIssues(parsed.error)}; adapter ignored`);
    else if (seen.has(parsed.data.id)) diagnostics.push(`${label}: duplicate id; adapter ignored`);
    else {
      seen.add(parsed.data.id);
      settings.customAdapters.push(parsed.data);
    }
  });
}

function idOf(entry: unknown) {
  const id = (entry as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? ` (${id.slice(0, 40)})` : '';
}
