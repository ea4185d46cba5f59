import { vi } from 'vitest';
import de from '../../public/_locales/de/messages.json';
import { resolveMessage } from '../../lib/i18n/resolve-message';

/**
 * Makes `browser.i18n` answer as a German browser does, from the German catalogue. Modules that
 * read the UI language must be imported after this call (it resets the module registry); undo it
 * with `vi.restoreAllMocks()` and `vi.resetModules()`.
 */
export async function speakGerman(): Promise<void> {
  vi.resetModules();
  const { browser } = await import('wxt/browser');
  vi.spyOn(browser.i18n, 'getUILanguage').mockReturnValue('de-DE');
  vi.spyOn(browser.i18n, 'getMessage').mockImplementation(
    (key: string, substitutions?: string | string[]) =>
      resolveMessage(de, key, [substitutions ?? []].flat()) ?? '',
  );
}
