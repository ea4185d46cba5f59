import { SETTINGS, type SettingName } from '../lib/settings/definitions';
import { isTeamSetting } from '../contract/team-policy';

/** Markers around the generated settings reference in docs/admin.md. */
export const SETTINGS_DOC_MARKERS = {
  start: '<!-- settings-reference:start (generated: npm run generate:settings-doc) -->',
  end: '<!-- settings-reference:end -->',
} as const;

const cell = (text: string) => text.replace(/\|/g, '\\|');

function shortDefault(value: unknown): string {
  if (value === undefined) return '(none)';
  const json = JSON.stringify(value);
  return json.length <= 40 ? `\`${json}\`` : '(see the defaults below)';
}

function whoMaySet(name: SettingName): string {
  const who = ['admin'];
  if (isTeamSetting(name)) who.push('supervisor (team policy)');
  if (SETTINGS[name].agentAdjustable) who.push('agent');
  return who.join(', ');
}

/**
 * The settings reference for admins, generated from the one definition of every setting (what it
 * does, default, who may set it); a test fails when docs/admin.md holds another one.
 */
export function buildSettingsReference(): string {
  const names = Object.keys(SETTINGS) as SettingName[];
  const rows = names.map(
    (name) =>
      `| \`${name}\` | ${shortDefault(SETTINGS[name].default)} | ${whoMaySet(name)} | ${cell(SETTINGS[name].description)} |`,
  );
  const defaults = Object.fromEntries(
    names
      .filter((name) => SETTINGS[name].default !== undefined)
      .map((name) => [name, SETTINGS[name].default]),
  );
  return [
    SETTINGS_DOC_MARKERS.start,
    '',
    '| Setting | Default | Who may set it | What it does |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
    'Every default, as JSON:',
    '',
    '```json',
    JSON.stringify(defaults, null, 2),
    '```',
    '',
    SETTINGS_DOC_MARKERS.end,
  ].join('\n');
}

/** `markdown` with its settings reference replaced by the current one. */
export function withSettingsReference(markdown: string): string {
  const start = markdown.indexOf(SETTINGS_DOC_MARKERS.start);
  const end = markdown.indexOf(SETTINGS_DOC_MARKERS.end);
  if (start < 0 || end < start)
    throw new Error('docs/admin.md: settings reference markers missing');
  return (
    markdown.slice(0, start) +
    buildSettingsReference() +
    markdown.slice(end + SETTINGS_DOC_MARKERS.end.length)
  );
}
