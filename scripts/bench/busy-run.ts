import type { Page } from '@playwright/test';
import type { BenchBrowser } from './browsers';
import { BUSY_PATH, ORIGIN } from './heavy-page';
import { inMeasuredTab, mainThreadSeconds, waitInPage } from './page-run';

/** The busy page is measured from navigation to this long after its last row replacement. */
export const SETTLE_AFTER_MS = 500;

export type BusyRunResult = {
  /** Main-thread script CPU time (ms), navigation → last replacement + SETTLE_AFTER_MS. */
  scriptMs: number;
  /** Main-thread task CPU time (ms): script, style, layout and the rest, same window. */
  taskMs: number;
  /** JS heap in use at the end of the window (MB), after a garbage collection. */
  heapMb: number;
  /** Tasks over 50 ms after the page's record DOM was ready (its own parse excluded). */
  longTasks: number;
  /** Rows replaced by the page in the window: the bench fails when the page did not run. */
  replaced: number;
};

/**
 * Loads the busy page in `page` and returns once its last row replacement is SETTLE_AFTER_MS
 * behind: on a loaded machine the page's own timer runs late, and every load must be measured
 * over the same work.
 */
export async function loadBusyPage(page: Page) {
  await page.goto(`${ORIGIN}${BUSY_PATH}`, { waitUntil: 'load' });
  const doneAt = (await (
    await page.waitForFunction(() => (window as { busyDoneAt?: number }).busyDoneAt, null, {
      timeout: 30_000,
      polling: 50,
    })
  ).jsonValue()) as number;
  await waitInPage(page, doneAt, SETTLE_AFTER_MS);
}

/** One load of the busy page in a fresh tab; the same in both modes. */
export async function runBusyOnce(browser: BenchBrowser): Promise<BusyRunResult> {
  return inMeasuredTab(browser, async (page, cdp) => {
    await loadBusyPage(page);
    const { script, task } = await mainThreadSeconds(cdp);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    const inPage = await page.evaluate(() => {
      const bench = window as unknown as {
        recordReadyAt: number;
        busyDoneAt?: number;
        longTasks: { start: number }[];
      };
      return {
        longTasks: bench.longTasks.filter(
          (entry) => entry.start >= bench.recordReadyAt - performance.timeOrigin,
        ).length,
        done: bench.busyDoneAt !== undefined,
        replaced: document.querySelectorAll('#ticket-list [data-replaced]').length,
      };
    });
    if (!inPage.done) throw new Error('the busy page did not finish its replacements in time');
    return {
      scriptMs: script * 1000,
      taskMs: task * 1000,
      heapMb: heap.usedSize / (1024 * 1024),
      longTasks: inPage.longTasks,
      replaced: inPage.replaced,
    };
  });
}
