import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { adapterDefinitionSchema } from '../../lib/adapters/definition';
import { routeCrm } from './crm-pages';
import { expect, launchWithExtension, serviceWorkerOf, test } from './extension';
import { installManagedPolicy } from './managed-policy';
import {
  buildByClicks,
  IN_HOUSE_PAGES as pages,
  IN_HOUSE_TOOL as TOOL,
  openSidePanel,
} from './adapter-builder-steps';

// Issue #16: an admin builds an adapter for an in-house tool no adapter knows, by clicks only, in
// the side panel; the exported policy, put into managed policy, makes a fresh browser show the
// customer. The tool is tests/fixtures/in-house-builder (made up for this test). The e2e build has
// the *.acme.test hosts granted (wxt.config.ts), as if the admin had allowed the site.
// The admin docs' screenshots: refreshed with UPDATE_SCREENSHOTS=1; a normal run leaves them alone.
const SCREENSHOTS = path.resolve(
  process.env.UPDATE_SCREENSHOTS ? 'docs/screenshots' : 'test-results/screenshots',
);
const POLICY_FILE = 'touchpoint-e2e-adapter-builder.json';

// The admin's browser may build adapters; the policy is in place before the browser starts.
let removePolicy: () => void;
test.beforeAll(() => {
  removePolicy = installManagedPolicy({ adapterBuilder: true }, POLICY_FILE);
});
test.afterAll(() => removePolicy());

test('an admin builds an adapter by clicks; its policy makes a fresh browser show the customer', async ({
  context,
  page: toolPage,
  extensionId,
  serviceWorker,
}) => {
  const { panel, preview } = await buildByClicks(context, toolPage, serviceWorker, extensionId);

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
