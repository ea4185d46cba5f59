import { browser } from 'wxt/browser';
import { runtimeHosts } from '../adapters/adapter-set';
import type { AdapterDefinition } from '../adapters/definition';

const CUSTOM_SCRIPT_ID = 'touchpoint-custom-hosts';
const CONTENT_SCRIPT_FILE = 'content-scripts/crm.js';

/**
 * Admin-defined adapters run on hosts the manifest cannot list in advance. For each host the agent
 * (or the admin's policy) has granted, the same content script is registered at run time.
 * Returns the hosts still waiting for a grant, for the options page to ask about.
 */
export async function syncCustomContentScripts(
  adapters: readonly AdapterDefinition[],
): Promise<string[]> {
  const hosts = [...new Set(adapters.flatMap((adapter) => adapter.hosts))];
  const granted: string[] = [];
  const pending: string[] = [];
  for (const host of hosts) {
    const ok = await browser.permissions.contains({ origins: [host] }).catch(() => false);
    (ok ? granted : pending).push(host);
  }
  try {
    const existing = await browser.scripting.getRegisteredContentScripts({
      ids: [CUSTOM_SCRIPT_ID],
    });
    if (existing.length > 0)
      await browser.scripting.unregisterContentScripts({ ids: [CUSTOM_SCRIPT_ID] });
    if (granted.length > 0) {
      await browser.scripting.registerContentScripts([
        {
          id: CUSTOM_SCRIPT_ID,
          matches: granted,
          js: [CONTENT_SCRIPT_FILE],
          runAt: 'document_idle',
          persistAcrossSessions: true,
        },
      ]);
    }
  } catch (error) {
    console.warn(
      `Touchpoint: could not register the content script for custom hosts: ${String(error)}`,
    );
  }
  return pending;
}

function sameSet(a: readonly string[], b: readonly string[]) {
  return a.length === b.length && a.every((item) => b.includes(item));
}
