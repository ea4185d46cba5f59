import { readBrowserMessage, readUiLanguage } from './browser-i18n';
import { packagedMessage } from './packaged-messages';

/**
 * Language of the messages in use, refined by the UI language's region when they agree: an en-GB
 * browser gets English text with British dates; a French one gets English text (the default locale)
 * with English dates and numbers, so one line never mixes two languages.
 */
export function resolveFormatLocale(uiLanguage: string | undefined, messagesLocale: string) {
  if (!uiLanguage) return messagesLocale;
  const language = (tag: string) => tag.toLowerCase().split('-')[0];
  try {
    const [canonical] = Intl.getCanonicalLocales(uiLanguage.replaceAll('_', '-'));
    if (canonical && language(canonical) === language(messagesLocale)) return canonical;
  } catch {
    // Not a valid language tag: use the messages' own.
  }
  return messagesLocale;
}

let cached: string | undefined;

/** The locale for dates, numbers and plural rules on this page (see `resolveFormatLocale`). */
export function uiLocale(): string {
  cached ??= resolveFormatLocale(
    readUiLanguage(),
    // The default locale's (public/_locales/en) where the browser answers nothing (unit tests).
    readBrowserMessage('messagesLocale', []) ?? packagedMessage('messagesLocale', []) ?? 'en',
  );
  return cached;
}
