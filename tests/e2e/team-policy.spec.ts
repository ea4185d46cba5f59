import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { DEMO_TEAM } from '../../demo/demo-team';
import { readFixtureHtml } from '../fixture-spec';
import { routeCrm, sidebarFrame } from './crm-pages';
import { expect, launchWithExtension, serviceWorkerOf, test } from './extension';
import { readExtensionDatabases } from './extension-storage';
import { liveCollectorForSpec } from './live-collector';
import { focusBrowserWindow } from './window-focus';

// Issue 6, acceptance 3: a supervisor changes the team policy in the console of one browser; an
// agent's extension in another picks it up at its next check (forced here instead of waiting for
// the alarm) and behaves accordingly; the collector audits the change. Chromium reads one
// machine-wide policy, so both browsers are deployed with the agent token, as an admin would
// deploy a team: the supervisor signs in to the console with their own token.

const CASE_URL = 'https://acme.lightning.force.com/lightning/r/Case/500000000001026/view';
const NEXT_CASE_PATH = '/lightning/r/Case/500000000001027/view';

const live = liveCollectorForSpec({
  // The team's starting policy: every solved case asked, quickly, with no gap between prompts.
  prepare: async (collector) => {
    const response = await fetch(`${collector.url}/v1/policy`, {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${DEMO_TEAM.supervisorToken}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        policy: {
          prompts: { samplingRate: 1, minHandleMs: 1000, minGapMs: 0, typingGraceMs: 1500 },
        },
      }),
    });
    expect(response.status).toBe(200);
  },
  policyFile: 'touchpoint-e2e-team-policy.json',
});

/** The agent's options page. */
async function openOptions(context: BrowserContext, extensionId: string) {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  return options;
}

async function refreshTeamPolicy(page: Page) {
  return page.evaluate(() =>
    chrome.runtime.sendMessage({ type: 'settings.refreshTeamPolicy', payload: {} }),
  );
}

async function setCaseStatus(page: Page, status: string) {
  await page.evaluate((value) => {
    const field = document.querySelector(
      'records-record-layout-item[field-label="Status"] lightning-formatted-text',
    );
    field!.textContent = value;
  }, status);
}

test('a supervisor turns prompts off and raises the idle threshold; the agent picks it up and gets no prompt; the audit log shows the change', async ({
  context,
  page,
  serviceWorker,
  extensionId,
}) => {
  await expect
    .poll(() => serviceWorker.evaluate(async () => chrome.storage.managed.get('collectorUrl')), {
      timeout: 15_000,
    })
    .toEqual({ collectorUrl: live.current.url });

  // The agent's browser applies the team's starting policy.
  const options = await openOptions(context, extensionId);
  expect(await refreshTeamPolicy(options)).toMatchObject({ ok: true });
  await expect(options.getByTestId('source-prompts')).toHaveText('Team policy');
  await expect(options.getByTestId('setting-idleThresholdSeconds')).toContainText('60');
  await options.close();

  // Baseline: a solved case prompts.
  const html = readFixtureHtml('salesforce', 'case-500.html');
  await routeCrm(context, new URL(CASE_URL).origin, { [new URL(CASE_URL).pathname]: html });
  await page.goto(CASE_URL);
  await focusBrowserWindow(serviceWorker);
  const sidebar = await sidebarFrame(page, extensionId);
  await expect(sidebar.getByTestId('interaction-figures')).toBeVisible({ timeout: 10_000 });
  await page.waitForTimeout(1500);
  await setCaseStatus(page, 'Closed');
  const prompt = sidebar.getByTestId('effort-prompt');
  await expect(prompt).toBeVisible({ timeout: 3000 });
  await sidebar.getByRole('button', { name: 'Dismiss' }).click();
  await expect(prompt).toBeHidden();

  // The supervisor, in their own browser, signs in to the console and changes the policy.
  const supervisorProfile = mkdtempSync(path.join(tmpdir(), 'touchpoint-e2e-supervisor-'));
  // Headless, so its window never takes the focus the agent's measurement depends on.
  const supervisor = await launchWithExtension(supervisorProfile, { headless: true });
  try {
    const supervisorId = new URL((await serviceWorkerOf(supervisor)).url()).host;
    const consolePage = await supervisor.newPage();
    await consolePage.goto(`chrome-extension://${supervisorId}/console.html`);
    await expect(consolePage.getByTestId('console-denied')).toContainText('role agent');
    await consolePage.getByLabel(/Supervisor token/).fill(DEMO_TEAM.supervisorToken);
    await consolePage.getByRole('button', { name: 'Sign in' }).click();
    await expect(consolePage.getByTestId('console-identity')).toContainText('role supervisor');

    await consolePage.getByTestId('field-prompts-enabled').uncheck();
    await consolePage.getByTestId('field-idleThresholdSeconds').fill('300');
    const preview = consolePage.getByTestId('console-preview');
    await expect(preview).toContainText('Agents get no effort prompts.');
    await expect(preview).toContainText('agents count as idle after 5 min without input');
    await consolePage.getByRole('button', { name: 'Save for the team' }).click();
    await expect(consolePage.getByRole('status')).toHaveText(
      'Saved. Agents pick it up at their next policy check.',
    );
    const audit = consolePage.getByTestId('audit-log');
    await expect(audit).toContainText('Effort prompts');
    await expect(audit.getByRole('row').filter({ hasText: 'Idle after' })).toContainText(
      'demo-supervisor',
    );
    await expect(audit.getByRole('row').filter({ hasText: 'Idle after' })).toContainText(
      'not set → 300',
    );
  } finally {
    await supervisor.close();
    rmSync(supervisorProfile, { recursive: true, force: true });
  }

  // The agent's next check (forced) applies it: prompts off, idle after 300 s.
  const after = await openOptions(context, extensionId);
  expect(await refreshTeamPolicy(after)).toMatchObject({ ok: true, data: { outcome: 'updated' } });
  await expect(after.getByTestId('setting-idleThresholdSeconds')).toContainText('300');
  await expect(after.getByTestId('source-idleThresholdSeconds')).toHaveText('Team policy');
  await expect(after.getByTestId('setting-prompts')).toContainText('"enabled":false');
  await after.close();

  // Another case, solved: no prompt, and the outcome says why.
  await page.bringToFront();
  await focusBrowserWindow(serviceWorker);
  await page.evaluate((next) => {
    const status = document.querySelector(
      'records-record-layout-item[field-label="Status"] lightning-formatted-text',
    );
    status!.textContent = 'New';
    history.pushState(null, '', next);
  }, NEXT_CASE_PATH);
  await page.waitForTimeout(1500);
  await setCaseStatus(page, 'Closed');
  await page.waitForTimeout(2000);
  await expect(prompt).toBeHidden();

  const { touchpoint } = await readExtensionDatabases(context, extensionId);
  const outcomes = (touchpoint!.outbox as { type: string; payload: Record<string, unknown> }[])
    .filter((event) => event.type === 'prompt.outcome')
    .map((event) => event.payload);
  expect(outcomes).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ outcome: 'dismissed' }),
      expect.objectContaining({ outcome: 'skipped', skipReason: 'disabled' }),
    ]),
  );
});
