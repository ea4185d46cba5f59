import type { BrowserContext, Page } from '@playwright/test';
import { routeCrm, sidebarFrame } from './crm-pages';
import { expect, test } from './extension';

const HOSTILE = '<img src=x onerror=alert(1)>';

function pane(ticket: { id: string; subject: string; requester: string }) {
  const escape = (text: string) =>
    text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  return `<div class="ticket-panes-grid-layout" data-is-active="true">
    <input data-test-id="omni-header-subject" value="${escape(ticket.subject)}">
    <div data-test-id="ticket-system-field-requester-select">
      <div data-garden-id="typography.ellipsis">${escape(ticket.requester)}</div></div></div>`;
}

// A Zendesk-like single-page app: "Next ticket" swaps the pane and pushes the URL, no reload.
const spaPage = `<!doctype html><html><head><title>Zendesk</title>
<style>body { margin: 0; font: 16px sans-serif; } #probe { position: absolute; right: 0; top: 0; width: 200px; height: 50px; }</style>
</head><body>
<div id="probe">right edge content</div>
<div id="panes">${pane({ id: '42', subject: 'Order arrived damaged', requester: 'Ada Lovelace' })}</div>
<textarea id="editor" autofocus></textarea>
<button id="next">Next ticket</button>
<script>
  window.loadedOnce = Math.random();
  window.probeAtLoad = JSON.stringify(document.getElementById('probe').getBoundingClientRect());
  window.scrollAtLoad = document.documentElement.scrollWidth + 'x' + document.documentElement.scrollHeight;
  document.getElementById('next').addEventListener('click', () => {
    history.pushState(null, '', '/agent/tickets/43');
    document.getElementById('panes').innerHTML = ${JSON.stringify(
      pane({ id: '43', subject: 'Wrong size', requester: HOSTILE }),
    )};
  });
</script></body></html>`;

const api = {
  '/api/v2/tickets/42.json': { ticket: { id: 42, status: 'open', requester_id: 1 } },
  '/api/v2/users/1.json': { user: { id: 1, name: 'Ada Lovelace', email: 'ada@example.com' } },
  '/api/v2/tickets/43.json': { ticket: { id: 43, status: 'new', requester_id: 2 } },
  '/api/v2/users/2.json': { user: { id: 2, name: HOSTILE, email: 'mallory@example.com' } },
};

async function openTicket(page: Page, context: BrowserContext) {
  const errors: string[] = [];
  const dialogs: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await routeCrm(
    context,
    'https://acme.zendesk.com',
    { '/agent/tickets/42': spaPage, '/agent/tickets/43': spaPage },
    api,
  );
  await page.goto('https://acme.zendesk.com/agent/tickets/42');
  return { errors, dialogs };
}

test('an SPA change of ticket reaches the card without a reload; a hostile name renders as text', async ({
  context,
  page,
  extensionId,
}) => {
  const { errors, dialogs } = await openTicket(page, context);
  const sidebar = await sidebarFrame(page, extensionId);
  await expect(sidebar.getByTestId('customer-name')).toHaveText('Ada Lovelace');
  const marker = await page.evaluate(
    () => (window as unknown as { loadedOnce: number }).loadedOnce,
  );

  await page.click('#next');
  await expect(sidebar.getByTestId('customer-name')).toHaveText(HOSTILE);
  await expect(sidebar.getByText('mallory@example.com')).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { loadedOnce: number }).loadedOnce)).toBe(
    marker,
  );
  expect(await sidebar.locator('img').count()).toBe(0);
  expect(dialogs).toEqual([]);
  expect(errors).toEqual([]);
});

test('a page that removes the sidebar from its root, or replaces the root, gets it back with its card', async ({
  context,
  page,
  extensionId,
}) => {
  await openTicket(page, context);
  await expect((await sidebarFrame(page, extensionId)).getByTestId('customer-name')).toHaveText(
    'Ada Lovelace',
  );
  // What some frameworks do on hydration: drop what they did not render from <html>.
  await page.evaluate(() => {
    for (const child of Array.from(document.documentElement.children)) {
      if (child !== document.head && child !== document.body) child.remove();
    }
  });
  await expect(page.locator('touchpoint-sidebar')).toHaveCount(1);
  await expect((await sidebarFrame(page, extensionId)).getByTestId('customer-name')).toHaveText(
    'Ada Lovelace',
  );
  await page.evaluate(() => {
    const root = document.createElement('html');
    root.append(document.head, document.body);
    document.documentElement.replaceWith(root);
  });
  await expect(page.locator('touchpoint-sidebar')).toHaveCount(1);
  await expect((await sidebarFrame(page, extensionId)).getByTestId('customer-name')).toHaveText(
    'Ada Lovelace',
  );
});

test('the sidebar is a good guest: no layout shift, no focus theft, no console errors', async ({
  context,
  page,
  extensionId,
}) => {
  const { errors } = await openTicket(page, context);
  const sidebar = await sidebarFrame(page, extensionId);
  await expect(sidebar.getByTestId('customer-name')).toHaveText('Ada Lovelace');
  await expect(sidebar.getByRole('complementary', { name: 'Touchpoint' })).toBeVisible();

  const layout = await page.evaluate(() => {
    const w = window as unknown as { probeAtLoad: string; scrollAtLoad: string };
    return {
      probeAtLoad: w.probeAtLoad,
      probeNow: JSON.stringify(document.getElementById('probe')!.getBoundingClientRect()),
      scrollAtLoad: w.scrollAtLoad,
      scrollNow: document.documentElement.scrollWidth + 'x' + document.documentElement.scrollHeight,
      focused: document.activeElement?.id,
    };
  });
  expect(layout.probeNow).toBe(layout.probeAtLoad);
  expect(layout.scrollNow).toBe(layout.scrollAtLoad);
  expect(layout.focused).toBe('editor');
  await page.keyboard.type('Hello');
  await expect(page.locator('#editor')).toHaveValue('Hello');
  expect(errors).toEqual([]);
});

test('collapses to an edge tab, remembers it per app, and toggles from the keyboard command', async ({
  context,
  page,
  extensionId,
  serviceWorker,
}) => {
  await openTicket(page, context);
  const sidebar = await sidebarFrame(page, extensionId);
  await sidebar.getByRole('button', { name: 'Hide sidebar' }).click();
  await expect.poll(() => frameVisible(page)).toBe(false);

  await page.reload();
  await page.waitForTimeout(500);
  // Collapsed state is remembered: the frame is not even created until the agent opens it.
  expect(page.frames()).toHaveLength(1);

  // The `toggle-sidebar` command handler relays exactly this message to the tab in front.
  await serviceWorker.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    await chrome.tabs.sendMessage(
      tab!.id!,
      { type: 'sidebar.command', payload: { action: 'toggle' } },
      { frameId: 0 },
    );
  });
  const reopened = await sidebarFrame(page, extensionId);
  await expect(reopened.getByTestId('customer-name')).toHaveText('Ada Lovelace');
  expect(await frameVisible(page)).toBe(true);
});

test('remembers the width the agent dragged it to', async ({ context, page, extensionId }) => {
  await openTicket(page, context);
  const sidebar = await sidebarFrame(page, extensionId);
  await expect(sidebar.getByTestId('customer-name')).toHaveText('Ada Lovelace');
  const before = await sidebar.evaluate(() => window.innerWidth);
  const viewport = page.viewportSize()!;
  const handleX = viewport.width - before - 3;
  await page.mouse.move(handleX, 300);
  await page.mouse.down();
  await page.mouse.move(handleX - 100, 300, { steps: 5 });
  await page.mouse.up();
  await expect.poll(() => sidebar.evaluate(() => window.innerWidth)).toBe(before + 100);

  await page.reload();
  const again = await sidebarFrame(page, extensionId);
  await expect.poll(() => again.evaluate(() => window.innerWidth)).toBe(before + 100);
});

async function frameVisible(page: Page) {
  const frame = page.frames().find((f) => f.url().startsWith('chrome-extension://'));
  if (!frame) return false;
  const element = await frame.frameElement();
  return element.isVisible();
}

/** Runs `expression` in Touchpoint's content-script world of `page` (what its devtools can too). */
async function inContentScript(page: Page, context: BrowserContext, expression: string) {
  const cdp = await context.newCDPSession(page);
  const worlds: { id: number; name: string; auxData?: { type?: string } }[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context: world }) => worlds.push(world));
  await cdp.send('Runtime.enable');
  const world = worlds.find(
    (each) => each.auxData?.type === 'isolated' && each.name === 'Touchpoint',
  );
  if (!world) throw new Error('no Touchpoint content-script world in the page');
  const { result } = await cdp.send('Runtime.evaluate', {
    expression,
    contextId: world.id,
    awaitPromise: true,
    returnByValue: true,
  });
  await cdp.detach();
  return result.value as unknown;
}

test("the page's content script cannot read or plant the extension's stored credential or policy", async ({
  context,
  page,
  extensionId,
  serviceWorker,
}) => {
  await serviceWorker.evaluate(() =>
    chrome.storage.local.set({ 'touchpoint-probe': 'install credential' }),
  );
  await openTicket(page, context);
  await expect((await sidebarFrame(page, extensionId)).getByTestId('customer-name')).toHaveText(
    'Ada Lovelace',
  );
  const attempt = (call: string) =>
    `${call}.then((value) => JSON.stringify(value ?? null), (error) => 'refused: ' + error.message)`;
  expect(
    await inContentScript(page, context, attempt(`chrome.storage.local.get('touchpoint-probe')`)),
  ).toMatch(/^refused: /);
  expect(
    await inContentScript(
      page,
      context,
      attempt(`chrome.storage.local.set({ 'team-policy-cache': { planted: true } })`),
    ),
  ).toMatch(/^refused: /);
  expect(
    await serviceWorker.evaluate(async () =>
      Object.keys(await chrome.storage.local.get('team-policy-cache')),
    ),
  ).toEqual([]);
});
