import { chromium, expect, test, type Browser } from '@playwright/test';
import { startDemoApps, type DemoApps } from '../../demo/server';
import { CHROMIUM_FLAGS, chromiumExecutable } from './extension';

// Issue #17, item 6: Demo Desk solves and closes tickets in place, as real helpdesks do, so the
// demo's most important prompt trigger (a solved ticket) can be tried. No extension needed here.

let apps: DemoApps;
let browser: Browser;
test.beforeAll(async () => {
  apps = await startDemoApps();
  browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_FLAGS });
});
test.afterAll(async () => {
  await browser?.close();
  await apps?.close();
});

test('solving, closing and reopening a ticket changes its status in place, without a reload', async () => {
  const page = await browser.newPage();
  await page.goto(`${apps.desk}/tickets/1`);
  const status = page.locator('[data-field="status"]');
  await expect(status).toHaveText('Open');
  // A reload would drop this mark.
  await page.evaluate(() => Object.assign(window, { stillThisPage: true }));

  await page.getByRole('button', { name: 'Solve' }).click();
  await expect(status).toHaveText('Solved');
  await page.getByRole('button', { name: 'Close' }).click();
  await expect(status).toHaveText('Closed');
  expect(await page.evaluate(() => 'stillThisPage' in window)).toBe(true);
  expect(page.url()).toBe(`${apps.desk}/tickets/1`);

  // The list and a fresh load agree; reopening puts it back for the next try.
  await page.goto(apps.desk);
  await expect(page.getByRole('row', { name: /#1 Invoice/ })).toContainText('Closed');
  await page.goto(`${apps.desk}/tickets/1`);
  await expect(status).toHaveText('Closed');
  await page.getByRole('button', { name: 'Reopen' }).click();
  await expect(status).toHaveText('Open');
});
