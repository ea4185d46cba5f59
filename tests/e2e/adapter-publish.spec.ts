import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_TEAM } from '../../demo/demo-team';
import { issueToken } from '../../server/src/auth/tokens';
import {
  buildByClicks,
  IN_HOUSE_PAGES,
  IN_HOUSE_TOOL,
  openSidePanel,
} from './adapter-builder-steps';
import { routeCrm } from './crm-pages';
import { expect, launchWithExtension, serviceWorkerOf, test } from './extension';
import { liveCollectorForSpec } from './live-collector';

// Issue #16, acceptance 1: an admin builds an adapter for an in-house tool by clicks only and
// publishes it to the collector; an agent's browser, already running, gets it at its next
// team-policy refresh (every minute here) and its card shows the customer. No policy names the
// adapter: it travels as data from the collector. Both browsers share the machine's policy (the
// collector, the team's enrolment token, the builder allowed); they are two profiles.

const live = liveCollectorForSpec({
  policy: { adapterBuilder: true, teamPolicyRefreshMinutes: 1 },
  policyFile: 'touchpoint-e2e-adapter-publish.json',
});

test('an adapter built by clicks and published reaches a running agent browser at its refresh', async ({
  context,
  page: toolPage,
  extensionId,
  serviceWorker,
}) => {
  test.setTimeout(180_000);
  const { token: adminToken } = await issueToken(live.current.db, {
    team: DEMO_TEAM.team,
    role: 'admin',
    name: 'IT admin',
  });

  // The agent's browser is running before anything is published: the tool shows no card.
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'touchpoint-e2e-agent-'));
  const agent = await launchWithExtension(userDataDir);
  try {
    const agentWorker = await serviceWorkerOf(agent);
    await routeCrm(agent, IN_HOUSE_TOOL, IN_HOUSE_PAGES);
    const registered = () =>
      agentWorker.evaluate(
        async () => (await chrome.scripting.getRegisteredContentScripts()).length,
      );
    expect(await registered()).toBe(0);

    const { panel } = await buildByClicks(context, toolPage, serviceWorker, extensionId);
    await panel
      .getByLabel('Admin token (sent with this request only, never stored)')
      .fill(adminToken);
    await panel.getByRole('button', { name: 'Publish to the collector' }).click();
    await expect(panel.getByRole('status').filter({ hasText: 'Published' })).toHaveText(
      "Published: the team's adapters are at version 1.",
    );
    const served = await live.current.db.getAdapters(DEMO_TEAM.team);
    expect(served.definitions.custom.map((adapter) => adapter.id)).toEqual(['tools-acme']);

    // Within the agent's team-policy refresh (one minute) the adapter is in force there.
    await expect.poll(registered, { timeout: 90_000, intervals: [2_000] }).toBe(1);
    const agentPage = agent.pages()[0] ?? (await agent.newPage());
    await agentPage.goto(`${IN_HOUSE_TOOL}/app/requests/2077`);
    const agentPanel = await openSidePanel(agent, agentWorker, extensionId);
    await expect(agentPanel.getByTestId('customer-name')).toHaveText('Alan Turing');
    await expect(agentPanel.getByText('alan@bletchley.test')).toBeVisible();
  } finally {
    await agent.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
});
