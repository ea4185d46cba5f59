import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Frame, Page } from '@playwright/test';
import { readFixtureHtml } from '../../tests/fixture-spec';
import { routeCrm, sidebarFrame } from '../../tests/e2e/crm-pages';
import { launchWithExtension, serviceWorkerOf } from '../../tests/e2e/extension';
import { installManagedPolicy } from '../../tests/e2e/managed-policy';
import { focusBrowserWindow } from '../../tests/e2e/window-focus';

const ORIGIN = 'https://acme.lightning.force.com';
const casePath = (n: number) => `/lightning/r/Case/${String(500000000001000 + n)}/view`;
const STATUS = 'records-record-layout-item[field-label="Status"] lightning-formatted-text';

export type PromptRun = { ackMs: number; longTasks: number };

/**
 * The effort prompt's cost (issue #4): per run the agent solves a case (an SPA status change), the
 * prompt appears, the agent taps a score. Measured: long tasks (> 50 ms) on the CRM page from the
 * solve to one second after the tap, and the time from the tap's pointerdown to the
 * acknowledgement in the sidebar's DOM. Prompts at 100 %, without gap and only on a solve, so every
 * run prompts once.
 */
export async function measurePrompt(runs: number): Promise<PromptRun[]> {
  const removePolicy = installManagedPolicy({
    prompts: {
      samplingRate: 1,
      minHandleMs: 500,
      minGapMs: 0,
      maxPerHour: 60,
      maxPerDay: 200,
      // Only the solve prompts: moving on from the previous case would queue a second prompt,
      // shown after "Done", and each run must measure one prompt.
      triggers: { closed: true, movedOn: false, adminTrigger: true },
    },
  });
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'touchpoint-bench-prompt-'));
  const context = await launchWithExtension(userDataDir);
  try {
    const worker = await serviceWorkerOf(context);
    const extensionId = new URL(worker.url()).host;
    const html = readFixtureHtml('salesforce', 'case-500.html');
    const pages: Record<string, string> = {};
    for (let n = 0; n <= runs; n++) pages[casePath(n)] = html;
    await routeCrm(context, ORIGIN, pages);
    const page = context.pages()[0] ?? (await context.newPage());
    await page.addInitScript(() => {
      const tasks: number[] = [];
      (window as unknown as { longTaskStarts: number[] }).longTaskStarts = tasks;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) tasks.push(performance.timeOrigin + entry.startTime);
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(`${ORIGIN}${casePath(0)}`);
    await focusBrowserWindow(worker);
    const sidebar = await sidebarFrame(page, extensionId);
    // The card no longer waits for the admin's policy in a new profile (issue #15 item 6), the
    // tracker does: the runs start once measurement shows, i.e. the policy is in force.
    await sidebar.getByTestId('interaction-figures').waitFor({ state: 'visible', timeout: 90_000 });
    const results: PromptRun[] = [];
    for (let run = 1; run <= runs; run++) results.push(await promptOnce(page, sidebar, run));
    return results;
  } finally {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
    removePolicy();
  }
}

async function promptOnce(page: Page, sidebar: Frame, run: number): Promise<PromptRun> {
  await page.evaluate(
    ([next, selector]) => {
      document.querySelector(selector)!.textContent = 'New';
      history.pushState(null, '', next);
    },
    [casePath(run), STATUS] as const,
  );
  await page.waitForTimeout(1200); // handled for a while
  const solvedAt = await page.evaluate((selector) => {
    document.querySelector(selector)!.textContent = 'Closed';
    return performance.timeOrigin + performance.now();
  }, STATUS);
  await sidebar.getByTestId('effort-prompt').waitFor({ state: 'visible', timeout: 5000 });
  await sidebar.evaluate(() => {
    const w = window as unknown as { ack: Promise<number> };
    w.ack = new Promise((resolve) => {
      let tappedAt = 0;
      document.addEventListener('pointerdown', () => (tappedAt = performance.now()), {
        capture: true,
        once: true,
      });
      new MutationObserver((_records, observer) => {
        if (!document.querySelector('[data-testid="effort-prompt"] [role="status"]')) return;
        observer.disconnect();
        resolve(performance.now() - tappedAt);
      }).observe(document, { subtree: true, childList: true });
    });
  });
  await sidebar.getByRole('radio').nth(3).click();
  const ackMs = await sidebar.evaluate(() => (window as unknown as { ack: Promise<number> }).ack);
  await page.waitForTimeout(1000);
  await sidebar.getByRole('button', { name: 'Done' }).click();
  await sidebar.getByTestId('effort-prompt').waitFor({ state: 'hidden', timeout: 5000 });
  const longTasks = await page.evaluate(
    (since) =>
      (window as unknown as { longTaskStarts: number[] }).longTaskStarts.filter((at) => at >= since)
        .length,
    solvedAt,
  );
  return { ackMs, longTasks };
}
