import type { CDPSession, Page } from '@playwright/test';
import { sidebarFrame } from '../../tests/e2e/crm-pages';
import type { BenchBrowser } from './browsers';
import { whenCardShowed } from './card-names';
import { FIRST_TICKET, NEXT_TICKET, ORIGIN, ticketPath } from './heavy-page';

/**
 * Both modes are measured over the same windows, timed by the page's clock: navigation to
 * load + LOAD_WINDOW_MS, then the SPA change (at load + SPA_CHANGE_AFTER_LOAD_MS) to
 * the change + SPA_WINDOW_MS.
 */
export const LOAD_WINDOW_MS = 1500;
export const SPA_CHANGE_AFTER_LOAD_MS = 2000;
export const SPA_WINDOW_MS = 1000;

export type RunResult = {
  /** Main-thread script CPU time (ms) from navigation to load + LOAD_WINDOW_MS. */
  loadScriptMs: number;
  /** Main-thread script CPU time (ms) from the SPA change to the change + SPA_WINDOW_MS. */
  spaScriptMs: number;
  /**
   * Long tasks (> 50 ms) in the page over both windows, except the page's own parse: that task
   * starts before record DOM ready, when the extension has done no more in the page than send its
   * hello and start its frame (the first read waits for the parse), and whether Chromium reports
   * it varies from load to load, which would drown the difference.
   */
  longTasks: number;
  elementCount: number;
  /** Navigation → the page's record DOM ready (the end of its body parsed), ms: the page's own. */
  recordReadyMs: number;
  /** Navigation → the end of the page's load event, ms (a frame added before it delays it). */
  loadEventMs: number;
  /** Only with the extension: record DOM ready → card, and SPA change → card (ms). */
  cardVisibleMs?: number;
  spaChangeMs?: number;
};

type BenchWindow = Window & {
  recordReadyAt: number;
  spaChangedAt: number;
  nextTicket: () => void;
  longTasks: { start: number; duration: number }[];
};

/**
 * Main-thread script and task time so far, in CPU seconds (`inMeasuredTab`'s time domain).
 * Script time leaves out microtasks (docs/benchmarks.md); task time holds everything.
 */
export async function mainThreadSeconds(cdp: CDPSession) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const value = (name: string) => {
    const metric = metrics.find((entry) => entry.name === name);
    if (!metric) throw new Error(`no ${name} in Performance.getMetrics`);
    return metric.value;
  };
  return { script: value('ScriptDuration'), task: value('TaskDuration') };
}

/** Runs `measure` in a fresh tab whose main-thread metrics are on, and closes the tab after. */
export async function inMeasuredTab<T>(
  browser: BenchBrowser,
  measure: (page: Page, cdp: CDPSession) => Promise<T>,
): Promise<T> {
  const page = await browser.context.newPage();
  const cdp = await browser.context.newCDPSession(page);
  // Thread CPU time, not wall time: on two cores the sidebar's own process (and anything else
  // running) would otherwise stretch the page's scripts while they are descheduled.
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  try {
    return await measure(page, cdp);
  } finally {
    await cdp.detach().catch(() => undefined);
    await page.close();
  }
}

/** Waits, timed by the page's own clock, until `ms` after `from` (page-relative, or 'load'). */
export async function waitInPage(page: Page, from: 'load' | number, ms: number) {
  await page.evaluate(
    ({ from, ms }) => {
      const [navigation] = performance.getEntriesByType(
        'navigation',
      ) as PerformanceNavigationTiming[];
      const start = from === 'load' ? navigation!.loadEventEnd : from - performance.timeOrigin;
      return new Promise((resolve) =>
        setTimeout(resolve, Math.max(0, start + ms - performance.now())),
      );
    },
    { from, ms },
  );
}

/**
 * One page load of the heavy ticket page and one SPA change to the next ticket, in a fresh tab.
 * `extensionId` given: the browser has the extension and the card times are taken too.
 */
export async function runOnce(browser: BenchBrowser, extensionId?: string, cardTimeoutMs = 10_000) {
  return inMeasuredTab(browser, async (page, cdp) => {
    await page.goto(`${ORIGIN}${ticketPath(FIRST_TICKET)}`, { waitUntil: 'load' });
    await waitInPage(page, 'load', LOAD_WINDOW_MS);
    const atLoad = (await mainThreadSeconds(cdp)).script;
    const elementCount = await page.evaluate(
      () => document.querySelectorAll('*:not(touchpoint-sidebar)').length,
    );
    const frame = extensionId ? await sidebarFrame(page, extensionId) : undefined;
    const cardAt = frame
      ? await whenCardShowed(frame, FIRST_TICKET.requester.name, cardTimeoutMs)
      : undefined;

    await waitInPage(page, 'load', SPA_CHANGE_AFTER_LOAD_MS);
    const beforeSpa = (await mainThreadSeconds(cdp)).script;
    const changedAt = await page.evaluate(() => {
      const bench = window as unknown as BenchWindow;
      bench.nextTicket();
      return bench.spaChangedAt;
    });
    await waitInPage(page, changedAt, SPA_WINDOW_MS);
    const afterSpa = (await mainThreadSeconds(cdp)).script;
    const inPage = await page.evaluate(() => {
      const bench = window as unknown as BenchWindow;
      const navigation = performance.getEntriesByType('navigation')[0] as
        PerformanceNavigationTiming | undefined;
      const recordReadyMs = bench.recordReadyAt - performance.timeOrigin;
      return {
        recordReadyAt: bench.recordReadyAt,
        recordReadyMs,
        loadEventMs: navigation?.loadEventEnd ?? 0,
        longTasks: bench.longTasks.filter((task) => task.start >= recordReadyMs).length,
      };
    });
    if (!(inPage.loadEventMs > 0)) throw new Error('the page reported no end of its load event');
    const spaCardAt = frame
      ? await whenCardShowed(frame, NEXT_TICKET.requester.name, cardTimeoutMs)
      : undefined;

    const result: RunResult = {
      loadScriptMs: atLoad * 1000,
      spaScriptMs: (afterSpa - beforeSpa) * 1000,
      longTasks: inPage.longTasks,
      elementCount,
      recordReadyMs: inPage.recordReadyMs,
      loadEventMs: inPage.loadEventMs,
    };
    if (cardAt !== undefined) result.cardVisibleMs = cardAt - inPage.recordReadyAt;
    if (spaCardAt !== undefined) result.spaChangeMs = spaCardAt - changedAt;
    return result;
  });
}
