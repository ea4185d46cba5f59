import type { BrowserContext, Page, Worker } from '@playwright/test';
import path from 'node:path';
import { fixtureHtml, routeCrm } from './crm-pages';
import { expect } from './extension';

// The admin's clicks that build an adapter for the made-up in-house tool of
// tests/fixtures/in-house-builder (issue #16), shared by the export and the publish e2e.

export const IN_HOUSE_TOOL = 'https://tools.acme.test';
const FIRST = `${IN_HOUSE_TOOL}/app/requests/1042`;
// The admin docs' screenshots: refreshed with UPDATE_SCREENSHOTS=1; a normal run leaves them alone.
const SCREENSHOTS = path.resolve(
  process.env.UPDATE_SCREENSHOTS ? 'docs/screenshots' : 'test-results/screenshots',
);

export const IN_HOUSE_PAGES = {
  '/app/requests/1042': fixtureHtml('in-house-builder', 'request-1042.html'),
  '/app/requests/2077': fixtureHtml('in-house-builder', 'request-2077.html'),
};
const TOOL = IN_HOUSE_TOOL;
const pages = IN_HOUSE_PAGES;

/** The side panel's page for a tab (headless Chromium cannot show the browser's side panel). */
export async function openSidePanel(
  context: BrowserContext,
  serviceWorker: Worker,
  extensionId: string,
) {
  const [tab] = await serviceWorker.evaluate((url) => chrome.tabs.query({ url }), `${TOOL}/*`);
  const panel = await context.newPage();
  await panel.setViewportSize({ width: 400, height: 900 });
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html?tab=${tab!.id}`);
  return panel;
}

/** Picks `field` in the panel, then clicks the element `target` on the tool's page. */
async function pick(
  panel: Page,
  page: Page,
  fieldName: string,
  target: string,
  screenshot?: string,
) {
  await panel.getByRole('button', { name: `Pick ${fieldName}` }).click();
  await page.bringToFront();
  await page.locator('touchpoint-adapter-picker').waitFor({ state: 'attached' });
  const box = (await page.locator(target).boundingBox())!;
  const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
  await page.mouse.move(x, y);
  if (screenshot) await page.screenshot({ path: path.join(SCREENSHOTS, screenshot) });
  await page.mouse.click(x, y);
  await expect(page.locator('touchpoint-adapter-picker')).toHaveCount(0);
}

/**
 * Opens the tool's first record, starts the builder in the side panel and picks five fields by
 * clicks, checking each value, the preview and that the page was left as it was.
 */
export async function buildByClicks(
  context: BrowserContext,
  toolPage: Page,
  serviceWorker: Worker,
  extensionId: string,
) {
  const pageErrors: string[] = [];
  toolPage.on('pageerror', (error) => pageErrors.push(error.message));
  await routeCrm(context, TOOL, pages);
  await toolPage.goto(FIRST);
  const untouched = await toolPage.evaluate(() => document.documentElement.outerHTML);

  const panel = await openSidePanel(context, serviceWorker, extensionId);
  await panel.getByRole('button', { name: 'Build adapter' }).click();
  await expect(panel.getByTestId('builder-address')).toHaveText(FIRST);
  await expect(panel.getByTestId('builder-address').locator('mark')).toHaveText('1042');
  await expect(panel.getByTestId('builder-pattern')).toHaveText('/app/requests/(\\d+)(?:[/?#]|$)');

  await pick(panel, toolPage, 'Customer name', 'text=Grace Hopper', 'adapter-builder-picking.png');
  await pick(panel, toolPage, 'Customer email', 'a[href^="mailto:"]');
  await pick(panel, toolPage, 'Record number', 'text=REQ-1042');
  await pick(panel, toolPage, 'Subject', 'h1');
  await pick(panel, toolPage, 'Status', 'text=Waiting on customer');

  await expect(panel.getByTestId('builder-value-customerName')).toHaveText('Grace Hopper');
  await expect(panel.getByTestId('builder-value-customerEmail')).toHaveText('grace@navy.test');
  await expect(panel.getByTestId('builder-value-recordNumber')).toHaveText('REQ-1042');
  await expect(panel.getByTestId('builder-value-subject')).toHaveText('Invoice charged twice');
  await expect(panel.getByTestId('builder-value-status')).toHaveText('Waiting on customer');
  await expect(panel.getByTestId('builder-stability-status')).toHaveText('Unique on this page');
  const preview = panel.getByTestId('builder-preview');
  await expect(preview.getByTestId('customer-name')).toHaveText('Grace Hopper');
  await expect(preview.getByText('grace@navy.test')).toBeVisible();

  // The page was only looked at: the same DOM as before, and no error in it.
  expect(await toolPage.evaluate(() => document.documentElement.outerHTML)).toBe(untouched);
  expect(pageErrors).toEqual([]);

  return { panel, preview };
}
