import { browser } from 'wxt/browser';
import { BUILTIN_HOST_PATTERNS } from '../../adapters/builtin-hosts';
import { compileMatchPattern } from '../../adapters/read-record';
import { CONTENT_SCRIPT_FILE, CONTENT_SCRIPT_MARK } from '../../constants';

/**
 * How long after a CRM page's load the script is looked for: the browser runs the script as the
 * page starts (`CONTENT_SCRIPT_RUN_AT`), so by then it runs wherever the browser injected it, and
 * the probe never injects a copy that the browser's own then has to refuse (`claimPage`).
 */
export const PROBE_AFTER_LOAD_MS = 120;

const BUILTIN_MATCHERS = BUILTIN_HOST_PATTERNS.map(compileMatchPattern);

/**
 * Makes sure every loaded CRM page runs the content script (issue #15 item 6, issue #17 item 6).
 * Chromium does not inject declared content scripts into a tab whose navigation began while it
 * was still starting the extension: in a brand-new profile the agent's first CRM tab got no
 * sidebar until reloaded. After each load of a page on a CRM host, the tab is asked (a one-line
 * probe in the extension's isolated world) whether the script runs there; if not, it is injected.
 *
 * A page whose script has already said hello since its navigation began is not asked: the probe
 * is one more script run in the CRM page after every load, for nothing. Which tabs said hello is
 * kept in memory only: after the worker restarts, every tab is probed again, as before.
 */
export function watchContentScripts() {
  // Tab → the address its script said hello from (a late hello of the page before is not this one).
  const greeted = new Map<number, string>();
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    // A new document in the tab (a reload, a link): its script has yet to say hello.
    if (change.status === 'loading') greeted.delete(tabId);
    if (change.status !== 'complete' || !tab.url || greeted.get(tabId) === tab.url) return;
    const url = tab.url;
    setTimeout(() => void ensureScript(tabId, url), PROBE_AFTER_LOAD_MS);
  });
  browser.tabs.onRemoved.addListener((tabId) => greeted.delete(tabId));
  return {
    /** The content script of the tab's page at `url` said hello: no probe for this load. */
    scriptStarted: (tabId: number, url: string) => void greeted.set(tabId, url),
  };
}

async function isCrmPage(url: string) {
  if (BUILTIN_MATCHERS.some((matcher) => matcher.test(url))) return true;
  const registered = await browser.scripting.getRegisteredContentScripts().catch(() => []);
  return registered.some((script) =>
    (script.matches ?? []).some((pattern) => compileMatchPattern(pattern).test(url)),
  );
}

async function ensureScript(tabId: number, url: string) {
  if (!(await isCrmPage(url))) return;
  try {
    const [probe] = await browser.scripting.executeScript({
      target: { tabId },
      func: (mark: string) => (globalThis as Record<symbol, unknown>)[Symbol.for(mark)] === true,
      args: [CONTENT_SCRIPT_MARK],
    });
    if (probe?.result === true) return;
    await browser.scripting.executeScript({
      target: { tabId },
      files: [`/${CONTENT_SCRIPT_FILE}`],
    });
  } catch {
    // The tab navigated away or closed meanwhile, or the page is not ours to script.
  }
}
