import type { CDPSession, Page } from '@playwright/test';
import type { BenchBrowser } from './browsers';
import { ORIGIN, QUIET_PATH } from './heavy-page';
import { inMeasuredTab, LOAD_WINDOW_MS, mainThreadSeconds, waitInPage } from './page-run';

export type QuietRunResult = {
  /**
   * Main-thread script time (ms), navigation → load + LOAD_WINDOW_MS. Chromium counts only
   * function calls and script runs here, not the promise reactions run after them (microtasks):
   * most of a content script's work after its first `await` is missing (docs/benchmarks.md).
   */
  scriptMs: number;
  /** All main-thread task time (ms), same window: script with its microtasks, style, layout. */
  taskMs: number;
};

async function loadQuietPage(page: Page, cdp: CDPSession): Promise<QuietRunResult> {
  await page.goto(`${ORIGIN}${QUIET_PATH}`, { waitUntil: 'load' });
  await waitInPage(page, 'load', LOAD_WINDOW_MS);
  // Chromium counts these per document, from its commit: this load's time alone.
  const { script, task } = await mainThreadSeconds(cdp);
  return { scriptMs: script * 1000, taskMs: task * 1000 };
}

/** One load of the quiet page in a fresh tab (a new renderer); the same in both modes. */
export async function runQuietOnce(browser: BenchBrowser): Promise<QuietRunResult> {
  return inMeasuredTab(browser, loadQuietPage);
}

/** Long enough for the previous document's teardown to end before the next load starts. */
const SETTLE_ON_BLANK_MS = 500;

/**
 * A tab kept open for loads of the quiet page one after another, as an agent's CRM tab loads page
 * after page: its renderer, and what that has compiled and set up, stays. Each load starts from a
 * blank page that has settled, so the previous document's teardown stays out of it.
 */
export async function openQuietTab(browser: BenchBrowser) {
  const page = await browser.context.newPage();
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  return {
    async load(): Promise<QuietRunResult> {
      await page.goto('about:blank');
      await page.waitForTimeout(SETTLE_ON_BLANK_MS);
      return loadQuietPage(page, cdp);
    },
    async close() {
      await cdp.detach().catch(() => undefined);
      await page.close();
    },
  };
}
