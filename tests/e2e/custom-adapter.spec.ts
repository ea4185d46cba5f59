import { expect, test } from './extension';
import { elementsThroughShadowRoots, routeCrm } from './crm-pages';
import { installManagedPolicy } from './managed-policy';

const HELPDESK = 'https://desk.acme.test';

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
    // Broken in ways only Touchpoint can see (Chrome checks JSON types against managed_schema.json
    // and drops the whole list on a type error; an unclosed regex or a bad id passes that check).
    customAdapters: [
      inHouseAdapter,
      {
        id: 'Broken Adapter!',
        name: 'Broken',
        hosts: ['https://*.acme.test/*'],
        records: [{ type: 'ticket', url: '(unclosed' }],
        fields: {},
      },
    ],
  });
});
test.afterAll(() => removePolicy());

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
  await page.goto(`${HELPDESK}/cases/7`);

  // A host granted at run time cannot frame the sidebar (it is web-accessible only on built-in CRM
  // origins): the page gets an edge tab that opens the browser's side panel instead.
  await expect
    .poll(async () =>
      (await elementsThroughShadowRoots(page, 'button')).map((b) => b['aria-label']),
    )
    .toContain('Open Touchpoint in the side panel');
  expect(page.frames()).toHaveLength(1);

  const [tab] = await serviceWorker.evaluate(
    (url) => chrome.tabs.query({ url }),
    `${HELPDESK}/cases/7`,
  );
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html?tab=${tab!.id}`);
  await expect(panel.getByTestId('customer-name')).toHaveText('Grace Hopper');
  await expect(panel.getByText('grace@navy.test')).toBeVisible();

  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(options.getByTestId('policy-problems')).toContainText(
    'customAdapters[1] (Broken Adapter!)',
  );
  await expect(options.getByTestId('policy-problems')).toContainText(
    'records.0.url: is not a valid regular expression',
  );
  await expect(options.getByRole('cell', { name: 'Acme Desk' })).toBeVisible();
  expect(errors).toEqual([]);
});
