import { browser } from 'wxt/browser';
import type { KeyValueStore } from '../../background/key-value';
import { FIRST_RUN_PAGE } from '../../constants';

const SHOWN_KEY = 'firstRunShownAt';

/**
 * Opens the first-run page once per profile, when the extension is installed (issue #17): not on
 * updates, browser starts or service-worker restarts, nor when a browser loads an unpacked build
 * again (it reports that as another install). Uninstalling clears `local`, so a real reinstall
 * shows it again. A force-installed rollout opens it on each agent's first start.
 */
export function createFirstRunService({ local }: { local: KeyValueStore }) {
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason !== 'install') return;
    void (async () => {
      if ((await local.get<number>(SHOWN_KEY)) !== undefined) return;
      await local.set(SHOWN_KEY, Date.now());
      await browser.tabs.create({ url: browser.runtime.getURL(`/${FIRST_RUN_PAGE}`) });
    })();
  });
}
