import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEMO_TEAM } from '../../demo/demo-team';
import { seedDemoData } from '../../demo/demo-data-seed';
import type { RunningCollector } from '../../server/src';
import { expect, test } from './extension';
import { startLiveCollector, type LiveCollector } from './live-collector';
import { installManagedPolicy } from './managed-policy';

// Issue 7, acceptance 4: the console shows the report charts for the demo team. A real collector
// holds 2,000 demo interactions over the 8 weeks before this one (the console's default period);
// the admin's policy points the extension at it with the demo supervisor's token.

let live: LiveCollector;
let collector: RunningCollector;
let removePolicy: () => void;

// The README's screenshots: refreshed with UPDATE_SCREENSHOTS=1; a normal run leaves them alone.
const SCREENSHOTS = path.resolve(
  process.env.UPDATE_SCREENSHOTS ? 'docs/screenshots' : 'test-results/screenshots',
);

test.beforeAll(async () => {
  live = await startLiveCollector();
  collector = live.current;
  await seedDemoData(collector.db, {
    seed: 7,
    interactions: 2000,
    team: DEMO_TEAM.team,
    weeks: 8,
  });
  removePolicy = installManagedPolicy(
    { collectorUrl: collector.url, collectorToken: DEMO_TEAM.supervisorToken },
    'touchpoint-e2e-console-report.json',
  );
});
test.afterAll(async () => {
  removePolicy?.();
  await live?.close();
});

test('the console shows the demo team’s report with n, readings and CSV, and passes axe', async ({
  page,
  serviceWorker,
  extensionId,
}) => {
  test.setTimeout(90_000);
  await expect
    .poll(() => serviceWorker.evaluate(async () => chrome.storage.managed.get('collectorUrl')), {
      timeout: 15_000,
    })
    .toEqual({ collectorUrl: collector.url });

  await page.setViewportSize({ width: 1200, height: 900 });
  await page.goto(`chrome-extension://${extensionId}/console.html`);
  await page.getByRole('button', { name: 'Reports' }).click();
  await expect(page).toHaveURL(/#report$/);

  const report = page.getByTestId('report');
  await expect(report).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('report-summary')).toContainText(`Team ${DEMO_TEAM.team}`);
  await expect(page.getByTestId('report-suppression')).toContainText(
    'Groups under 5 are not shown',
  );

  // Four histograms, each with its n; the effort histogram counts effort answers only.
  const histograms = report.getByTestId('histogram');
  await expect(histograms).toHaveCount(4);
  for (const figure of await histograms.all()) {
    await expect(figure.locator('.report-n')).toHaveText(/^n = [\d,]+$/);
    await expect(figure.getByRole('img')).toHaveAccessibleName(/.+/);
  }
  const interactions = await report
    .getByTestId('report-distributions')
    .locator('.report-section-head .report-n')
    .textContent();
  expect(Number(interactions!.replace(/\D/g, ''))).toBeGreaterThan(1000);

  // Four correlations: ρ with CI whiskers and a reading beside each.
  const correlations = report.getByTestId('correlation-chart');
  for (const measure of ['effort', 'switches', 'away', 'handle']) {
    await expect(
      correlations.getByTestId(`interval-${measure}`).getByRole('img'),
    ).toHaveAccessibleName(/ρ = .*95% CI .* n = [\d,]+/);
    await expect(correlations.getByTestId(`reading-${measure}`)).toHaveText(
      /(tend to have (higher|lower) CSAT|No clear association|Not enough data)/,
    );
  }
  await expect(report.getByTestId('report-reasons')).toContainText(/Too many tools|Slow system/);
  await expect(report.getByTestId('report-apps').getByRole('img')).toHaveAccessibleName(
    /apps ranked by time away/,
  );
  await expect(report.getByTestId('weekly-charts').getByRole('img')).toHaveCount(3);
  // The demo team is pseudonymous and this is a supervisor: the agent table shows.
  await expect(report.getByTestId('agent-table')).toBeVisible();

  await page.screenshot({ path: path.join(SCREENSHOTS, 'console-report.png'), fullPage: true });
  await report
    .getByTestId('report-correlations')
    .screenshot({ path: path.join(SCREENSHOTS, 'console-report-correlations.png') });

  // A table as CSV, with n in every row (named by what it counts, issue #14).
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    report
      .getByTestId('report-apps')
      .getByRole('button', { name: /Download CSV/ })
      .click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^touchpoint-apps-\d{4}-W\d{2}-\d{4}-W\d{2}\.csv$/);
  const csv = readFileSync((await download.path())!, 'utf8')
    .trim()
    .split(/\r?\n/);
  expect(csv[0]).toMatch(/\binteractions\b/);
  expect(csv.length).toBeGreaterThan(1);

  // Every chart's data table too: open them all before the check.
  for (const summary of await report.locator('details.show-data > summary').all())
    await summary.click();
  await expect(report.locator('details.show-data[open] table').first()).toBeVisible();
  const axe = await new AxeBuilder({ page })
    .include('.report-panel')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  expect(axe.violations.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
});
