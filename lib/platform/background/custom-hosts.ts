import { browser } from 'wxt/browser';
import { runtimeHosts } from '../../adapters/adapter-set';
import { browserMatchPattern } from '../../adapters/browser-patterns';
import type { AdapterDefinition } from '../../adapters/definition';
import { CONTENT_SCRIPT_FILE, CONTENT_SCRIPT_RUN_AT } from '../../constants';

const CUSTOM_SCRIPT_ID = 'touchpoint-custom-hosts';

let queue: Promise<unknown> = Promise.resolve();

/**
 * Admin-defined adapters and self-hosted CRMs run on hosts the manifest cannot list in advance.
 * For each such host the agent (or the admin's policy) has granted, the same content script is
 * registered at run time. Returns the hosts still waiting for a grant, for the options page.
 */
export function syncCustomContentScripts(
  adapters: readonly AdapterDefinition[],
): Promise<string[]> {
  // Start-up, policy changes and grants can ask at once: one registration change at a time.
  const run = queue.then(() => syncNow(adapters));
  queue = run.catch(() => undefined);
  return run;
}

async function syncNow(adapters: readonly AdapterDefinition[]): Promise<string[]> {
  const granted: string[] = [];
  const pending: string[] = [];
  // Firefox takes no port in a pattern: there a host with one is registered (and asked for) without.
  const hosts = runtimeHosts(adapters).map((host) =>
    browserMatchPattern(host, !import.meta.env.FIREFOX),
  );
  for (const host of new Set(hosts)) {
    const ok = await browser.permissions.contains({ origins: [host] }).catch(() => false);
    (ok ? granted : pending).push(host);
  }
  try {
    const existing = await browser.scripting.getRegisteredContentScripts({
      ids: [CUSTOM_SCRIPT_ID],
    });
    // Runs on every service-worker wake: leave a registration that is already right alone, so a
    // page loading at that moment never finds the script missing.
    const registered = existing[0]?.matches ?? [];
    const current = existing[0]?.runAt === CONTENT_SCRIPT_RUN_AT;
    if (current && sameSet(registered, granted)) return pending;
    if (existing.length > 0)
      await browser.scripting.unregisterContentScripts({ ids: [CUSTOM_SCRIPT_ID] });
    if (granted.length > 0) {
      await browser.scripting.registerContentScripts([
        {
          id: CUSTOM_SCRIPT_ID,
          matches: granted,
          js: [CONTENT_SCRIPT_FILE],
          runAt: CONTENT_SCRIPT_RUN_AT,
          persistAcrossSessions: true,
        },
      ]);
      await injectIntoOpenTabs(granted.filter((host) => !registered.includes(host)));
    }
  } catch (error) {
    console.warn(
      `Touchpoint: could not register the content script for custom hosts: ${String(error)}`,
    );
  }
  return pending;
}

/**
 * A registered script runs on pages loaded after it: pages of a newly registered host that are
 * already open (in a brand-new profile, the agent's first CRM tab opens while the admin's policy
 * is still being read, issue #17) get it injected now. The script runs once per page however it
 * arrives (`claimPage` in lib/platform/content.ts).
 */
async function injectIntoOpenTabs(hosts: readonly string[]) {
  if (hosts.length === 0) return;
  const tabs = await browser.tabs.query({ url: [...hosts] }).catch(() => []);
  await Promise.all(
    tabs.map(async (tab) => {
      if (tab.id === undefined || tab.discarded) return;
      await browser.scripting
        .executeScript({ target: { tabId: tab.id }, files: [`/${CONTENT_SCRIPT_FILE}` as const] })
        .catch(() => undefined);
    }),
  );
}

function sameSet(a: readonly string[], b: readonly string[]) {
  return a.length === b.length && a.every((item) => b.includes(item));
}
