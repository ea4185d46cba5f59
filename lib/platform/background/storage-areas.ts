import { browser } from 'wxt/browser';
import type { KeyValueStore } from '../../background/key-value';

type Area = {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
};

function wrapArea(area: Area): KeyValueStore {
  return {
    async get<T>(key: string) {
      return (await area.get(key))[key] as T | undefined;
    },
    set: (key, value) => area.set({ [key]: value }),
    remove: (key) => area.remove(key),
  };
}

/** `storage.session`: survives the service worker, cleared with the browser session. */
export const sessionStore = (): KeyValueStore => wrapArea(browser.storage.session as Area);
/** `storage.local`: extension storage; kept from content scripts where the browser can (below). */
export const localStore = (): KeyValueStore => wrapArea(browser.storage.local as Area);

type AccessLevelArea = { setAccessLevel?: (options: { accessLevel: string }) => Promise<void> };

/**
 * Keeps content scripts out of `storage.local`, which holds the install's credential, the agent id
 * and the policy caches: by default a content script may read and write it, so a CRM page's
 * renderer or an agent in its developer tools could take the credential or plant a policy.
 * Chrome keeps the level for the extension. Firefox has no such level for `storage.local`
 * (Mozilla bug 1724754): there content scripts still can (docs/sync.md).
 */
export async function keepContentScriptsOutOfLocalStorage() {
  await (browser.storage.local as AccessLevelArea).setAccessLevel?.({
    accessLevel: 'TRUSTED_CONTEXTS',
  });
}

/** Everything the admin's managed policy holds (`{}` where the browser has none). */
export async function readManagedPolicy(): Promise<unknown> {
  let managed: Record<string, unknown> = {};
  try {
    managed = await browser.storage.managed.get(null);
  } catch {
    // Firefox without a policies.json entry, or no managed_schema: there is no admin policy.
  }
  // Demo builds only (`npm start`): Vite replaces the mode with a constant, so other builds drop
  // this branch and never bundle the demo hosts and tokens (issue #12, `npm run check:store`).
  if (import.meta.env.MODE === 'demo' && Object.keys(managed).length === 0) {
    return (await import('../../../demo/policy')).DEMO_POLICY;
  }
  return managed;
}
