import AxeBuilder from '@axe-core/playwright';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_TEAM } from '../../demo/demo-team';
import { seedDemoData } from '../../demo/demo-data-seed';
import { expect, launchWithExtension, serviceWorkerOf, test } from './extension';
import { liveCollectorForSpec } from './live-collector';
import { lastEndedWeeks } from '../../components/console/report/iso-weeks';

// Issue 7, acceptance 4: the console shows the report charts for the demo team. A real collector
// holds 2,000 demo interactions over the 8 weeks before this one (the console's default period);
// the admin's policy points the extension at it with the demo supervisor's token.

// Chromium answered a brand-new profile's first storage.managed read after 2–60 s on this
// machine (seen while measuring the first card, issue #15); one CI run waited over 15 s here.
const MANAGED_POLICY_FIRST_READ_MS = 60_000;

// The README's screenshots: refreshed with UPDATE_SCREENSHOTS=1; a normal run leaves them alone.
const SCREENSHOTS = path.resolve(
  process.env.UPDATE_SCREENSHOTS ? 'docs/screenshots' : 'test-results/screenshots',
);

const live = liveCollectorForSpec({
  token: 'supervisor',
  prepare: async (collector) => {
    await seedDemoData(collector.db, {
      seed: 7,
      interactions: 2000,
      team: DEMO_TEAM.team,
      weeks: 8,
    });
  },
  policyFile: 'touchpoint-e2e-console-report.json',
});

test('the console shows the demo team’s report with n, readings and CSV, and passes axe', async ({
  page,
  serviceWorker,
  extensionId,
}) => {
  test.setTimeout(150_000);
  await expect
    .poll(() => serviceWorker.evaluate(async () => chrome.storage.managed.get('collectorUrl')), {
      timeout: MANAGED_POLICY_FIRST_READ_MS,
    })
    .toEqual({ collectorUrl: live.current.url });

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

  // Issue #14, item 5: sections open with a sentence in CSAT points or time; ρ and the interval
  // only in details lines and behind the statistics chart's disclosure.
  await expect(report.getByTestId('lead-distributions')).toHaveText(/^A typical interaction took/);
  await expect(report.getByTestId('lead-correlations')).toHaveText(/averaged CSAT \d\.\d/);
  await expect(report.getByTestId('lead-weekly')).toHaveText(/^Average CSAT was/);
  await expect(page.getByTestId('report-summary')).toHaveText(/\d{4} \(8 weeks\)/);
  await expect(report.getByTestId('weekly-charts')).not.toContainText('-W');
  for (const measure of ['effort', 'switches', 'away', 'handle']) {
    await expect(report.getByTestId(`reading-${measure}`)).toHaveText(
      /(tend to have (higher|lower) CSAT|No clear link|Not enough data)/,
    );
    await expect(report.getByTestId(`reading-${measure}`)).not.toContainText('ρ');
    await expect(report.getByTestId(`details-${measure}`)).toContainText(/ratings from \d+ agents/);
  }
  const correlations = report.getByTestId('report-correlations');
  await correlations.getByText('Show the statistics chart').click();
  for (const measure of ['effort', 'switches', 'away', 'handle']) {
    await expect(
      correlations.getByTestId(`interval-${measure}`).getByRole('img'),
    ).toHaveAccessibleName(/ρ = .*95% CI .* n = [\d,]+|n = [\d,]+/);
  }
  await correlations.getByText('Show the statistics chart').click();
  await page.screenshot({ path: path.join(SCREENSHOTS, 'console-report.png'), fullPage: true });
  await report
    .getByTestId('report-correlations')
    .screenshot({ path: path.join(SCREENSHOTS, 'console-report-correlations.png') });

  // Item 6: the previous period of the same length beside this one, and filters.
  await page.getByTestId('filter-compare').check();
  await expect(report.getByTestId('report-comparison')).toBeVisible({ timeout: 30_000 });
  await expect(report.getByTestId('lead-comparison')).toHaveText(
    /previous 8 weeks|no CSAT ratings to compare/,
  );
  await page.getByTestId('filter-compare').uncheck();
  const appFilter = page.getByTestId('filter-app');
  const apps = await appFilter
    .locator('option')
    .evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
  expect(apps[0]).toBe('');
  expect(apps.length).toBeGreaterThan(1);
  await appFilter.selectOption(apps[1]!);
  // What the console shows is what the collector answers for that app.
  const { from, to } = lastEndedWeeks(Date.now());
  const answer = await fetch(
    `${live.current.url}/v1/reports?from=${from}&to=${to}&app=${apps[1]}`,
    {
      headers: { authorization: `Bearer ${DEMO_TEAM.supervisorToken}` },
    },
  );
  const expected = ((await answer.json()) as { n: { interactions: number } }).n.interactions;
  await expect(
    report.getByTestId('report-distributions').locator('.report-section-head .report-n'),
  ).toHaveText(`n = ${expected.toLocaleString('en-US')}`, { timeout: 30_000 });
  await appFilter.selectOption({ index: 0 });
  await page.getByTestId('filter-agent').selectOption({ index: 1 });
  await expect(page.getByTestId('report-agent-filter')).toBeVisible({ timeout: 30_000 });
  await expect(report.getByTestId('agent-table').locator('tbody tr')).toHaveCount(1);
  await page.getByTestId('filter-agent').selectOption({ index: 0 });
  await expect(page.getByTestId('report-agent-filter')).toBeHidden({ timeout: 30_000 });

  // CSAT from a CSV file: rows stored, a bad line named by its number.
  await page.getByTestId('cx-import-file').setInputFiles({
    name: 'csat.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      'app,record_id,metric,score,scale,date\r\nzendesk,990001,csat,5,1-5,2026-10-06\r\nzendesk,990002,csat,9,1-5,2026-10-06\r\n',
    ),
  });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const result = page.getByTestId('cx-import-result');
  await expect(result).toContainText('Imported 1 row, 0 unchanged, 1 refused.');
  await expect(page.getByTestId('cx-import-errors')).toHaveText(
    'Line 3: score must be 1–5 on scale 1-5',
  );

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
  expect(csv[0]).toMatch(/^app,app_name,interactions\b/);
  expect(csv.length).toBeGreaterThan(1);
  // Ids for machines, names for people, side by side (issue #17).
  expect(csv.slice(1).some((row) => /^gmail,Gmail,/.test(row))).toBe(true);

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

test('the report reads in German in a German browser, with dates and decimal commas', async () => {
  test.setTimeout(150_000);
  const profile = mkdtempSync(path.join(tmpdir(), 'touchpoint-e2e-de-'));
  const context = await launchWithExtension(profile, { lang: 'de' });
  try {
    const worker = await serviceWorkerOf(context);
    await expect
      .poll(() => worker.evaluate(async () => chrome.storage.managed.get('collectorUrl')), {
        timeout: MANAGED_POLICY_FIRST_READ_MS,
      })
      .toEqual({ collectorUrl: live.current.url });
    const page = await context.newPage();
    await page.setViewportSize({ width: 1200, height: 900 });
    await page.goto(`chrome-extension://${new URL(worker.url()).host}/console.html#report`);
    const report = page.getByTestId('report');
    await expect(report).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('report-summary')).toHaveText(
      /\(8 Wochen\) · [\d.]+ Interaktionen/,
    );
    await expect(report.getByTestId('lead-distributions')).toHaveText(
      /^Eine typische Interaktion dauerte/,
    );
    await expect(report.getByTestId('lead-correlations')).toHaveText(
      /hatten im Schnitt CSAT \d,\d/,
    );
    await expect(report.getByTestId('details-switches')).toContainText('Einzelheiten:');
    await page.screenshot({
      path: path.join(SCREENSHOTS, 'console-report-de.png'),
      fullPage: true,
    });
    await report
      .getByTestId('report-correlations')
      .screenshot({ path: path.join(SCREENSHOTS, 'console-report-correlations-de.png') });
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
