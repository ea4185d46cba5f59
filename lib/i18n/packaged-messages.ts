import { resolveMessage, type MessagesFile } from './resolve-message';

// Chromium sometimes gives an extension page an empty message bundle: `i18n.getMessage` answers ""
// for every key, for the page's whole life (seen in a new profile's first minutes, on the side
// panel page). Such a page reads the packaged `_locales` files itself instead, once, before it
// renders (lib/platform/pages/start-page.ts); `t` then answers from them.

let packaged: MessagesFile | undefined;

/** The UI language's messages over the default locale's, as the browser would have answered. */
export function setPackagedMessages(messages: MessagesFile | undefined) {
  packaged = messages;
}

/** `key` from the packaged messages, when the page had to read them; else undefined. */
export function packagedMessage(key: string, substitutions: readonly string[]) {
  return packaged && resolveMessage(packaged, key, substitutions);
}

/**
 * The folders of `public/_locales`, the default locale first (a test keeps the list in step): a
 * page reads only these, since a request for a missing one is an error in its console.
 */
export const PACKAGED_LOCALES = ['en', 'de'] as const;

/** The `_locales` folders to read for a UI language, most general first: "de-AT" → en, de. */
export function localeFolders(
  uiLanguage: string | undefined,
  packaged: readonly string[] = PACKAGED_LOCALES,
): string[] {
  const [language = '', region] = (uiLanguage ?? '').split(/[-_]/);
  const wanted = [packaged[0]!, language.toLowerCase()];
  if (region) wanted.push(`${language.toLowerCase()}_${region.toUpperCase()}`);
  return [...new Set(wanted)].filter((folder) => packaged.includes(folder));
}

/**
 * Reads the packaged messages when the browser answers none (`probe` is a key every locale has),
 * merging the folders of `localeFolders`; a folder that is missing or unreadable is skipped.
 */
export async function loadPackagedMessagesIfMissing(deps: {
  browserMessage: (key: string) => string | undefined;
  /** Asked only when the browser answered nothing: such a page cannot tell its language itself. */
  uiLanguage: () => Promise<string | undefined>;
  readFolder: (folder: string) => Promise<unknown>;
  probe?: string;
}): Promise<boolean> {
  if (deps.browserMessage(deps.probe ?? 'extensionName')) return false;
  const merged: MessagesFile = {};
  for (const folder of localeFolders(await deps.uiLanguage().catch(() => undefined))) {
    const messages = await deps.readFolder(folder).catch(() => undefined);
    if (isMessagesFile(messages)) Object.assign(merged, messages);
  }
  setPackagedMessages(merged);
  return true;
}

function isMessagesFile(value: unknown): value is MessagesFile {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  return Object.values(value).every(
    (entry) => typeof (entry as { message?: unknown } | null)?.message === 'string',
  );
}
