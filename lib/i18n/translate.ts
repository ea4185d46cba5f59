import en from '../../public/_locales/en/messages.json';
import { readBrowserMessage } from './browser-i18n';
import { formatNumber } from './format';
import { resolveMessage } from './resolve-message';
import { uiLocale } from './ui-locale';

type English = typeof en;
/** Every message key, typed from the English (default) locale. */
export type MessageKey = keyof English;

type KeyWithPlaceholders = {
  [K in MessageKey]: English[K] extends { placeholders: object } ? K : never;
}[MessageKey];

/** A placeholder value; numbers are formatted for the UI language. */
export type Substitution = string | number;

/** Messages with placeholders need values; messages without take none. */
export type SubstitutionsFor<K extends MessageKey> = K extends KeyWithPlaceholders
  ? [Substitution, ...Substitution[]]
  : [];

/** Bases `b` for which both `bOne` and `bOther` exist: counted phrases for `tPlural`. */
export type PluralBase = {
  [K in MessageKey]: K extends `${infer Base}One`
    ? `${Base}Other` extends MessageKey
      ? Base
      : never
    : never;
}[MessageKey];

/**
 * The UI text for `key` in the browser's language (`browser.i18n`), falling back to the bundled
 * English where the browser has none (unit tests in Node, a key missing from a locale).
 */
export function t<K extends MessageKey>(key: K, ...substitutions: SubstitutionsFor<K>): string {
  const values = substitutions.map((value) =>
    typeof value === 'number' ? formatNumber(value) : value,
  );
  return readBrowserMessage(key, values) ?? resolveMessage(en, key, values) ?? key;
}

/**
 * A counted phrase: `${base}One` or `${base}Other` as the UI language's plural rules choose, with
 * the formatted count as its placeholder. Languages with more categories (few, many) would get
 * "Other" until keys for those are added here.
 */
export function tPlural(base: PluralBase, count: number): string {
  const category = new Intl.PluralRules(uiLocale()).select(count);
  return t(category === 'one' ? `${base}One` : `${base}Other`, count);
}
