import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  PACKAGED_LOCALES,
  loadPackagedMessagesIfMissing,
  localeFolders,
  packagedMessage,
  setPackagedMessages,
} from './packaged-messages';
import { t } from './translate';

const folders: Record<string, unknown> = {
  en: {
    extensionName: { message: 'Touchpoint' },
    hideSidebar: { message: 'Hide sidebar' },
    promptDone: { message: 'Done' },
  },
  de: { hideSidebar: { message: 'Seitenleiste ausblenden' } },
};

afterEach(() => setPackagedMessages(undefined));

describe('packaged messages (a page the browser gave no message bundle)', () => {
  it('reads the default locale, then the UI language over it', async () => {
    const read: string[] = [];
    const loaded = await loadPackagedMessagesIfMissing({
      browserMessage: () => undefined,
      uiLanguage: async () => 'de-DE',
      readFolder: async (folder) => {
        read.push(folder);
        if (!(folder in folders)) throw new Error('404');
        return folders[folder];
      },
    });
    expect(loaded).toBe(true);
    expect(read).toEqual(['en', 'de']);
    expect(packagedMessage('hideSidebar', [])).toBe('Seitenleiste ausblenden');
    expect(packagedMessage('promptDone', [])).toBe('Done');
    expect(t('hideSidebar')).toBe('Seitenleiste ausblenden');
  });

  it('reads nothing while the browser answers', async () => {
    const loaded = await loadPackagedMessagesIfMissing({
      browserMessage: (key) => (key === 'extensionName' ? 'Touchpoint' : undefined),
      uiLanguage: () => Promise.reject(new Error('must not be asked')),
      readFolder: () => Promise.reject(new Error('must not be read')),
    });
    expect(loaded).toBe(false);
    expect(packagedMessage('hideSidebar', [])).toBeUndefined();
  });

  it('skips a folder that is not a messages file', async () => {
    await loadPackagedMessagesIfMissing({
      browserMessage: () => undefined,
      uiLanguage: async () => 'en',
      readFolder: async (folder) => (folder === 'en' ? { hideSidebar: 'not an entry' } : undefined),
    });
    expect(packagedMessage('hideSidebar', [])).toBeUndefined();
  });

  it('names the folders as Chrome does, and only those the package has', () => {
    expect(localeFolders('en-US')).toEqual(['en']);
    expect(localeFolders('de-AT')).toEqual(['en', 'de']);
    expect(localeFolders('pt_br', ['en', 'pt', 'pt_BR'])).toEqual(['en', 'pt', 'pt_BR']);
    expect(localeFolders(undefined)).toEqual(['en']);
    expect(localeFolders('fr')).toEqual(['en']);
  });

  it('knows every folder of public/_locales, the default locale first', () => {
    const packaged = readdirSync(path.resolve(import.meta.dirname, '../../public/_locales'));
    expect([...PACKAGED_LOCALES].sort()).toEqual(packaged.sort());
    expect(PACKAGED_LOCALES[0]).toBe('en');
  });
});
