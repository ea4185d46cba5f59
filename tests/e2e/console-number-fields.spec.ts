import { DEMO_TEAM } from '../../demo/demo-team';
import { expect, test } from './extension';
import { liveCollectorForSpec } from './live-collector';

// Issue #14, item 7: the console's number fields take what a supervisor types, key by key. Before,
// select-all and "120" went 60 → 602 → 60 and stored 6020, with raw zod messages in English and
// Save disabled. Typed with the keyboard on purpose: `fill` sets the value at once and hid that.

const live = liveCollectorForSpec({
  token: 'supervisor',
  policyFile: 'touchpoint-e2e-console-number-fields.json',
});

async function storedPolicy(): Promise<Record<string, unknown>> {
  const response = await fetch(`${live.current.url}/v1/policy`, {
    headers: { authorization: `Bearer ${DEMO_TEAM.supervisorToken}` },
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { policy: Record<string, unknown> }).policy;
}

test('typing 120 into the idle threshold saves 120; typing abc shows a plain message and holds Save', async ({
  page,
  serviceWorker,
  extensionId,
}) => {
  await expect
    .poll(() => serviceWorker.evaluate(async () => chrome.storage.managed.get('collectorUrl')), {
      timeout: 15_000,
    })
    .toEqual({ collectorUrl: live.current.url });
  await page.goto(`chrome-extension://${extensionId}/console.html`);
  const field = page.getByTestId('field-idleThresholdSeconds');
  const save = page.getByRole('button', { name: 'Save for the team' });
  await expect(field).toHaveValue('60', { timeout: 15_000 });

  await field.click();
  await page.keyboard.press('ControlOrMeta+a');
  await field.pressSequentially('120', { delay: 30 });
  await expect(field).toHaveValue('120');
  await expect(page.getByTestId('field-idleThresholdSeconds-problem')).toBeHidden();
  await expect(save).toBeEnabled();
  await save.click();
  await expect(page.getByRole('status')).toHaveText(
    'Saved. Agents pick it up at their next policy check.',
  );
  expect((await storedPolicy()).idleThresholdSeconds).toBe(120);
  await expect(field).toHaveValue('120');

  await field.click();
  await page.keyboard.press('ControlOrMeta+a');
  await field.pressSequentially('abc', { delay: 30 });
  await expect(field).toHaveValue('abc');
  const problem = page.getByTestId('field-idleThresholdSeconds-problem');
  await expect(problem).toHaveText('Enter a whole number from 15 to 3,600.');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(save).toBeDisabled();
  await expect(page.getByTestId('console-problems')).toBeHidden();
  // Out of range is refused the same way, and a valid value frees Save again.
  await page.keyboard.press('ControlOrMeta+a');
  await field.pressSequentially('6020', { delay: 30 });
  await expect(field).toHaveValue('6020');
  await expect(problem).toBeVisible();
  await expect(save).toBeDisabled();
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await expect(field).toHaveValue('60');
  await expect(save).toBeEnabled();
  expect((await storedPolicy()).idleThresholdSeconds).toBe(120);
});
