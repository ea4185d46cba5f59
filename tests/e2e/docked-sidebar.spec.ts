import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { DEMO_ORIGINS } from '../../demo/policy';
import { fixtureHtml, routeCrm, sidebarFrame } from './crm-pages';
import { DEMO_ADAPTERS_POLICY, demoScriptRegistered, routeDemoApps } from './demo-apps';
import { expect, launchWithExtension, serviceWorkerOf, test } from './extension';
import { installManagedPolicy } from './managed-policy';

// Issue 15 item 9: where the adapter allows it (the demo apps declare `dock`), the open sidebar
// narrows the page instead of covering it; the agent can switch to the overlay, and that sticks.
// Issue 17 item 2: the collapsed edge tab shows its whole label, in English and German.
let removePolicy: () => void;
test.beforeAll(() => {
  removePolicy = installManagedPolicy(DEMO_ADAPTERS_POLICY, 'touchpoint-e2e-docked.json');
});
test.afterAll(() => removePolicy());

const TICKET_URL = `${DEMO_ORIGINS.desk}/tickets/1`;
const ZENDESK = 'https://acme.zendesk.com';

type Box = { left: number; right: number; top: number; bottom: number };
type Measured = Box & {
  scrollWidth: number;
  clientWidth: number;
  scrollHeight: number;
  clientHeight: number;
  text: string;
};

/** Boxes of elements with `className` inside closed shadow roots, read through DevTools. */
async function shadowElements(page: Page, className: string): Promise<Measured[]> {
  const cdp = await page.context().newCDPSession(page);
  type Node = {
    nodeId: number;
    backendNodeId: number;
    attributes?: string[];
    children?: Node[];
    shadowRoots?: Node[];
  };
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as {
    root: Node;
  };
  const matches: Node[] = [];
  const visit = (node: Node) => {
    const attributes = node.attributes ?? [];
    for (let i = 0; i + 1 < attributes.length; i += 2) {
      if (attributes[i] === 'class' && attributes[i + 1]!.split(' ').includes(className)) {
        matches.push(node);
      }
    }
    for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) visit(child);
  };
  visit(root);
  const measured: Measured[] = [];
  for (const node of matches) {
    const { object } = (await cdp.send('DOM.resolveNode', {
      backendNodeId: node.backendNodeId,
    })) as { object: { objectId: string } };
    const { result } = (await cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId,
      functionDeclaration: `function () {
        const r = this.getBoundingClientRect();
        return { left: r.left, right: r.right, top: r.top, bottom: r.bottom,
          scrollWidth: this.scrollWidth, clientWidth: this.clientWidth,
          scrollHeight: this.scrollHeight, clientHeight: this.clientHeight,
          text: this.textContent, hidden: this.hidden };
      }`,
      returnByValue: true,
    })) as { result: { value: Measured & { hidden: boolean } } };
    if (!result.value.hidden) measured.push(result.value);
  }
  await cdp.detach();
  return measured;
}

/**
 * The text of `selector` in the browser's side panel, read through the DevTools protocol: the
 * panel is a target of its own, which Playwright does not list as a page.
 */
async function sidePanelText(page: Page, selector: string): Promise<string | null> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { targetInfos } = (await cdp.send('Target.getTargets')) as {
      targetInfos: { targetId: string; url: string }[];
    };
    const panel = targetInfos.find((target) => target.url.includes('/sidepanel.html?tab='));
    if (!panel) return null;
    const { sessionId } = (await cdp.send('Target.attachToTarget', {
      targetId: panel.targetId,
      flatten: false,
    })) as { sessionId: string };
    const answer = new Promise<string | null>((resolve) => {
      cdp.on(
        'Target.receivedMessageFromTarget',
        (event: { sessionId: string; message: string }) => {
          const reply = JSON.parse(event.message) as {
            id?: number;
            result?: { result?: { value?: string | null } };
          };
          if (event.sessionId === sessionId && reply.id === 1)
            resolve(reply.result?.result?.value ?? null);
        },
      );
    });
    await cdp.send('Target.sendMessageToTarget', {
      sessionId,
      message: JSON.stringify({
        id: 1,
        method: 'Runtime.evaluate',
        params: {
          expression: `document.querySelector(${JSON.stringify(selector)})?.textContent ?? null`,
          returnByValue: true,
        },
      }),
    });
    return await answer;
  } finally {
    await cdp.detach();
  }
}

/** Whether the element the page shows at the centre of `selector` is that element (not covered). */
async function uncovered(page: Page, selector: string) {
  return page.evaluate((css) => {
    const element = document.querySelector(css)!;
    const box = element.getBoundingClientRect();
    const hit = document.elementFromPoint((box.left + box.right) / 2, (box.top + box.bottom) / 2);
    return { visible: element === hit || element.contains(hit), right: box.right };
  }, selector);
}

test('at 1000 px the ticket stays readable beside the docked sidebar; the overlay is the agent’s choice and sticks', async ({
  context,
  page,
  extensionId,
  serviceWorker,
}) => {
  await routeDemoApps(context);
  await demoScriptRegistered(serviceWorker);
  await page.setViewportSize({ width: 1000, height: 800 });
  await page.goto(TICKET_URL);
  const sidebar = await sidebarFrame(page, extensionId);
  await expect(sidebar.getByTestId('customer-name')).toHaveText('Ada Lovelace', {
    timeout: 10_000,
  });

  const [panel] = await shadowElements(page, 'panel');
  expect(panel!.left).toBeGreaterThan(600);
  for (const selector of ['[data-field="subject"]', '[data-field="customer-email"]', '.message']) {
    const seen = await uncovered(page, selector);
    expect(seen.visible, `${selector} is covered`).toBe(true);
    expect(seen.right).toBeLessThanOrEqual(panel!.left);
  }
  // Nothing of the page is pushed under the sidebar: it is no wider than the room left.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1000);

  // The agent switches to the overlay: the page takes the whole width again, under the sidebar.
  const [toggle] = await shadowElements(page, 'dock-toggle');
  expect(toggle!.text).toBe('Float over the page');
  await page.mouse.click((toggle!.left + toggle!.right) / 2, (toggle!.top + toggle!.bottom) / 2);
  await expect.poll(() => page.evaluate(() => document.documentElement.style.marginRight)).toBe('');
  await page.reload();
  await expect((await sidebarFrame(page, extensionId)).getByTestId('customer-name')).toHaveText(
    'Ada Lovelace',
    { timeout: 10_000 },
  );
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => document.documentElement.style.marginRight)).toBe('');
  const [again] = await shadowElements(page, 'dock-toggle');
  expect(again!.text).toBe('Dock beside the page');
});

test('where the page cannot be narrowed (Zendesk), the card moves to the browser’s side panel: the ticket is uncovered, and later loads keep the sidebar folded', async ({
  context,
  page,
  extensionId,
  serviceWorker,
}) => {
  await routeCrm(
    context,
    ZENDESK,
    { '/agent/tickets/42': fixtureHtml('zendesk', 'ticket-42.html') },
    {
      '/api/v2/tickets/42.json': { ticket: { id: 42, status: 'open', requester_id: 7 } },
      '/api/v2/users/7.json': { user: { id: 7, name: 'Ada Lovelace', email: 'ada@example.com' } },
    },
  );
  await page.setViewportSize({ width: 1000, height: 800 });
  await page.goto(`${ZENDESK}/agent/tickets/42`);
  await expect((await sidebarFrame(page, extensionId)).getByTestId('customer-name')).toHaveText(
    'Ada Lovelace',
    { timeout: 10_000 },
  );
  const [panel] = await shadowElements(page, 'panel');
  expect(panel!.left).toBeLessThan(1000); // over the page: Zendesk lays out to the viewport
  const [toggle] = await shadowElements(page, 'dock-toggle');
  expect(toggle!.text).toBe('Open in the side panel');

  // A real click: the browser opens its side panel only in answer to the agent's action.
  await page.mouse.click((toggle!.left + toggle!.right) / 2, (toggle!.top + toggle!.bottom) / 2);
  const tabId = await serviceWorker.evaluate(
    async (url) => (await chrome.tabs.query({ url }))[0]!.id!,
    `${ZENDESK}/agent/tickets/42`,
  );
  await expect
    .poll(() =>
      serviceWorker.evaluate(async () =>
        (
          await chrome.runtime.getContexts({
            contextTypes: ['SIDE_PANEL' as chrome.runtime.ContextType],
          })
        ).map((panelContext) => panelContext.documentUrl?.replace(/^[^?]*/, '')),
      ),
    )
    .toEqual([`?tab=${tabId}`]);
  await expect
    .poll(() => sidePanelText(page, '[data-testid="customer-name"]'))
    .toBe('Ada Lovelace');
  // The page's own sidebar folds away: nothing of Touchpoint covers the ticket.
  await expect.poll(async () => (await shadowElements(page, 'panel')).length).toBe(0);
  expect(await shadowElements(page, 'edge-tab')).toHaveLength(1);

  // The next load of a Zendesk page starts folded: no sidebar frame on the page at all.
  await page.reload();
  await expect.poll(async () => (await shadowElements(page, 'edge-tab')).length).toBe(1);
  await page.waitForTimeout(500);
  expect(page.frames().filter((frame) => frame.url().startsWith('chrome-extension://'))).toEqual(
    [],
  );
});

for (const lang of ['en', 'de']) {
  test(`the collapsed edge tab shows its whole label (${lang})`, async () => {
    const userDataDir = mkdtempSync(path.join(tmpdir(), `touchpoint-e2e-edge-${lang}-`));
    const context = await launchWithExtension(userDataDir, { lang });
    try {
      await routeDemoApps(context);
      await demoScriptRegistered(await serviceWorkerOf(context));
      const page = await context.newPage();
      await page.goto(TICKET_URL);
      await expect.poll(async () => (await shadowElements(page, 'panel')).length).toBe(1);
      // Collapse with the sidebar's own button (›).
      const extensionId = new URL((await serviceWorkerOf(context)).url()).host;
      const sidebar = await sidebarFrame(page, extensionId);
      await sidebar.locator('.sidebar-header button').click();
      await expect.poll(async () => (await shadowElements(page, 'edge-tab')).length).toBe(1);
      const [edgeTab] = await shadowElements(page, 'edge-tab');
      expect(edgeTab!.text).toBe('Touchpoint');
      expect(edgeTab!.scrollHeight).toBeLessThanOrEqual(edgeTab!.clientHeight);
      expect(edgeTab!.scrollWidth).toBeLessThanOrEqual(edgeTab!.clientWidth);
    } finally {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    }
  });
}
