import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { adapterDefinitionSchema } from '../../lib/adapters/definition';
import { fixtureHtml, routeCrm } from './crm-pages';
import { expect, launchWithExtension, serviceWorkerOf, test } from './extension';
import { installManagedPolicy } from './managed-policy';

// Issue #16: an admin builds an adapter for an in-house tool no adapter knows, by clicks only, in
// the side panel; the exported policy, put into managed policy, makes a fresh browser show the
// customer. The tool is tests/fixtures/in-house-builder (made up for this test). The e2e build has
// the *.acme.test hosts granted (wxt.config.ts), as if the admin had allowed the site.
const TOOL = 'https://tools.acme.test';
const FIRST = `${TOOL}/app/requests/1042`;
const SCREENSHOTS = path.resolve('docs/screenshots');
const POLICY_FILE = 'touchpoint-e2e-adapter-builder.json';

const pages = {
  '/app/requests/1042': fixtureHtml('in-house-builder', 'request-1042.html'),
  '/app/requests/2077': fixtureHtml('in-house-builder', 'request-2077.html'),
};

// The admin's browser may build adapters; the policy is in place before the browser starts.
let removePolicy: () => void;
test.beforeAll(() => {
  removePolicy = installManagedPolicy({ adapterBuilder: true }, POLICY_FILE);
});
test.afterAll(() => removePolicy());

/** The side panel's page for a tab (headless Chromium cannot show the browser's side panel). */
async function openSidePanel(context: BrowserContext, serviceWorker: Worker, extensionId: string) {
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

test('an admin builds an adapter by clicks; its policy makes a fresh browser show the customer', async ({
  context,
  page: toolPage,
  extensionId,
  serviceWorker,
}) => {
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

  // A second record, opened by a click in the tool: every field is checked against it.
  await toolPage.getByRole('link', { name: 'Next request' }).click();
  await toolPage.waitForURL(`${TOOL}/app/requests/2077`);
  for (const field of ['customerName', 'customerEmail', 'recordNumber', 'subject', 'status']) {
    await expect(panel.getByTestId(`builder-stability-${field}`)).toHaveText(
      'Holds on record 2077 too',
    );
  }
  await expect(preview.getByTestId('customer-name')).toHaveText('Alan Turing');
  await panel.bringToFront();
  // Tall enough for the whole builder: a full-page shot of a scrolling page loses the right edge
  // where the scrollbar was.
  await panel.setViewportSize({ width: 400, height: 1700 });
  await panel.screenshot({ path: path.join(SCREENSHOTS, 'adapter-builder.png') });

  const [download] = await Promise.all([
    panel.waitForEvent('download'),
    panel.getByRole('button', { name: 'Download policy JSON' }).click(),
  ]);
  const exported = JSON.parse(readFileSync((await download.path())!, 'utf8')) as {
    customAdapters: string[];
  };
  expect(exported.customAdapters).toHaveLength(1);
  const adapter = adapterDefinitionSchema.parse(JSON.parse(exported.customAdapters[0]!));
  expect(adapter).toMatchObject({ id: 'tools-acme', hosts: [`${TOOL}/*`] });
  expect(Object.keys(adapter.fields).sort()).toEqual([
    'customerEmail',
    'customerName',
    'recordNumber',
    'status',
    'subject',
  ]);
  expect(JSON.stringify(adapter.fields)).not.toMatch(/css-|sc-|_3kX9q|ember\d|:r\d/);

  // The agent's browser: the exported policy, a fresh start, the tool's record.
  removePolicy();
  removePolicy = installManagedPolicy(exported, POLICY_FILE);
  await expectAgentSeesCustomer(extensionId);
});

async function expectAgentSeesCustomer(extensionId: string) {
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'touchpoint-e2e-agent-'));
  const agent = await launchWithExtension(userDataDir);
  try {
    const worker = await serviceWorkerOf(agent);
    await routeCrm(agent, TOOL, pages);
    // The content script for the adapter's host is registered once the policy is read.
    await expect
      .poll(
        () =>
          worker.evaluate(
            async () => (await chrome.scripting.getRegisteredContentScripts()).length,
          ),
        { timeout: 15_000 },
      )
      .toBe(1);
    const page = agent.pages()[0] ?? (await agent.newPage());
    await page.goto(`${TOOL}/app/requests/2077`);
    const panel = await openSidePanel(agent, worker, extensionId);
    await expect(panel.getByTestId('customer-name')).toHaveText('Alan Turing');
    await expect(panel.getByText('alan@bletchley.test')).toBeVisible();
    // The agent's browser has no builder: policy does not allow it there.
    await expect(panel.getByRole('button', { name: 'Build adapter' })).toHaveCount(0);
  } finally {
    await agent.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}
