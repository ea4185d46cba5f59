import { z } from 'zod';
import { SETTINGS, type SettingName } from '../lib/settings/definitions';
import { isTeamSetting } from '../contract/team-policy';
import { replaceGenerated } from './doc-markers';
import { schemaRows, type JsonSchema } from './schema-rows';

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

/** Settings whose parts have their own reference (the adapter reference in docs/admin.md). */
const REFERENCED_ELSEWHERE: ReadonlySet<SettingName> = new Set(['customAdapters']);

/**
 * Every part of every setting that has limits or a fixed set of choices: what an admin must stay
 * within for a value to apply (a value outside falls back alone, named on the options page).
 */
export function settingLimitRows(): { path: string; type: string; limits: string }[] {
  return (Object.keys(SETTINGS) as SettingName[])
    .filter((name) => !REFERENCED_ELSEWHERE.has(name))
    .flatMap((name) =>
      schemaRows(
        z.toJSONSchema(SETTINGS[name].schema, { io: 'input' }) as JsonSchema,
        undefined,
        name,
      ),
    )
    .filter((row) => row.limits !== '' || row.type.includes('`'))
    .map(({ path, type, limits }) => ({ path, type, limits }));
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
    'What each value must stay within (anything outside falls back alone and is named on the options page; adapters: [Adapter reference](#adapter-reference)):',
    '',
    '| Value | Type | Limits |',
    '| --- | --- | --- |',
    ...settingLimitRows().map((row) => `| \`${row.path}\` | ${cell(row.type)} | ${row.limits} |`),
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
export const withSettingsReference = (markdown: string) =>
  replaceGenerated(markdown, SETTINGS_DOC_MARKERS, buildSettingsReference(), 'docs/admin.md');
