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
/** `storage.local`: extension storage, readable by the content script without touching the page's origin. */
export const localStore = (): KeyValueStore => wrapArea(browser.storage.local as Area);

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
