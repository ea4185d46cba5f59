import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { summarizeIssues } from '../../contract/validation';
import { storableText } from '../../contract/text';
import { resolveSettings } from '../settings/effective';
import type { PolicyProblem, ProblemReason } from '../settings/policy-problems';
import { speakGerman } from '../../tests/support/german-browser';
import { policyProblemText } from './policy-problem-text';
import { CUSTOM_MESSAGE_KEYS } from './validation-messages';

/** The facts of `schema`'s issues with `value`, as a policy problem's `invalid` reason. */
function invalid(schema: z.ZodType, value: unknown): ProblemReason {
  const parsed = schema.safeParse(value);
  if (parsed.success) throw new Error('expected a failure');
  return { kind: 'invalid', ...summarizeIssues(parsed.error) };
}

const at = (reason: ProblemReason, extra: Partial<PolicyProblem> = {}): PolicyProblem => ({
  source: 'managed',
  path: 'prompts.maxPerDay',
  reason,
  outcome: 'default',
  ...extra,
});

/** One problem per reason kind and outcome, and one zod issue per code the formatter words. */
const CASES: [string, PolicyProblem, string, string][] = [
  [
    'unknown setting',
    at({ kind: 'unknownSetting' }, { path: 'retentionDay', outcome: 'ignored' }),
    'retentionDay: Unknown setting. Ignored.',
    'retentionDay: Unbekannte Einstellung. Ignoriert.',
  ],
  [
    'unknown field',
    at({ kind: 'unknownField' }, { path: 'prompts.maxPerDya', outcome: 'ignored' }),
    'prompts.maxPerDya: Unknown field. Ignored.',
    'prompts.maxPerDya: Unbekanntes Feld. Ignoriert.',
  ],
  [
    'not a team setting',
    at({ kind: 'notTeamSetting' }, { source: 'team', path: 'collectorUrl', outcome: undefined }),
    "Team policy: collectorUrl: Not a team setting: only the admin's managed policy sets it.",
    'Team-Richtlinie: collectorUrl: Keine Team-Einstellung: Nur die Admin-Richtlinie legt sie fest.',
  ],
  [
    'not an agent setting',
    at({ kind: 'notAgentSetting' }, { source: 'agent', path: 'retentionDays', outcome: 'ignored' }),
    'Your choice: retentionDays: Agents may not change this setting. Ignored.',
    'Ihre Wahl: retentionDays: Diese Einstellung dürfen Agenten nicht ändern. Ignoriert.',
  ],
  [
    'locked by the admin',
    at({ kind: 'lockedByAdmin' }, { source: 'team', path: 'prompts', outcome: 'ignored' }),
    'Team policy: prompts: Locked by the admin. Ignored.',
    'Team-Richtlinie: prompts: Vom Admin gesperrt. Ignoriert.',
  ],
  [
    'not an object',
    at({ kind: 'notObject' }, { path: '', outcome: 'defaults' }),
    'The admin policy: Must be an object. All defaults apply.',
    'Die Admin-Richtlinie: Muss ein Objekt sein. Es gelten alle Standardwerte.',
  ],
  [
    'not a list of names',
    at({ kind: 'notList', of: 'settingNames' }, { path: 'lockedSettings', outcome: 'ignored' }),
    'lockedSettings: Must be a list of setting names. Ignored.',
    'lockedSettings: Muss eine Liste von Einstellungsnamen sein. Ignoriert.',
  ],
  [
    'not a list of adapters',
    at({ kind: 'notList', of: 'adapterDefinitions' }, { path: 'customAdapters' }),
    'customAdapters: Must be a list of adapter definitions. The default applies.',
    'customAdapters: Muss eine Liste von Adapter-Definitionen sein. Es gilt der Standardwert.',
  ],
  [
    'an unknown name in a list',
    at({ kind: 'unknownSetting' }, { path: 'lockedSettings', entry: 'colour', outcome: undefined }),
    'lockedSettings: colour: Unknown setting.',
    'lockedSettings: colour: Unbekannte Einstellung.',
  ],
  [
    'not JSON',
    at(
      { kind: 'notJson', detail: 'Unexpected end of JSON input' },
      { path: 'customAdapters[0]', outcome: 'adapterIgnored' },
    ),
    'customAdapters[0]: Not valid JSON: Unexpected end of JSON input. This adapter is ignored.',
    'customAdapters[0]: Kein gültiges JSON: Unexpected end of JSON input. Dieser Adapter wird ignoriert.',
  ],
  [
    'a duplicate id',
    at(
      { kind: 'duplicateId' },
      { path: 'customAdapters[2]', adapterId: 'freescout', outcome: 'adapterIgnored' },
    ),
    'customAdapters[2] (freescout): Another adapter already has this id. This adapter is ignored.',
    'customAdapters[2] (freescout): Ein anderer Adapter hat bereits diese ID. Dieser Adapter wird ignoriert.',
  ],
  [
    'a newer settings version',
    at(
      { kind: 'newerVersion', version: 3, current: 1 },
      { source: 'team', path: '', outcome: undefined },
    ),
    "The team policy: Written by settings version 3, newer than this extension's 1: values it does not know are ignored.",
    'Die Team-Richtlinie: Mit Einstellungsversion 3 geschrieben, neuer als die dieser Erweiterung (1): Unbekannte Werte werden ignoriert.',
  ],
  [
    'unreadable stored choices',
    { source: 'agent', path: '', reason: { kind: 'unreadable' }, outcome: 'ignored' },
    'Your saved choices: They cannot be read. Ignored.',
    'Ihre gespeicherten Einstellungen: Sie sind nicht lesbar. Ignoriert.',
  ],
  [
    'a collector adapter the admin policy shadows',
    {
      source: 'collector',
      path: 'collector adapters',
      adapterId: 'zendesk',
      reason: { kind: 'shadowed', by: 'managed' },
      outcome: 'adapterIgnored',
    },
    'collector adapters (zendesk): The admin policy defines an adapter with this id, which wins. This adapter is ignored.',
    'collector adapters (zendesk): Die Admin-Richtlinie definiert einen Adapter mit dieser ID; er hat Vorrang. Dieser Adapter wird ignoriert.',
  ],
  [
    'a collector override a collector adapter replaces',
    {
      source: 'collector',
      path: 'collector overrides',
      adapterId: 'zendesk',
      reason: { kind: 'shadowed', by: 'collector' },
      outcome: 'ignored',
    },
    'collector overrides (zendesk): An adapter from the collector replaces this adapter, which wins. Ignored.',
    'collector overrides (zendesk): Ein Adapter vom Collector ersetzt diesen Adapter; er hat Vorrang. Ignoriert.',
  ],
  [
    'a collector override of no built-in adapter',
    {
      source: 'collector',
      path: 'collector overrides',
      adapterId: 'nowhere',
      reason: { kind: 'noBuiltIn' },
      outcome: 'ignored',
    },
    'collector overrides (nowhere): No built-in adapter has this id. Ignored.',
    'collector overrides (nowhere): Kein eingebauter Adapter hat diese ID. Ignoriert.',
  ],
  [
    'a managed object the browser emptied',
    { source: 'managed', path: 'prompts', reason: { kind: 'setsNothing' }, outcome: 'team' },
    "prompts: Sets nothing: the browser removes keys and values its policy schema does not allow, so check each key's name and type. The team policy's value applies.",
    'prompts: Legt nichts fest: Der Browser entfernt Schlüssel und Werte, die sein Richtlinienschema nicht erlaubt. Prüfen Sie Name und Typ jedes Schlüssels. Es gilt der Wert der Team-Richtlinie.',
  ],
  [
    'fallbacks to team, agent and managed values',
    at(invalid(z.number().max(200), 250), { source: 'team', outcome: 'agent' }),
    'Team policy: prompts.maxPerDay: Must be at most 200. Your own choice applies.',
    'Team-Richtlinie: prompts.maxPerDay: Darf höchstens 200 sein. Es gilt Ihre eigene Wahl.',
  ],
  [
    'the team value and the admin value as fallbacks',
    at(invalid(z.number().max(200), 250), { source: 'agent', outcome: 'team' }),
    "Your choice: prompts.maxPerDay: Must be at most 200. The team policy's value applies.",
    'Ihre Wahl: prompts.maxPerDay: Darf höchstens 200 sein. Es gilt der Wert der Team-Richtlinie.',
  ],
  [
    'the admin value as fallback, an entry ignored',
    at(invalid(z.number().min(15), 5), { outcome: 'managed', path: 'quietHours[1]' }),
    "quietHours[1]: Must be at least 15. The admin's value applies.",
    'quietHours[1]: Muss mindestens 15 sein. Es gilt der Wert der Admin-Richtlinie.',
  ],
  [
    'entry ignored',
    at(invalid(z.number().gt(0), 0), { outcome: 'entryIgnored', path: 'idLinks[0]' }),
    'idLinks[0]: Must be more than 0. This entry is ignored.',
    'idLinks[0]: Muss größer als 0 sein. Dieser Eintrag wird ignoriert.',
  ],
];

/** Each zod issue code (and variant) the formatter words, by the schema that raises it. */
const ISSUES: [string, z.ZodType, unknown, string, string][] = [
  [
    'too_big, exclusive',
    z.number().lt(10),
    10,
    'Must be less than 10.',
    'Muss kleiner als 10 sein.',
  ],
  [
    'too_big, number',
    z.number().max(3600),
    4000,
    'Must be at most 3,600.',
    'Darf höchstens 3.600 sein.',
  ],
  [
    'too_big, text',
    z.string().max(3),
    'abcd',
    'Must have at most 3 characters.',
    'Darf höchstens 3 Zeichen haben.',
  ],
  [
    'too_big, list',
    z.array(z.string()).max(2),
    ['a', 'b', 'c'],
    'Must have at most 2 entries.',
    'Darf höchstens 2 Einträge haben.',
  ],
  [
    'too_small, text',
    z.string().min(5),
    'abc',
    'Must have at least 5 characters.',
    'Muss mindestens 5 Zeichen haben.',
  ],
  ['too_small, empty text', z.string().min(1), '', 'Must not be empty.', 'Darf nicht leer sein.'],
  [
    'too_small, list',
    z.array(z.string()).min(2),
    ['a'],
    'Must have at least 2 entries.',
    'Muss mindestens 2 Einträge haben.',
  ],
  [
    'invalid_type, missing',
    z.object({ name: z.string() }),
    {},
    'name: Must be given.',
    'name: Muss angegeben werden.',
  ],
  [
    'invalid_type, whole number',
    z.number().int(),
    1.5,
    'Must be a whole number.',
    'Muss eine ganze Zahl sein.',
  ],
  ['invalid_type, number', z.number(), 'ten', 'Must be a number.', 'Muss eine Zahl sein.'],
  ['invalid_type, text', z.string(), 5, 'Must be text.', 'Muss ein Text sein.'],
  [
    'invalid_type, boolean',
    z.boolean(),
    'yes',
    'Must be true or false.',
    'Muss true oder false sein.',
  ],
  ['invalid_type, list', z.array(z.string()), 'a', 'Must be a list.', 'Muss eine Liste sein.'],
  ['invalid_type, object', z.object({}), 'a', 'Must be an object.', 'Muss ein Objekt sein.'],
  [
    'invalid_type, other',
    z.date(),
    'x',
    'This value is not valid.',
    'Dieser Wert ist nicht gültig.',
  ],
  [
    'invalid_value',
    z.enum(['1-5', 'ces-7']),
    'x',
    'Must be one of: 1-5, ces-7',
    'Muss einer dieser Werte sein: 1-5, ces-7',
  ],
  [
    'unrecognized_keys',
    z.strictObject({ a: z.number() }),
    { a: 1, b: 2, c: 3 },
    'Unknown fields: b, c',
    'Unbekannte Felder: b, c',
  ],
  [
    'invalid_format, url',
    z.url(),
    'nope',
    'Must be a web address such as https://example.com.',
    'Muss eine Webadresse wie https://example.com sein.',
  ],
  [
    'invalid_format, email',
    z.email(),
    'nope',
    'Must be an email address.',
    'Muss eine E-Mail-Adresse sein.',
  ],
  [
    'invalid_format, pattern without words of ours',
    z.string().regex(/^\d+$/, 'digits only'),
    'x',
    'Not in the expected format.',
    'Nicht im erwarteten Format.',
  ],
  [
    'invalid_format, a pattern of ours',
    z.string().regex(/^[1-9]\d{0,2}$/, 'must be a country calling code such as 49'),
    '0',
    'Must be a country calling code of 1 to 3 digits, such as 49.',
    'Muss eine Landesvorwahl aus 1 bis 3 Ziffern sein, etwa 49.',
  ],
  [
    'custom, a rule of ours',
    storableText(10),
    'a\u0000',
    'Must not contain the NUL character (U+0000).',
    'Darf das NUL-Zeichen (U+0000) nicht enthalten.',
  ],
  [
    'custom, a rule without words of ours',
    z.string().refine(() => false, 'nope'),
    'x',
    'This value is not valid.',
    'Dieser Wert ist nicht gültig.',
  ],
  [
    'invalid_union',
    z.union([z.number(), z.boolean()]),
    'x',
    'This value is not valid.',
    'Dieser Wert ist nicht gültig.',
  ],
];

const issueLine = (schema: z.ZodType, value: unknown, text: (p: PolicyProblem) => string) =>
  text({ source: 'managed', path: 'x', reason: invalid(schema, value) }).replace(/^x: /, '');

describe('policyProblemText in English (outside the browser)', () => {
  it.each(CASES)('%s', (_, problem, english) => {
    expect(policyProblemText(problem)).toBe(english);
  });

  it.each(ISSUES)('zod issue %s', (_, schema, value, english) => {
    expect(issueLine(schema, value, policyProblemText)).toBe(english);
  });

  it('names where in the value each issue is, and how many more there were', () => {
    const adapter = z.object({
      id: z.string(),
      hosts: z.array(z.string()),
      a: z.number(),
      b: z.number(),
    });
    expect(issueLine(adapter, { id: 4, hosts: 'x', a: 'x', b: 'x' }, policyProblemText)).toBe(
      'id: Must be text. hosts: Must be a list. a: Must be a number. And 1 more problem.',
    );
  });
});

describe('policyProblemText in a German browser', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.resetModules();
  });

  it('says every reason, outcome and zod issue in German, with paths and values as they are', async () => {
    await speakGerman();
    const german = await import('./policy-problem-text');
    for (const [name, problem, , text] of CASES)
      expect(german.policyProblemText(problem), name).toBe(text);
    for (const [name, schema, value, , text] of ISSUES)
      expect(issueLine(schema, value, german.policyProblemText), name).toBe(text);
  });

  it('words the problems resolveSettings finds', async () => {
    const { problems } = resolveSettings({
      managed: { prompts: { maxPerDay: 250, maxPerHour: 3 }, colour: 'red' },
      team: { idleThresholdSeconds: 5 },
    });
    await speakGerman();
    const german = await import('./policy-problem-text');
    expect(problems.map(german.policyProblemText)).toEqual([
      'prompts.maxPerDay: Darf höchstens 200 sein. Es gilt der Standardwert.',
      'colour: Unbekannte Einstellung. Ignoriert.',
      'Team-Richtlinie: idleThresholdSeconds: Muss mindestens 15 sein. Es gilt der Standardwert.',
    ]);
  });
});

describe("our schemas' own messages", () => {
  // Issue #17: a rule of ours with English words but no catalogue message would read as the
  // generic text. The setting and adapter schemas' messages must all be translated.
  const SCHEMA_FILES = [
    'lib/settings/definitions.ts',
    'contract/adapter-definitions.ts',
    'contract/ids.ts',
    'contract/prompt-settings.ts',
    'contract/team-policy.ts',
    'contract/api.ts',
  ];

  function customMessages(file: string): string[] {
    const source = ts.createSourceFile(
      file,
      readFileSync(path.resolve(import.meta.dirname, '../..', file), 'utf8'),
      ts.ScriptTarget.Latest,
      true,
    );
    const found: string[] = [];
    const visit = (node: ts.Node) => {
      if (
        ts.isCallExpression(node) &&
        ts.isPropertyAccessExpression(node.expression) &&
        ['regex', 'refine'].includes(node.expression.name.text) &&
        node.arguments.length > 1
      ) {
        const message = node.arguments[1]!;
        if (ts.isStringLiteral(message)) found.push(message.text);
        if (ts.isObjectLiteralExpression(message))
          for (const property of message.properties)
            if (
              ts.isPropertyAssignment(property) &&
              property.name.getText(source) === 'message' &&
              ts.isStringLiteral(property.initializer)
            )
              found.push(property.initializer.text);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    return found;
  }

  it('finds them', () => {
    expect(customMessages('contract/prompt-settings.ts')).toContain('must not repeat a reason');
  });

  it.each(SCHEMA_FILES)('%s: each has a catalogue message', (file) => {
    const missing = customMessages(file).filter(
      (message) => !Object.hasOwn(CUSTOM_MESSAGE_KEYS, message),
    );
    expect(missing).toEqual([]);
  });
});
