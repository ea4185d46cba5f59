import type { BrowserContext, Frame, Page, Worker } from '@playwright/test';
import { readFixtureHtml } from '../fixture-spec';
import { routeCrm, sidebarFrame } from './crm-pages';
import { expect, test } from './extension';
import { readExtensionDatabases } from './extension-storage';
import { installManagedPolicy } from './managed-policy';
import { focusBrowserWindow } from './window-focus';
import { TICKER_AFTER } from '../../lib/content/tickers';

// Issue 15, item 1: a record solved in place is seen within a second on every adapter that reads
// a status, and only the *solved* trigger is on (moving on to another record never prompts), so
// a prompt proves that the solve itself was seen.
let removePolicy: () => void;
test.beforeAll(() => {
  removePolicy = installManagedPolicy(
    {
      prompts: {
        samplingRate: 1,
        minHandleMs: 1000,
        // The reply typed before the solve must not hold the prompt back for the default 8 s.
        typingGraceMs: 500,
        // A prompt held back for a field in focus is looked at again each second, not each 15.
        deferStepMs: 1000,
        triggers: { closed: true, movedOn: false, adminTrigger: false },
      },
    },
    'touchpoint-e2e-live-record.json',
  );
});
test.afterAll(() => removePolicy());

async function policyInForce(serviceWorker: Worker) {
  await expect
    .poll(
      () =>
        serviceWorker.evaluate(async () => (await chrome.storage.managed.get('prompts')).prompts),
      { timeout: 15_000 },
    )
    .toBeTruthy();
}

type ZendeskApi = { status: string; requests: number; notModified: number };

/**
 * Zendesk's ticket and user JSON as the API serves them: with an ETag, answering a matching
 * If-None-Match with 304 (conditional requests), and the ticket's status as the test sets it.
 */
async function routeZendesk(context: BrowserContext, api: ZendeskApi) {
  await context.route('https://acme.zendesk.com/**', async (route) => {
    const url = new URL(route.request().url());
    const json = (tag: string, body: unknown) => {
      api.requests += 1;
      const etag = `W/"${tag}"`;
      if (route.request().headers()['if-none-match'] === etag) {
        api.notModified += 1;
        return route.fulfill({ status: 304, headers: { ETag: etag } });
      }
      return route.fulfill({
        contentType: 'application/json',
        headers: { ETag: etag },
        body: JSON.stringify(body),
      });
    };
    if (url.pathname === '/api/v2/tickets/42.json') {
      return json(`ticket-42-${api.status}`, {
        ticket: { id: 42, status: api.status, priority: 'high', requester_id: 7 },
      });
    }
    if (url.pathname === '/api/v2/users/7.json') {
      return json('user-7', { user: { id: 7, name: 'Ada Lovelace', email: 'ada@example.com' } });
    }
    // The next ticket in the agent's view, still open.
    if (url.pathname === '/api/v2/tickets/43.json') {
      return json('ticket-43', { ticket: { id: 43, status: 'open', requester_id: 8 } });
    }
    if (url.pathname === '/api/v2/users/8.json') {
      return json('user-8', { user: { id: 8, name: 'Grace Hopper', email: 'grace@example.com' } });
    }
    if (url.pathname === '/agent/tickets/42') {
      return route.fulfill({
        contentType: 'text/html',
        body: readFixtureHtml('zendesk', 'ticket-42.html'),
      });
    }
    return route.fulfill({ status: 404, body: 'not found' });
  });
}

async function openRecord(page: Page, url: string, serviceWorker: Worker, extensionId: string) {
  await page.goto(url);
  await focusBrowserWindow(serviceWorker);
  const sidebar = await sidebarFrame(page, extensionId);
  await expect(sidebar.getByTestId('interaction-figures')).toBeVisible({ timeout: 10_000 });
  return sidebar;
}

/** Ticket 42 open, its status "open" in the API, the policy in force and the page settled. */
async function openZendeskTicket42(fixtures: {
  context: BrowserContext;
  page: Page;
  serviceWorker: Worker;
  extensionId: string;
}) {
  const { context, page, serviceWorker, extensionId } = fixtures;
  await policyInForce(serviceWorker);
  const api: ZendeskApi = { status: 'open', requests: 0, notModified: 0 };
  await routeZendesk(context, api);
  const sidebar = await openRecord(
    page,
    'https://acme.zendesk.com/agent/tickets/42',
    serviceWorker,
    extensionId,
  );
  await page.waitForTimeout(1500);
  return { api, sidebar };
}

async function promptOutcomes(context: BrowserContext, extensionId: string) {
  const { touchpoint } = await readExtensionDatabases(context, extensionId);
  return (touchpoint!.outbox as { type: string; payload: Record<string, unknown> }[])
    .filter((event) => event.type === 'prompt.outcome')
    .map((event) => event.payload);
}

/**
 * Makes the solve in the page (`solve` returns when it made it) and expects the prompt within a
 * second, naming `texts`.
 */
async function expectPromptAfter(sidebar: Frame, solve: () => Promise<number>, ...texts: string[]) {
  const solvedAt = await solve();
  const prompt = sidebar.getByTestId('effort-prompt');
  await expect(prompt).toBeVisible({ timeout: 1000 });
  expect(Date.now() - solvedAt).toBeLessThan(1500);
  for (const text of texts) await expect(prompt).toContainText(text);
}

/** Dismisses the prompt: its one outcome is the solved trigger's, of an interaction that closed. */
async function dismissSolvedPrompt(
  { context, extensionId }: { context: BrowserContext; extensionId: string },
  sidebar: Frame,
  app: string,
) {
  await sidebar.getByRole('button', { name: 'Dismiss' }).click();
  expect(await promptOutcomes(context, extensionId)).toEqual([
    expect.objectContaining({
      outcome: 'dismissed',
      trigger: 'closed',
      interaction: expect.objectContaining({ app, endReason: 'closed' }),
    }),
  ]);
}

test('Zendesk, "stay on ticket": a ticket solved in place prompts within a second, read again from the API with If-None-Match; a ticking presence badge soon asks no more', async ({
  context,
  page,
  extensionId,
  serviceWorker,
}) => {
  const { api, sidebar } = await openZendeskTicket42({ context, page, serviceWorker, extensionId });
  // The agent's reply is typed into the editor: typing is not a change of the ticket's state.
  const before = api.requests;
  await page.click('.comment-editor');
  await page.keyboard.type('We are sending a new one today.');
  await page.waitForTimeout(800);
  expect(api.requests).toBe(before);
  await page.evaluate(() => (document.activeElement as HTMLElement).blur()); // clicks Submit

  // A colleague opens the ticket: the pane's presence badge ticks from now on. Its first changes
  // ask the API; once the answers stay the same it asks no more (TICKER_AFTER in tickers.ts).
  await page.evaluate(() => {
    const pane = document.querySelector('.ticket-panes-grid-layout[data-is-active="true"]')!;
    const badge = pane.appendChild(document.createElement('span'));
    let viewers = 1;
    setInterval(() => (badge.textContent = `${(viewers++ % 3) + 1} agents viewing`), 100);
  });
  await page.waitForTimeout(2500);
  const learnt = api.requests;
  // Two requests a read (the ticket, its requester): the badge added, TICKER_AFTER ticks, and a
  // read that may already have been waiting for its gap.
  expect(learnt - before).toBeLessThanOrEqual(2 * (TICKER_AFTER + 2));
  await page.waitForTimeout(1500);
  expect(api.requests).toBe(learnt);

  // Submit as Solved: Zendesk saves, then shows the update in the ticket's pane and stays there.
  api.status = 'solved';
  await expectPromptAfter(sidebar, () =>
    page.evaluate(() => {
      const pane = document.querySelector('.ticket-panes-grid-layout[data-is-active="true"]')!;
      pane.querySelector('.comment-editor')!.textContent = '';
      const update = document.createElement('article');
      update.textContent = 'Status changed: Open → Solved';
      pane.append(update);
      return Date.now();
    }),
  );
  // Unchanged answers were revalidated, not sent again (the requester's JSON at least once).
  expect(api.notModified).toBeGreaterThan(0);
  await dismissSolvedPrompt({ context, extensionId }, sidebar, 'zendesk');
});

test('Zendesk, "close tab": a ticket closed by the app right after the solve still prompts; its last state is read before the next view', async ({
  context,
  page,
  extensionId,
  serviceWorker,
}) => {
  const { api, sidebar } = await openZendeskTicket42({ context, page, serviceWorker, extensionId });

  // Submit as Solved with "Close tab": the ticket's pane goes, the agent lands on their views.
  api.status = 'solved';
  await expectPromptAfter(sidebar, () =>
    page.evaluate(() => {
      document.querySelector('.ticket-panes-grid-layout[data-is-active="true"]')!.remove();
      history.pushState(null, '', '/agent/filters/360001');
      return Date.now();
    }),
  );
  await dismissSolvedPrompt({ context, extensionId }, sidebar, 'zendesk');
});

test('Zendesk, "next ticket in view": the solved ticket prompts over the next one and says whose it was', async ({
  context,
  page,
  extensionId,
  serviceWorker,
}) => {
  const { api, sidebar } = await openZendeskTicket42({ context, page, serviceWorker, extensionId });

  // Submit as Solved with "Next ticket in view": Zendesk draws ticket 43 in the pane at once.
  api.status = 'solved';
  await expectPromptAfter(
    sidebar,
    () =>
      page.evaluate(() => {
        const pane = document.querySelector('.ticket-panes-grid-layout[data-is-active="true"]')!;
        pane.querySelector<HTMLInputElement>('[data-test-id="omni-header-subject"]')!.value =
          'Password reset loop';
        pane.querySelector('[data-garden-id="typography.ellipsis"]')!.textContent = 'Grace Hopper';
        history.pushState(null, '', '/agent/tickets/43');
        return Date.now();
      }),
    'Zendesk ticket #42 · Order arrived damaged',
    'Not the record in front: this asks about your work for Ada Lovelace.',
  );
  await dismissSolvedPrompt({ context, extensionId }, sidebar, 'zendesk');
});

test('Zendesk: moving on to the views without solving prompts nothing when only the solved trigger is on', async ({
  context,
  page,
  extensionId,
  serviceWorker,
}) => {
  const { sidebar } = await openZendeskTicket42({ context, page, serviceWorker, extensionId });
  await page.evaluate(() => {
    document.querySelector('.ticket-panes-grid-layout[data-is-active="true"]')!.remove();
    history.pushState(null, '', '/agent/filters/360001');
  });
  await page.waitForTimeout(1500);
  await expect(sidebar.getByTestId('effort-prompt')).toBeHidden();
});

test('Zendesk: the requester’s profile opened from the ticket is a lookup for it; the ticket keeps one interaction and its solve prompts', async ({
  context,
  page,
  extensionId,
  serviceWorker,
}) => {
  const { api, sidebar } = await openZendeskTicket42({ context, page, serviceWorker, extensionId });
  // The agent clicks the requester: Zendesk shows Ada's profile (her email comes from the API).
  await page.evaluate(() => {
    const pane = document.querySelector('.ticket-panes-grid-layout[data-is-active="true"]')!;
    const away = window as unknown as { ticketPane: Element; ticketParent: Element };
    away.ticketPane = pane;
    away.ticketParent = pane.parentElement!;
    pane.remove();
    history.pushState(null, '', '/agent/users/7');
  });
  await page.waitForTimeout(2500);
  await expect(sidebar.getByTestId('interaction-lookups')).toContainText('Looked up in Zendesk');
  // Back to the ticket's tab, then Submit as Solved.
  await page.evaluate(() => {
    const away = window as unknown as { ticketPane: Element; ticketParent: Element };
    away.ticketParent.append(away.ticketPane);
    history.pushState(null, '', '/agent/tickets/42');
  });
  await page.waitForTimeout(1500);
  api.status = 'solved';
  await page.evaluate(() => {
    const pane = document.querySelector('.ticket-panes-grid-layout[data-is-active="true"]')!;
    pane.append(Object.assign(document.createElement('article'), { textContent: 'Solved' }));
  });
  await expect(sidebar.getByTestId('effort-prompt')).toBeVisible({ timeout: 1000 });

  const { touchpoint } = await readExtensionDatabases(context, extensionId);
  const interactions = touchpoint!.interactions as {
    recordKey: string;
    endReason: string;
    lookups?: { app: string; ms: number }[];
  }[];
  expect(interactions).toEqual([
    expect.objectContaining({
      recordKey: 'acme|zendesk:ticket:42',
      endReason: 'closed',
      lookups: [{ app: 'zendesk', ms: expect.any(Number) }],
    }),
  ]);
  expect(interactions[0]!.lookups![0]!.ms).toBeGreaterThan(1500);
});

/** The incident form (in `form`, a page or its frame) saved with State "Resolved" and drawn again. */
function resolveIncident(form: Page | Frame): Promise<number> {
  return form.evaluate(() => {
    const state = document.getElementById('incident.state')!;
    state.innerHTML = state.innerHTML
      .replace(' selected="SELECTED"', '')
      .replace('<option value="6">', '<option value="6" selected="SELECTED">');
    return Date.now();
  });
}

/** Resolving the incident in `form` prompts within a second, naming the incident's number. */
async function expectPromptOnResolve(form: Page | Frame, sidebar: Frame) {
  await expectPromptAfter(sidebar, () => resolveIncident(form), 'INC0010042');
}

test('ServiceNow: an incident resolved in the form prompts within a second', async ({
  context,
  page,
  extensionId,
  serviceWorker,
}) => {
  await policyInForce(serviceWorker);
  const url =
    'https://acme.service-now.com/incident.do?sys_id=a1b2c3d4e5f60718293a4b5c6d7e8f90&sysparm_view=';
  await routeCrm(context, 'https://acme.service-now.com', {
    '/incident.do': readFixtureHtml('servicenow', 'incident-form.html'),
  });
  const sidebar = await openRecord(page, url, serviceWorker, extensionId);
  await page.waitForTimeout(1500);
  await expectPromptOnResolve(page, sidebar);
});

/** The incident opened through `nav_to.do`, its form in the `gsft_main` frame, read and shown. */
async function openIncidentInFrame(
  context: BrowserContext,
  page: Page,
  serviceWorker: Worker,
  extensionId: string,
  formQuery = 'sys_id%3Da1b2c3d4e5f60718293a4b5c6d7e8f90%26sysparm_view%3D',
) {
  await policyInForce(serviceWorker);
  const url = `https://acme.service-now.com/nav_to.do?uri=%2Fincident.do%3F${formQuery}`;
  await routeCrm(context, 'https://acme.service-now.com', {
    '/nav_to.do': readFixtureHtml('servicenow', 'nav-to.html'),
    '/incident.do': readFixtureHtml('servicenow', 'incident-form.html'),
  });
  const sidebar = await openRecord(page, url, serviceWorker, extensionId);
  // The form's number, subject and caller: read in the frame, not only the id from the address.
  await expect(sidebar.getByTestId('customer-name')).toHaveText('Olumide Bakare');
  await page.waitForTimeout(1500);
  return { sidebar, form: page.frame({ name: 'gsft_main' })! };
}

test('ServiceNow under nav_to.do: the incident in the gsft_main frame is read, and resolving it there prompts within a second', async ({
  context,
  page,
  extensionId,
  serviceWorker,
}) => {
  const { sidebar, form } = await openIncidentInFrame(context, page, serviceWorker, extensionId);
  await expectPromptOnResolve(form, sidebar);
});

test('ServiceNow under nav_to.do: an incident opened by its number is the same record as by sys_id, and resolving it prompts', async ({
  context,
  page,
  extensionId,
  serviceWorker,
}) => {
  // As a link in a mail opens it: the address names the number, the form holds the sys_id.
  const { sidebar, form } = await openIncidentInFrame(
    context,
    page,
    serviceWorker,
    extensionId,
    'sysparm_query%3Dnumber%3DINC0010042',
  );
  await expectPromptOnResolve(form, sidebar);
  const { touchpoint } = await readExtensionDatabases(context, extensionId);
  const interactions = touchpoint!.interactions as { recordKey: string; endReason: string }[];
  expect(interactions).toEqual([
    expect.objectContaining({
      recordKey: 'acme|servicenow:incident:a1b2c3d4e5f60718293a4b5c6d7e8f90',
      endReason: 'closed',
    }),
  ]);
});

test('ServiceNow under nav_to.do: the agent writing in the form inside gsft_main defers the prompt until they leave the field', async ({
  context,
  page,
  extensionId,
  serviceWorker,
}) => {
  const { sidebar, form } = await openIncidentInFrame(context, page, serviceWorker, extensionId);
  // The top document sees only the frame focused; the cursor is in the description inside it.
  await form.focus('textarea[id="incident.description"]');
  await resolveIncident(form);
  const prompt = sidebar.getByTestId('effort-prompt');
  await page.waitForTimeout(2500);
  await expect(prompt).toBeHidden();
  await form.evaluate(() => (document.activeElement as HTMLElement).blur());
  await expect(prompt).toBeVisible({ timeout: 5000 });
  await expect(prompt).toContainText('INC0010042');
});

/**
 * The Next Experience shell for a classic form: the form in a `gsft_main` frame inside two
 * components' open shadow roots, the shell's address naming the form. Written for this test from
 * the adapter's Next Experience address and CRM-FACTS.md's gsft_main facts, not saved from
 * ServiceNow. `openInFrame` opens another record in the frame, as the shell does.
 */
const NEXT_EXPERIENCE_SHELL = `<!doctype html><html><head><title>ServiceNow</title></head><body>
<sn-polaris-layout></sn-polaris-layout>
<script>
  const layout = document.querySelector('sn-polaris-layout').attachShadow({ mode: 'open' });
  const canvas = document.createElement('sn-canvas-main');
  layout.append(canvas);
  const frame = document.createElement('iframe');
  frame.id = 'gsft_main';
  frame.name = 'gsft_main';
  frame.style.cssText = 'width: 100%; height: 90vh; border: 0';
  canvas.attachShadow({ mode: 'open' }).append(frame);
  const target = decodeURIComponent(location.pathname.split('/params/target/')[1] || '');
  if (target.startsWith('incident.do')) frame.src = '/' + target;
  window.openInFrame = (path) => { frame.src = path; };
</script></body></html>`;

test('ServiceNow Next Experience: another incident opened in the gsft_main frame inside its components reaches the card within seconds', async ({
  context,
  page,
  extensionId,
  serviceWorker,
}) => {
  await policyInForce(serviceWorker);
  const first = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
  const second = 'b2c3d4e5f60718293a4b5c6d7e8f90a1';
  const form = readFixtureHtml('servicenow', 'incident-form.html');
  const shell = `/now/nav/ui/classic/params/target/incident.do%3Fsys_id%3D${first}`;
  await routeCrm(context, 'https://acme.service-now.com', {
    [shell]: NEXT_EXPERIENCE_SHELL,
    [`/incident.do?sys_id=${first}`]: form,
    [`/incident.do?sys_id=${second}`]: form
      .replaceAll('INC0010042', 'INC0010043')
      .replace('Olumide Bakare', 'Grace Hopper'),
  });
  const sidebar = await openRecord(
    page,
    `https://acme.service-now.com${shell}`,
    serviceWorker,
    extensionId,
  );
  await expect(sidebar.getByTestId('customer-name')).toHaveText('Olumide Bakare');
  // The shell's own address stays; the watcher's interval (30 s) is far beyond the wait below.
  await page.evaluate(
    (path) => (window as unknown as { openInFrame: (path: string) => void }).openInFrame(path),
    `/incident.do?sys_id=${second}`,
  );
  await expect(sidebar.getByTestId('customer-name')).toHaveText('Grace Hopper', {
    timeout: 5000,
  });
});

const SALESFORCE_CASES = [
  {
    view: 'on its Details tab',
    url: 'https://acme.lightning.force.com/lightning/r/Case/500000000001026/view',
    file: 'case-500.html',
    status: 'records-record-layout-item[field-label="Status"] lightning-formatted-text',
  },
  {
    // Only the highlights panel shows the status there; the fixture's case starts as Working.
    view: 'on its Feed tab',
    url: 'https://acme.lightning.force.com/lightning/r/Case/500000000001027AAA/view',
    file: 'case-feed-500.html',
    status: 'force-highlights-details-item p[title="Status"] ~ p lightning-formatted-text',
  },
];

for (const { view, url, file, status } of SALESFORCE_CASES) {
  test(`Salesforce: a case closed in place ${view} prompts within a second`, async ({
    context,
    page,
    extensionId,
    serviceWorker,
  }) => {
    await policyInForce(serviceWorker);
    const html = readFixtureHtml('salesforce', file).replace('>Closed<', '>Working<');
    await routeCrm(context, new URL(url).origin, { [new URL(url).pathname]: html });
    const sidebar = await openRecord(page, url, serviceWorker, extensionId);
    await page.waitForTimeout(1500);
    await expectPromptAfter(sidebar, () =>
      page.evaluate((selector) => {
        document.querySelector(selector)!.textContent = 'Closed';
        return Date.now();
      }, status),
    );
    await dismissSolvedPrompt({ context, extensionId }, sidebar, 'salesforce');
  });
}
