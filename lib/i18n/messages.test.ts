import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveMessage, type MessagesFile } from './resolve-message';

const LOCALES_DIR = path.resolve(import.meta.dirname, '../../public/_locales');
const read = (locale: string) =>
  JSON.parse(readFileSync(path.join(LOCALES_DIR, locale, 'messages.json'), 'utf8')) as MessagesFile;
const locales = readdirSync(LOCALES_DIR).sort();
const en = read('en');
const translations = locales.filter((locale) => locale !== 'en').map((l) => [l, read(l)] as const);

/** Messages rightly the same in German: the product name, words German shares, bare word orders. */
const SAME_IN_GERMAN = [
  'extensionName',
  'fieldOrganisation',
  'recordFieldOrganisation',
  'recordFieldCsat',
  'columnApp',
  'recordName',
  'recordShortName',
  'recordNumbered',
  'recordWithSubject',
];

const placeholderNames = (entry: MessagesFile[string]) =>
  Object.keys(entry.placeholders ?? {})
    .map((name) => name.toLowerCase())
    .sort();
const usedPlaceholders = (message: string) =>
  [...message.replaceAll('$$', '').matchAll(/\$([A-Za-z0-9_@]+)\$/g)]
    .map((match) => match[1]!.toLowerCase())
    .sort();

describe('locale files', () => {
  it('ship English and German', () => {
    expect(locales).toEqual(expect.arrayContaining(['de', 'en']));
  });

  it.each(translations)('%s has exactly the English keys', (_, messages) => {
    expect(Object.keys(messages).sort()).toEqual(Object.keys(en).sort());
  });

  it.each(translations)(
    '%s declares the same placeholders, with the same contents',
    (_, messages) => {
      for (const [key, entry] of Object.entries(messages)) {
        expect({ key, placeholders: entry.placeholders }).toEqual({
          key,
          placeholders: en[key]?.placeholders,
        });
      }
    },
  );

  it.each(locales)('%s: no empty message; every placeholder declared and used', (locale) => {
    for (const [key, entry] of Object.entries(read(locale))) {
      expect(entry.message.trim(), key).not.toBe('');
      expect(usedPlaceholders(entry.message), key).toEqual(
        [...new Set(placeholderNames(entry))].sort(),
      );
    }
  });

  it('English keys are valid message names, described for translators', () => {
    for (const [key, entry] of Object.entries(en)) {
      // Chrome: ASCII letters, digits, _ and @; @@ is reserved for predefined messages.
      expect(key).toMatch(/^(?!@@)[A-Za-z0-9_@]+$/);
      expect(entry.description?.trim(), key).toBeTruthy();
    }
  });

  it('placeholders take the substitutions $1, $2, … in order', () => {
    for (const [key, entry] of Object.entries(en)) {
      const contents = Object.values(entry.placeholders ?? {}).map((p) => p.content);
      expect(contents, key).toEqual(contents.map((_, index) => `$${index + 1}`));
    }
  });

  it('every counted phrase has both plural forms', () => {
    for (const key of Object.keys(en)) {
      const one = key.match(/^(.+)One$/);
      const other = key.match(/^(.+)Other$/);
      if (one) expect(en, key).toHaveProperty(`${one[1]}Other`);
      if (other) expect(en, key).toHaveProperty(`${other[1]}One`);
    }
  });

  it('German is translated: a message matches its English only where listed', () => {
    const de = read('de');
    const same = Object.keys(en).filter((key) => de[key]?.message === en[key]?.message);
    expect(same.sort()).toEqual(SAME_IN_GERMAN.filter((key) => key in en).sort());
  });

  it('German addresses the reader as "Sie" throughout, never "du"', () => {
    // The informal pronouns and the verb forms that go with them; "Sie"/"Ihr" are the norm for
    // workplace software (issue #17: 9 strings said "du", 11 "Sie").
    const informal =
      /\b(du|dich|dir|dein|deine|deinen|deinem|deiner|deines|hast|bist|kannst|willst|musst|siehst|wählst|klickst)\b/i;
    const informalMessages = Object.entries(read('de'))
      .filter(([, entry]) => informal.test(entry.message))
      .map(([key, entry]) => `${key}: ${entry.message}`);
    expect(informalMessages).toEqual([]);
  });

  it.each(locales)('%s resolves every message with its examples, leaving no $ behind', (locale) => {
    const messages = read(locale);
    for (const key of Object.keys(messages)) {
      const examples = Object.values(en[key]?.placeholders ?? {}).map((p) => p.example ?? 'x');
      const text = resolveMessage(messages, key, examples);
      expect(text, key).toBeDefined();
      expect(text, key).not.toContain('$');
    }
  });

  it('every English key is used by the code or the manifest', () => {
    const sources = [
      ...['components', 'entrypoints', 'lib'].flatMap((dir) => sourceFiles(dir)),
      'wxt.config.ts',
    ].map((file) => readFileSync(file, 'utf8'));
    const text = sources.join('\n');
    const unused = Object.keys(en).filter((key) => {
      const plural = key.match(/^(.+)(?:One|Other)$/)?.[1];
      const names = plural ? [key, plural] : [key];
      return !names.some((name) => text.includes(`'${name}'`) || text.includes(`__MSG_${name}__`));
    });
    expect(unused).toEqual([]);
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file))
    .map((file) => path.join(dir, file));
}
