import AxeBuilder from '@axe-core/playwright';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { launchWithExtension, serviceWorkerOf, waitForFirstRunPage } from './extension';

// Issue #17: a first-run page for agents, opened once on install and reachable from the popup.

const isFirstRun = (url: string) => url.endsWith('/welcome.html');

test('the first-run page opens once on install, says what is measured and passes axe; the popup links to it', async () => {
  const profile = mkdtempSync(path.join(tmpdir(), 'touchpoint-e2e-first-run-'));
  try {
    let context = await launchWithExtension(profile, { keepFirstRunPage: true });
    const page = await waitForFirstRunPage(context);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome to Touchpoint');
    await expect(page).toHaveTitle('Welcome to Touchpoint');
    // The settings in force in the e2e build: no managed policy, the defaults.
    await expect(page.getByRole('heading', { name: 'What is measured' })).toBeVisible();
    await expect(page.getByTestId('first-run-identity')).toHaveText(/^Pseudonymous: /);
    await expect(page.getByTestId('first-run-collector')).toHaveText(
      'Nowhere yet: no collector is set up, so nothing leaves this browser.',
    );
    await expect(page.getByTestId('first-run-pause')).toContainText('You may pause measurement');
    const axe = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    expect(axe.violations.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
    expect(context.pages().filter((open) => isFirstRun(open.url()))).toHaveLength(1);

    // The settings page is one click away, for export and deletion.
    await page.getByRole('link', { name: 'Open the settings page' }).click();
    await expect(page.getByRole('heading', { name: 'Your local data' })).toBeVisible();

    // Reachable from the popup at any time.
    const extensionId = new URL((await serviceWorkerOf(context)).url()).host;
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    const [opened] = await Promise.all([
      context.waitForEvent('page'),
      popup.getByRole('link', { name: 'What Touchpoint measures' }).click(),
    ]);
    await expect(opened).toHaveURL(/\/welcome\.html$/);
    await expect(opened.getByRole('heading', { level: 1 })).toHaveText('Welcome to Touchpoint');

    // Once: the next browser start with the same profile opens no first-run page. (Pages still
    // open are closed first: this checks the extension, not the browser's session restore.)
    for (const open of context.pages()) if (isFirstRun(open.url())) await open.close();
    await context.close();
    context = await launchWithExtension(profile, { keepFirstRunPage: true });
    await serviceWorkerOf(context);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(
      context
        .pages()
        .map((open) => open.url())
        .filter(isFirstRun),
    ).toEqual([]);
    await context.close();
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
});
