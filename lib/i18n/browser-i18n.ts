import { browser } from 'wxt/browser';

// The only module of lib/i18n that touches `browser.*`. Outside the extension (unit tests in Node,
// where WXT's fake browser throws "not mocked") every call answers undefined and the callers fall
// back to the English catalogue (bundled in unit tests only, see translate.ts).

/** The browser's translation of `key` in the UI language, or undefined where there is none. */
export function readBrowserMessage(key: string, substitutions: string[]): string | undefined {
  try {
    // getMessage is typed with the default locale's keys; callers pass keys typed the same way.
    const message = (browser.i18n.getMessage as (key: string, subs: string[]) => string)(
      key,
      substitutions,
    );
    return message || undefined;
  } catch {
    return undefined;
  }
}

/** The browser's UI language ("de", "en-GB"), else the page's, else undefined. */
export function readUiLanguage(): string | undefined {
  try {
    return browser.i18n.getUILanguage() || undefined;
  } catch {
    return globalThis.navigator?.language || undefined;
  }
}
