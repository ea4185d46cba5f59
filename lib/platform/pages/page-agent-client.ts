import type { z } from 'zod';
import { browser } from 'wxt/browser';
import type { AdapterDefinition } from '../../adapters/definition';
import {
  checkResultSchema,
  pickResultSchema,
  previewResultSchema,
} from '../../adapters/builder/agent-results';
import type { BuilderField, SelectorExtractor } from '../../adapters/builder/field-pick';
import { PAGE_AGENT_GLOBAL, type PageAgent } from '../../adapters/builder/page-agent';
import { describeIssues } from '../../../contract/validation';
import { browserMatchPattern } from '../../adapters/browser-patterns';

/** The unlisted script (entrypoints/adapter-picker.ts) that installs the page agent. */
const PAGE_AGENT_SCRIPT = '/adapter-picker.js';

/** Runs in the page's isolated world: calls one method of the page agent. */
function callAgent(global: string, method: string, args: unknown[]) {
  const agent = (
    globalThis as unknown as Record<string, Record<string, (...a: unknown[]) => unknown>>
  )[global];
  if (!agent) throw new Error('the adapter builder is not loaded on this page');
  return agent[method]!(...args);
}

/**
 * The side panel's line to the page it builds an adapter on: injects the page agent when the
 * admin starts (scripting.executeScript, never the always-loaded content script) and calls it.
 * Every answer is validated: it carries page text.
 */
export function createPageAgentClient(tabId: number) {
  async function run<T extends z.ZodType>(
    method: keyof PageAgent,
    args: unknown[],
    schema: T,
  ): Promise<z.infer<T>> {
    // Injected again on each call: a navigation (the second record) drops the agent with its page.
    await browser.scripting.executeScript({ target: { tabId }, files: [PAGE_AGENT_SCRIPT] });
    const [injection] = await browser.scripting.executeScript({
      target: { tabId },
      func: callAgent,
      args: [PAGE_AGENT_GLOBAL, method, args],
    });
    const parsed = schema.safeParse(injection?.result ?? null);
    if (!parsed.success)
      throw new Error(`page answered ${method} oddly: ${describeIssues(parsed.error)}`);
    return parsed.data as z.infer<T>;
  }

  return {
    pick: (field: BuilderField, prompt: string) => run('pick', [field, prompt], pickResultSchema),
    check: (extractors: SelectorExtractor[]) => run('check', [extractors], checkResultSchema),
    preview: (adapter: AdapterDefinition) => run('preview', [adapter], previewResultSchema),
    async cancel() {
      await browser.scripting
        .executeScript({
          target: { tabId },
          func: (global: string) =>
            (globalThis as unknown as Record<string, PageAgent | undefined>)[global]?.cancel(),
          args: [PAGE_AGENT_GLOBAL],
        })
        .catch(() => undefined);
    },
  };
}
export type PageAgentClient = ReturnType<typeof createPageAgentClient>;

/** The address of the tab the builder works on (undefined for pages it may not read). */
export async function tabAddress(tabId: number): Promise<string | undefined> {
  const tab = await browser.tabs.get(tabId).catch(() => undefined);
  return tab?.url;
}

/**
 * Calls `onLoaded` with the tab's address each time a page finished loading in it (the admin
 * opened another record). Returns the function that stops watching.
 */
export function watchTabLoads(tabId: number, onLoaded: (url: string) => void): () => void {
  const listener = (id: number, change: { status?: string }, tab: { url?: string }) => {
    if (id === tabId && change.status === 'complete' && tab.url) onLoaded(tab.url);
  };
  browser.tabs.onUpdated.addListener(listener);
  return () => browser.tabs.onUpdated.removeListener(listener);
}

// Firefox takes no port in a pattern (`browserMatchPattern`): a tool on :8443 is asked for without it.
const originsOf = (address: string) => [
  browserMatchPattern(`${new URL(address).origin}/*`, !import.meta.env.FIREFOX),
];

/** Whether the extension may read pages at this address (granted site access). */
export function hasOriginAccess(address: string): Promise<boolean> {
  return browser.permissions.contains({ origins: originsOf(address) });
}

/** Asks for access to the tool's site (the browser prompts): call it from the admin's click. */
export function requestOriginAccess(address: string): Promise<boolean> {
  return browser.permissions.request({ origins: originsOf(address) }).catch(() => false);
}
