import { browser } from 'wxt/browser';
import { FIRST_RUN_PAGE } from '../../constants';

/**
 * Opens the first-run page once, when the extension is installed (issue #17): not on updates,
 * browser starts or service-worker restarts. A force-installed rollout opens it on each agent's
 * first start with the extension.
 */
export function createFirstRunService() {
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason !== 'install') return;
    void browser.tabs.create({ url: browser.runtime.getURL(`/${FIRST_RUN_PAGE}`) });
  });
}
