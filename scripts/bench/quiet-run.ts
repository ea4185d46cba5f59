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

/** One load of the quiet page in a fresh tab; the same in both modes. */
export async function runQuietOnce(browser: BenchBrowser): Promise<QuietRunResult> {
  return inMeasuredTab(browser, async (page, cdp) => {
    await page.goto(`${ORIGIN}${QUIET_PATH}`, { waitUntil: 'load' });
    await waitInPage(page, 'load', LOAD_WINDOW_MS);
    const { script, task } = await mainThreadSeconds(cdp);
    return { scriptMs: script * 1000, taskMs: task * 1000 };
  });
}
