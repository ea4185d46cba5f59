import type { Page } from '@playwright/test';
import { DEMO_TEAM } from '../../demo/demo-team';
import { expect, test } from './extension';
import { liveCollectorForSpec } from './live-collector';
import { installManagedPolicy } from './managed-policy';

// Issue 6, acceptance 2: an admin policy in Chromium's managed policy folder. Its collector is the
// one the extension talks to, a locked setting cannot be changed in the options page or the
// console, and an invalid value is ignored with a diagnostic naming it.

const live = liveCollectorForSpec({
  token: 'supervisor',
  policy: {
    // Locked by its value (agent-adjustable otherwise) and by the lock list (team-level).
    defaultCallingCode: '44',
    lockedSettings: ['prompts'],
    // Chrome's schema sees an integer; zod refuses it (at least 15 seconds).
    idleThresholdSeconds: 5,
  },
  policyFile: 'touchpoint-e2e-settings-policy.json',
});

const sendMessage = (page: Page, type: string, payload: unknown) =>
  page.evaluate(([type, payload]) => chrome.runtime.sendMessage({ type, payload }), [
    type,
    payload,
  ] as const) as Promise<{ ok: boolean; error?: string; data?: unknown }>;

test('the admin policy’s collector is used, a locked setting cannot be changed, an invalid value is ignored with a diagnostic', async ({
  context,
  serviceWorker,
  extensionId,
}) => {
  await expect
    .poll(() => serviceWorker.evaluate(async () => chrome.storage.managed.get('collectorUrl')), {
      timeout: 15_000,
    })
    .toEqual({ collectorUrl: live.current.url });

  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(options.getByTestId('collector-url')).toHaveText(live.current.url);
  // No record-hash secret in this policy: no CSAT can be linked, and the page says so.
  await expect(options.getByTestId('record-hash-secret')).toHaveText(
    'not set: interactions carry no record hash, so no CSAT rating can be linked to them',
  );
  await options.getByRole('button', { name: 'Test connection' }).click();
  await expect(options.getByTestId('connection-result')).toHaveText(
    'Connected: team demo, role supervisor, token “demo-supervisor”.',
  );

  // Locked: badge, a disabled control, and the background refuses a change sent anyway.
  const callingCode = options.getByTestId('setting-defaultCallingCode');
  await expect(callingCode.getByTestId('locked-defaultCallingCode')).toBeVisible();
  await expect(callingCode.getByTestId('source-defaultCallingCode')).toHaveText('Admin policy');
  await expect(callingCode.getByRole('textbox')).toBeDisabled();
  const refused = await sendMessage(options, 'settings.setAgentChoice', {
    name: 'defaultCallingCode',
    value: '49',
  });
  expect(refused).toEqual({ ok: false, error: expect.stringContaining('locked by your admin') });
  await expect(options.getByTestId('locked-prompts')).toBeVisible();

  // Invalid: ignored, the default applies, and the diagnostic names the setting.
  const idle = options.getByTestId('setting-idleThresholdSeconds');
  await expect(idle).toContainText('60');
  await expect(idle.getByTestId('source-idleThresholdSeconds')).toHaveText('Default');
  // In the UI language (issue #17): the key as the admin wrote it, the rule, what applies instead.
  await expect(options.getByTestId('policy-problems')).toContainText(
    'idleThresholdSeconds: Must be at least 15. The default applies.',
  );

  // The console shows the lock, disables the setting and the background refuses to save it.
  const console = await context.newPage();
  await console.goto(`chrome-extension://${extensionId}/console.html`);
  await expect(console.getByTestId('console-identity')).toContainText('role supervisor');
  await expect(console.getByTestId('console-locked-prompts')).toBeVisible();
  await expect(console.getByTestId('field-prompts-enabled')).toBeDisabled();
  await expect(console.getByTestId('field-idleThresholdSeconds')).toBeEnabled();
  const saved = await sendMessage(console, 'console.save', {
    policy: { prompts: { enabled: false } },
    etag: null,
  });
  expect(saved).toEqual({
    ok: false,
    error: expect.stringContaining('locked by the admin: prompts'),
  });
});

test('the options page follows a policy change without a reload: a fixed value’s problem goes, a new one is named', async ({
  context,
  extensionId,
}) => {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const problems = options.getByTestId('policy-problems');
  await expect(problems).toContainText('idleThresholdSeconds');

  // The admin fixes the idle threshold and, in the same push, breaks a custom adapter's hosts
  // and copies the team's record-hash secret with its last character wrong.
  const { hashSecret } = (await live.current.db.getTeam(DEMO_TEAM.team))!;
  installManagedPolicy(
    {
      collectorUrl: live.current.url,
      collectorToken: DEMO_TEAM.supervisorToken,
      recordHashSecret: `${hashSecret.slice(0, -1)}${hashSecret.endsWith('x') ? 'y' : 'x'}`,
      defaultCallingCode: '44',
      lockedSettings: ['prompts'],
      idleThresholdSeconds: 90,
      customAdapters: [
        JSON.stringify({
          id: 'typo-desk',
          name: 'Typo Desk',
          hosts: 'https://typo.example.com/*',
          records: [{ type: 'ticket', url: '/t/(\\d+)' }],
          fields: { customerName: [{ selector: '#name' }] },
        }),
      ],
    },
    'touchpoint-e2e-settings-policy.json',
  );
  // Chromium notices the policy folder's change within seconds; the page is never reloaded.
  await expect(problems).toContainText('customAdapters[0] (typo-desk)', { timeout: 30_000 });
  await expect(problems).not.toContainText('idleThresholdSeconds');
  const idle = options.getByTestId('setting-idleThresholdSeconds');
  await expect(idle.getByTestId('source-idleThresholdSeconds')).toHaveText('Admin policy');
  await expect(idle).toContainText('90');
  await expect(options.getByTestId('record-hash-secret')).toContainText(
    "not the collector team's: no CSAT rating can be linked to these interactions",
  );
});
