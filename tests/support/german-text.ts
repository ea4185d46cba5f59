import { readFileSync } from 'node:fs';
import path from 'node:path';
import { resolveMessage, type MessagesFile } from '../../lib/i18n/resolve-message';
import { BUILTIN_APP_NAMES } from '../../lib/apps/app-names';

// Issue #17, item 3: is a text a person reads German from the message catalogue (or data)? Used
// by components/german-ui.test.tsx on rendered components and by the e2e on the real pages.

const LOCALES = path.resolve(import.meta.dirname, '../../public/_locales');
const de = JSON.parse(readFileSync(path.join(LOCALES, 'de/messages.json'), 'utf8')) as MessagesFile;

/** Notation that is the same in every language: a count (n = 120), the SI minute, Spearman's ρ. */
const NOTATION = new Set(['n', 'min', 'ρ']);

/** Internal ids that must never be read as text: app ids, rule ids, role ids. */
export const INTERNAL_IDS = new Set([
  ...Object.keys(BUILTIN_APP_NAMES),
  'other',
  'demo-crm',
  'demo-desk',
  'too-short',
  'min-gap',
  'trigger-off',
  'supervisor',
  'too-many-tools',
]);

/** The apps' own names (Zendesk, osTicket): data, written the same in every language. */
const APP_DISPLAY_NAMES = new Set(Object.values(BUILTIN_APP_NAMES));

/** A list of browser match patterns ("https://*.zendesk.com/*, https://…"): data, not prose. */
const isMatchPatternList = (text: string) =>
  text.split(/,\s*/).every((part) => /^(\*|https?):\/\/[^\s,]+$/.test(part.trim()));

/** Words the browser's own date and time formatting writes in German. */
const INTL_WORDS = (() => {
  const words = new Set<string>(['Uhr']);
  const add = (text: string) => text.match(/\p{L}+/gu)?.forEach((word) => words.add(word));
  for (let month = 0; month < 12; month++)
    for (const style of ['long', 'short'] as const)
      add(new Intl.DateTimeFormat('de', { month: style }).format(new Date(2026, month, 1)));
  for (let day = 0; day < 7; day++)
    for (const style of ['long', 'short'] as const)
      add(new Intl.DateTimeFormat('de', { weekday: style }).format(new Date(2026, 0, 4 + day)));
  for (const unit of ['second', 'minute', 'hour', 'day'] as const)
    for (const unitDisplay of ['long', 'short', 'narrow'] as const)
      for (const value of [1, 2])
        add(new Intl.NumberFormat('de', { style: 'unit', unit, unitDisplay }).format(value));
  for (let month = 0; month < 12; month++)
    add(
      new Intl.DateTimeFormat('de', { day: 'numeric', month: 'short', year: 'numeric' }).format(
        new Date(2026, month, 28),
      ),
    );
  const relative = new Intl.RelativeTimeFormat('de', { numeric: 'auto' });
  for (const unit of ['second', 'minute', 'hour', 'day', 'week', 'month', 'year'] as const)
    for (const value of [-3, -2, -1, 0, 1, 2, 3]) add(relative.format(value, unit));
  return words;
})();

type Token = { literal: string } | { placeholder: true };
const TEMPLATES: Token[][] = Object.keys(de).map((key) => {
  // Every placeholder filled with a marker, then split: literals between markers.
  const names = Object.keys(de[key]!.placeholders ?? {});
  const text = resolveMessage(
    de,
    key,
    names.map(() => '\uE000'),
  )!;
  return text
    .split(/(\uE000)/)
    .filter((part) => part !== '')
    .map((part) => (part === '\uE000' ? { placeholder: true } : { literal: part }));
});

const known = new WeakMap<ReadonlySet<string>, Map<string, boolean>>();
/** How the UI joins messages, tried in turn: "a · b", "a: b", "a; b", "a (b)", "a – b", "a = b". */
const SEPARATORS = [/\s+·\s+/, /:(?:\s+|$)/, /;\s+/, /\s*[()]\s*/, /\s+[–=]\s+/];

/** Whether `text` is German UI text, data, or a mix of them (placeholders filled recursively). */
function isGermanOrData(text: string, data: ReadonlySet<string>, depth = 0): boolean {
  const trimmed = text.trim();
  if (!/\p{L}/u.test(trimmed)) return true;
  if (data.has(trimmed)) return true;
  if ((trimmed.match(/\p{L}+/gu) ?? []).every((word) => INTL_WORDS.has(word) || NOTATION.has(word)))
    return true;
  if (depth > 3) return false;
  if (!known.has(data)) known.set(data, new Map());
  const memo = known.get(data)!.get(`${depth}:${trimmed}`);
  if (memo !== undefined) return memo;
  // A message, or messages joined by the UI's separators ("10:20–10:25 · Zendesk · 5 Min.").
  const joined = (separator: RegExp) => {
    const parts = trimmed.split(separator).filter((part) => part.trim() !== '');
    return (
      (parts.length > 1 || parts[0] !== trimmed) &&
      parts.every((part) => isGermanOrData(part, data, depth + 1))
    );
  };
  const result =
    TEMPLATES.some((tokens) => matches(trimmed, tokens, 0, 0, depth, data)) ||
    SEPARATORS.some(joined);
  known.get(data)!.set(`${depth}:${trimmed}`, result);
  return result;
}

function matches(
  text: string,
  tokens: Token[],
  index: number,
  at: number,
  depth: number,
  data: ReadonlySet<string>,
): boolean {
  if (index === tokens.length) return at === text.length;
  const token = tokens[index]!;
  if ('literal' in token)
    return (
      text.startsWith(token.literal, at) &&
      matches(text, tokens, index + 1, at + token.literal.length, depth, data)
    );
  // A placeholder takes at least one character; what it took must itself pass.
  for (let end = at + 1; end <= text.length; end++) {
    const next = tokens[index + 1];
    if (next && 'literal' in next && !text.startsWith(next.literal, end)) continue;
    if (
      matches(text, tokens, index + 1, end, depth, data) &&
      isGermanOrData(text.slice(at, end), data, depth + 1)
    )
      return true;
  }
  return false;
}

/**
 * What is wrong with texts a person reads on a German page: an internal id shown as text, or
 * text that is neither German catalogue text (messages, joined by the UI's separators, with
 * their placeholders filled by such text, data or numbers) nor one of the `data` values.
 */
export function germanTextOffences(texts: readonly string[], data: ReadonlySet<string>): string[] {
  return texts.flatMap((text) => {
    // Data in every language: an app's own name, and the host patterns an adapter covers.
    if (APP_DISPLAY_NAMES.has(text.trim()) || isMatchPatternList(text)) return [];
    const ids = (text.match(/[a-z][a-z0-9-]+/g) ?? []).filter((word) => INTERNAL_IDS.has(word));
    if (ids.length > 0 && !data.has(text)) return [`internal id ${ids.join(', ')}: "${text}"`];
    return isGermanOrData(text, data) ? [] : [`not in the German catalogue: "${text}"`];
  });
}
