import en from '../../public/_locales/en/messages.json';
import { readBrowserMessage } from './browser-i18n';
import { packagedMessage } from './packaged-messages';
import { formatNumber } from './format';
import { resolveMessage } from './resolve-message';
import { uiLocale } from './ui-locale';

// Unit tests run in Node, where no browser translates: they read the English catalogue itself.
// Builds leave it out (Vite replaces the mode, and the browser falls back to the default locale on
// its own), which spares every extension page 95 KB of script before its first render.
const bundledEnglish = import.meta.env.MODE === 'test' ? en : undefined;

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
  return (
    readBrowserMessage(key, values) ??
    packagedMessage(key, values) ??
    (bundledEnglish && resolveMessage(bundledEnglish, key, values)) ??
    key
  );
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
