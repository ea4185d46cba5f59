import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { localizeDocument } from '../../i18n';
import { readBrowserMessage, readUiLanguage } from '../../i18n/browser-i18n';
import { loadPackagedMessagesIfMissing } from '../../i18n/packaged-messages';
import { sidebarRequest } from './sidebar-client';

type TitleKey = Parameters<typeof localizeDocument>[1];

/**
 * Starts an extension page: makes sure its texts can be read (from the packaged `_locales` files
 * when the browser gave the page none, see lib/i18n/packaged-messages.ts), then titles the
 * document and renders `app` into `#root`.
 */
export async function startPage(titleKey: TitleKey, app: ReactNode) {
  await loadPackagedMessagesIfMissing({
    browserMessage: (key) => readBrowserMessage(key, []),
    // The page's own UI language is the browser's default then too: the background knows better.
    uiLanguage: async () =>
      (await sidebarRequest('i18n.messagesLocale', {}).catch(() => null))?.locale ??
      readUiLanguage(),
    readFolder: async (folder) => {
      // The page's own origin: the extension's packaged files.
      const response = await fetch(`/_locales/${folder}/messages.json`);
      return response.ok ? ((await response.json()) as unknown) : undefined;
    },
  });
  localizeDocument(document, titleKey);
  createRoot(document.getElementById('root')!).render(app);
}
