import { DEMO_TEAM } from '../../demo/demo-team';
import { issueToken } from '../../server/src/auth/tokens';
import { inspectDatabase } from '../support/collector-inspector';
import { expect, test } from './extension';
import { extensionRequest, waitUntilConfigured } from './extension-requests';
import { liveCollectorForSpec } from './live-collector';

// Issue #13 item 4: the install enrols with the team's enrolment token before its first send and
// sends only as the agent the policy names; an admin sees and revokes it in the console; the
// install then enrols again by itself, and says so in plain words when it cannot.

const AGENT = 'ana.e2e';
const live = liveCollectorForSpec({
  policy: { identityMode: 'identified', agentId: AGENT, syncBackoffCapSeconds: 5 },
});

test('enrols before the first send, is listed and revoked by an admin, enrols again, and says plainly when it cannot', async ({
  context,
  extensionId,
}) => {
  test.setTimeout(120_000);
  const db = live.current.db;
  const arrivals = () => inspectDatabase(db).listEventArrivals(DEMO_TEAM.team);
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await waitUntilConfigured(page);
  const sendEvents = async (count: number) => {
    await extensionRequest(page, 'debug.enqueueSyntheticEvents', {
      count,
      startAt: Date.now() - 60_000,
      spacingMs: 10,
    });
    return extensionRequest<{ pending: number; lastError: { kind: string } | null }>(
      page,
      'sync.now',
      {},
    );
  };

  expect((await sendEvents(10)).pending).toBe(0);
  const first = await arrivals();
  expect(first).toHaveLength(10);
  expect(new Set(first.map((event) => event.agentId))).toEqual(new Set([AGENT]));
  const [enrolled] = await db.listInstalls(DEMO_TEAM.team);
  expect(enrolled).toMatchObject({ agentId: AGENT, enrolledWith: 'demo-agent', revokedAt: null });
  expect(new Set(first.map((event) => event.install))).toEqual(new Set([enrolled!.id]));

  // The admin signs in to the console with their own token and revokes the install.
  const { token: adminToken } = await issueToken(db, {
    team: DEMO_TEAM.team,
    role: 'admin',
    name: 'Ida (admin)',
  });
  const consolePage = await context.newPage();
  await consolePage.goto(`chrome-extension://${extensionId}/console.html`);
  await consolePage.getByLabel(/Supervisor token/).fill(adminToken);
  await consolePage.getByRole('button', { name: 'Sign in' }).click();
  const installs = consolePage.getByTestId('install-list');
  const row = installs.locator(`[data-install="${enrolled!.id}"]`);
  await expect(row).toContainText(AGENT);
  await expect(row).toContainText('“demo-agent”');
  await row.getByRole('button', { name: 'Revoke' }).click();
  await expect(row).toContainText('Revoked');
  await expect(row).toContainText('Ida (admin)');

  // The revoked install enrols again with the still valid enrolment token: nothing is lost.
  expect((await sendEvents(5)).pending).toBe(0);
  expect(await arrivals()).toHaveLength(15);
  const [revoked, renewed] = await db.listInstalls(DEMO_TEAM.team);
  expect(revoked).toMatchObject({ revokedBy: 'Ida (admin)' });
  expect(renewed).toMatchObject({
    installId: enrolled!.installId,
    agentId: AGENT,
    revokedAt: null,
  });

  // With the enrolment token revoked too, it cannot: it keeps the events and says why.
  const [agentToken] = (await db.listTokens(DEMO_TEAM.team)).filter((t) => t.role === 'agent');
  await db.revokeToken(agentToken!.id, new Date());
  await db.revokeInstall(DEMO_TEAM.team, renewed!.id, 'Ida (admin)', new Date());
  const refused = await sendEvents(3);
  expect(refused).toMatchObject({ pending: 3, lastError: { kind: 'unauthorised' } });
  expect(await arrivals()).toHaveLength(15);
  await page.reload();
  await expect(page.getByTestId('sync-problem')).toHaveText(
    'Not authorised: the collector refused the token. Ask your admin.',
  );
});
