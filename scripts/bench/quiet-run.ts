import type { BenchBrowser } from './browsers';
import { mainThreadSeconds } from './busy-run';
import { ORIGIN, QUIET_PATH } from './heavy-page';
import { LOAD_WINDOW_MS, waitInPage } from './page-run';

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
  const page = await browser.context.newPage();
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  try {
    await page.goto(`${ORIGIN}${QUIET_PATH}`, { waitUntil: 'load' });
    await waitInPage(page, 'load', LOAD_WINDOW_MS);
    const { script, task } = await mainThreadSeconds(cdp);
    return { scriptMs: script * 1000, taskMs: task * 1000 };
  } finally {
    await cdp.detach().catch(() => undefined);
    await page.close();
  }
}
