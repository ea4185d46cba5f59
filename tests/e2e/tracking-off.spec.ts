import { routeCrm } from './crm-pages';
import { expect, test } from './extension';
import { readExtensionDatabases } from './extension-storage';
import { installManagedPolicy } from './managed-policy';

// Issue 3, acceptance 3: with tracking switched off by policy, nothing is recorded.
let removePolicy: () => void;
test.beforeAll(() => {
  removePolicy = installManagedPolicy({ trackingEnabled: false });
});
test.afterAll(() => removePolicy());

test('with tracking switched off, moving between apps records nothing', async ({
  context,
  page,
  extensionId,
  serviceWorker,
}) => {
  await expect
    .poll(
      () =>
        serviceWorker.evaluate(
          async () => (await chrome.storage.managed.get('trackingEnabled')).trackingEnabled,
        ),
      {
        timeout: 15_000,
      },
    )
    .toBe(false);
  await routeCrm(context, 'https://mail.google.com', { '/mail/u/0/': '<title>Inbox</title>' });
  await routeCrm(context, 'https://acme.zendesk.com', {
    '/agent/dashboard': '<title>Zendesk</title>',
  });
  await page.goto('https://acme.zendesk.com/agent/dashboard');
  const mail = await context.newPage();
  await mail.goto('https://mail.google.com/mail/u/0/');
  await page.waitForTimeout(1000);
  await serviceWorker.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ url: 'https://acme.zendesk.com/*' });
    await chrome.tabs.update(tab!.id!, { active: true });
  });
  await page.waitForTimeout(1000);

  const { touchpoint } = await readExtensionDatabases(context, extensionId);
  expect(touchpoint!.spans).toEqual([]);
  expect(touchpoint!.switches).toEqual([]);
  expect(touchpoint!.interactions).toEqual([]);
  expect(touchpoint!.outbox).toEqual([]);
});
