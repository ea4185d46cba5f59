import type { BrowserContext, Page, Worker } from '@playwright/test';
import { loadFixtureSpec, readFixtureHtml } from '../fixture-spec';
import { elementsThroughShadowRoots, routeCrm } from './crm-pages';
import { expect, test } from './extension';
import { readExtensionDatabases } from './extension-storage';
import { installManagedPolicy } from './managed-policy';
import { focusBrowserWindow } from './window-focus';

// Self-hosted helpdesks and admin-defined adapters: hosts the manifest cannot list, named by the
// admin's managed policy. The test build has the *.acme.test hosts granted (wxt.config.ts), as if
// the agent had clicked "Allow" on the options page.
const HELPDESK = 'https://desk.acme.test';
const OSTICKET = 'https://help.acme.test';

const inHouseAdapter = {
  id: 'acme-desk',
  name: 'Acme Desk',
  hosts: [`${HELPDESK}/*`],
  records: [{ type: 'ticket', url: '/cases/(\\d+)' }],
  fields: {
    customerName: [{ selector: '#customer .name' }],
    customerEmail: [
      {
        selector: '#customer a[href^="mailto:"]',
        read: 'attribute',
        attribute: 'href',
        pattern: '^mailto:(.+)$',
      },
    ],
  },
};

// The admin's policy is in place before the browser starts, as on a managed machine.
let removePolicy: () => void;
test.beforeAll(() => {
  removePolicy = installManagedPolicy({
    adapterHosts: { osticket: [`${OSTICKET}/*`] },
    // Each adapter is JSON text, as managed_schema.json declares it: the second has `hosts` as a
    // string, a type error that made Chrome drop the whole list when adapters were objects
    // (issue #15). Now only that adapter is refused, by name, and the first one still applies.
    customAdapters: [
      JSON.stringify(inHouseAdapter),
      JSON.stringify({
        id: 'broken-adapter',
        name: 'Broken',
        hosts: 'https://*.acme.test/*',
        records: [{ type: 'ticket', url: '/tickets/(\\d+)' }],
        fields: {},
      }),
    ],
  });
});
test.afterAll(() => removePolicy());

async function customHostScriptRegistered(serviceWorker: Worker) {
  // The content script for hosts granted at run time is registered once the policy is read.
  await expect
    .poll(
      () =>
        serviceWorker.evaluate(
          async () => (await chrome.scripting.getRegisteredContentScripts()).length,
        ),
      { timeout: 15_000 },
    )
    .toBe(1);
}

/** What the browser's side panel shows for a tab (headless Chromium cannot display the panel). */
async function sidePanelFor(
  context: BrowserContext,
  serviceWorker: Worker,
  extensionId: string,
  url: string,
) {
  const [tab] = await serviceWorker.evaluate((pattern) => chrome.tabs.query({ url: pattern }), url);
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html?tab=${tab!.id}`);
  return panel;
}

async function expectSidePanelEdgeTab(page: Page) {
  // No frame may be embedded on a host granted at run time (the sidebar page is web-accessible
  // only on built-in CRM origins): the page gets an edge tab that opens the side panel instead.
  await expect
    .poll(async () =>
      (await elementsThroughShadowRoots(page, 'button')).map((b) => b['aria-label']),
    )
    .toContain('Open Touchpoint in the side panel');
  expect(page.frames()).toHaveLength(1);
}

test('an admin-defined adapter from policy reads a page no built-in knows; a broken one is reported', async ({
  context,
  page,
  extensionId,
  serviceWorker,
}) => {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await routeCrm(context, HELPDESK, {
    '/cases/7': `<!doctype html><html><head><title>Case 7</title></head><body>
      <section id="customer"><span class="name">Grace Hopper</span>
      <a href="mailto:grace@navy.test">write</a></section></body></html>`,
  });
  await customHostScriptRegistered(serviceWorker);
  await page.goto(`${HELPDESK}/cases/7`);
  await expectSidePanelEdgeTab(page);

  const panel = await sidePanelFor(context, serviceWorker, extensionId, `${HELPDESK}/cases/7`);
  await expect(panel.getByTestId('customer-name')).toHaveText('Grace Hopper');
  await expect(panel.getByText('grace@navy.test')).toBeVisible();

  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const problems = options.getByTestId('policy-problems');
  await expect(problems).toContainText('customAdapters[1] (broken-adapter)');
  await expect(problems).toContainText('hosts: Must be a list.');
  await expect(problems).toContainText('This adapter is ignored.');
  const adaptersInForce = options.locator('section[aria-labelledby="adapters"]');
  await expect(adaptersInForce.getByRole('cell', { name: 'Acme Desk' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('osTicket at the address the admin gave shows its requester (real osTicket pages)', async ({
  context,
  page,
  extensionId,
  serviceWorker,
}) => {
  const ticket = loadFixtureSpec('osticket').pages.find((p) => p.file === 'scp-ticket-1.html')!;
  await routeCrm(context, OSTICKET, {
    '/scp/tickets.php?id=1': readFixtureHtml('osticket', ticket.file),
  });
  await customHostScriptRegistered(serviceWorker);
  await page.goto(ticket.url);
  await expectSidePanelEdgeTab(page);

  const panel = await sidePanelFor(context, serviceWorker, extensionId, `${OSTICKET}/scp/*`);
  await expect(panel.getByTestId('customer-name')).toHaveText(ticket.expect.customerName!);
  await expect(panel.getByText(ticket.expect.customerEmail!)).toBeVisible();
  await expect(panel.getByText('Invoice #4471 charged twice', { exact: false })).toBeVisible();
});

test('osTicket: a ticket opened by its number shows the same card as by its id', async ({
  context,
  page,
  extensionId,
  serviceWorker,
}) => {
  const byNumber = loadFixtureSpec('osticket').pages.find((p) => p.url.includes('number='))!;
  await routeCrm(context, OSTICKET, {
    '/scp/tickets.php?number=860237': readFixtureHtml('osticket', byNumber.file),
  });
  await customHostScriptRegistered(serviceWorker);
  await page.goto(byNumber.url);
  await expectSidePanelEdgeTab(page);

  const panel = await sidePanelFor(context, serviceWorker, extensionId, `${OSTICKET}/scp/*`);
  await expect(panel.getByTestId('customer-name')).toHaveText(byNumber.expect.customerName!);
  await expect(panel.getByText('#860237', { exact: false }).first()).toBeVisible();
  // The same record as the ticket opened by its id.
  await expect
    .poll(async () => {
      const { touchpoint } = await readExtensionDatabases(context, extensionId);
      return (touchpoint!.contexts as { key: string }[]).map((record) => record.key);
    })
    .toEqual(['help.acme.test|osticket:ticket:1']);
});

test('osTicket: closing a ticket, which sends the agent to the queue, ends its interaction as closed (the ticket read once more)', async ({
  context,
  page,
  extensionId,
  serviceWorker,
}) => {
  const ticketPage = readFixtureHtml('osticket', 'scp-ticket-1.html');
  let closed = false;
  await context.route(`${OSTICKET}/**`, (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === '/scp/tickets.php' && url.searchParams.get('id') === '1') {
      // After the close, the ticket's own page shows "Closed" where it showed "Open".
      const body = closed
        ? ticketPage.replace(/(title="Change Status"[\s\S]*?>)\s*Open\s*<\/a>/, '$1Closed</a>')
        : ticketPage;
      return route.fulfill({ contentType: 'text/html', body });
    }
    if (url.pathname === '/scp/tickets.php') {
      return route.fulfill({
        contentType: 'text/html',
        body: '<!doctype html><title>Open Tickets</title><table class="list"></table>',
      });
    }
    return route.fulfill({ status: 404, body: 'not found' });
  });
  await customHostScriptRegistered(serviceWorker);
  await page.goto(`${OSTICKET}/scp/tickets.php?id=1`);
  await focusBrowserWindow(serviceWorker);
  await expectSidePanelEdgeTab(page);
  await page.waitForTimeout(1500); // working on the ticket

  // Status > Closed: osTicket saves it and sends the agent to the queue (data-redirect).
  closed = true;
  await page.goto(`${OSTICKET}/scp/tickets.php`);
  await page.waitForTimeout(1500);

  const { touchpoint } = await readExtensionDatabases(context, extensionId);
  const interactions = touchpoint!.interactions as { recordKey: string; endReason: string }[];
  expect(interactions).toEqual([
    expect.objectContaining({ recordKey: 'help.acme.test|osticket:ticket:1', endReason: 'closed' }),
  ]);
});
