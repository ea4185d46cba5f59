import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { DEMO_TEAM } from '../../demo/demo-team';
import { createUuidV7 } from '../../contract/uuidv7';
import { enrolInstall } from '../../server/src/auth/enrolment';
import { issueToken } from '../../server/src/auth/tokens';
import { readFixtureHtml } from '../fixture-spec';
import { routeCrm, sidebarFrame } from './crm-pages';
import { expect, test } from './extension';
import { extensionRequest, waitUntilConfigured } from './extension-requests';
import { liveCollectorForSpec } from './live-collector';

// Issue #16, acceptance 2: an org renames a Salesforce field label (labels are the org's and
// renamable: lib/adapters/salesforce/selectors.ts), so the built-in Subject selector stops
// matching; the subject's hit rate drops, the console flags it, and an override published from
// the console restores it, with no new extension build. The rest of the team is seeded as other
// installs' hourly counts: the day before the rename (a drop is judged against the 24 hours
// before it) and four more agents on the renamed page in this hour (an hour shows only when at
// least the minimum group size of people's counts went into it); this browser is the fifth.

const HOUR = 3_600_000;
const ORIGIN = 'https://acme.lightning.force.com';
const caseUrl = (id: string) => `${ORIGIN}/lightning/r/Case/${id}/view`;
// Salesforce record ids: 15 characters, cases start with 500.
const [CASE_1, CASE_2, CASE_3, CASE_4] = [
  '500000000001101',
  '500000000001102',
  '500000000001103',
  '500000000001104',
];
const SUBJECT = 'Replacement part never shipped';
// The fixture as the org shows it after renaming the field "Subject" to "Case Subject".
const renamedCase = readFixtureHtml('salesforce', 'case-500.html').replaceAll(
  'field-label="Subject"',
  'field-label="Case Subject"',
);

// The admin docs' screenshots: refreshed with UPDATE_SCREENSHOTS=1; a normal run leaves them alone.
const SCREENSHOTS = path.resolve(
  process.env.UPDATE_SCREENSHOTS ? 'docs/screenshots' : 'test-results/screenshots',
);

const live = liveCollectorForSpec({
  policy: { identityMode: 'anonymous', syncBackoffCapSeconds: 5 },
  policyFile: 'touchpoint-e2e-adapter-health.json',
});

const SUBJECT_RULE =
  'selector:records-record-layout-item[field-label="Subject"] lightning-formatted-text';
const CONTACT_RULE =
  'selector:records-record-layout-item[field-label="Contact Name"] force-lookup a';
const SEEDED_RECORDS = 12;

/** One more agent's browser, enrolled anonymously, sending its hourly Salesforce counts. */
async function seedInstall(hours: { hourStart: number; subjectMatched: boolean }[]) {
  const { credential } = await enrolInstall(live.current.db, {
    team: DEMO_TEAM.team,
    enrolmentTokenName: 'demo-agent',
    request: { installId: randomUUID(), identityMode: 'anonymous' },
    // Before the seeded hours (up to 8 hours ago): a browser's counts go into hours from the
    // week of its first enrolment on, and on a Monday morning those hours are last week's.
    at: new Date(Date.now() - 86_400_000),
  });
  const uuid = createUuidV7();
  const events = hours.map(({ hourStart, subjectMatched }) => ({
    id: uuid(hourStart + 60_000),
    type: 'adapter.health',
    occurredAt: hourStart + 60_000,
    schemaVersion: 1,
    payload: {
      hourStart,
      app: 'salesforce',
      records: SEEDED_RECORDS,
      fields: {
        subject: subjectMatched
          ? { matched: SEEDED_RECORDS, missed: 0, extractors: { [SUBJECT_RULE]: SEEDED_RECORDS } }
          : { matched: 0, missed: SEEDED_RECORDS, extractors: {} },
        customerName: {
          matched: SEEDED_RECORDS,
          missed: 0,
          extractors: { [CONTACT_RULE]: SEEDED_RECORDS },
        },
      },
    },
  }));
  const response = await fetch(`${live.current.url}/v1/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${credential}`, 'content-type': 'application/json' },
    body: JSON.stringify({ agentId: null, events }),
  });
  expect(response.status).toBe(200);
}

/**
 * The rest of the team, as the collector has it before this browser's counts arrive (the
 * default minimum group size is 5: an hour shows only when five people's counts went into it).
 * Five agents read Salesforce cases the day before, the subject matched in every one; four of
 * them work on in this hour, on the renamed page, as this browser does. One more agent worked
 * alone three hours ago: that hour is held back, in no figure.
 */
async function seedTeam() {
  const hourStart = (hoursAgo: number) => (Math.floor(Date.now() / HOUR) - hoursAgo) * HOUR;
  const healthyDay = [8, 6, 4].map((hoursAgo) => ({
    hourStart: hourStart(hoursAgo),
    subjectMatched: true,
  }));
  for (let agent = 0; agent < 5; agent++) {
    const renamedNow = agent < 4 ? [{ hourStart: hourStart(0), subjectMatched: false }] : [];
    await seedInstall([...healthyDay, ...renamedNow]);
  }
  await seedInstall([{ hourStart: hourStart(3), subjectMatched: true }]);
}

/** This browser's reads must land in the hour seeded as renamed: not in the minutes before the next. */
async function awayFromHourEnd() {
  const leftInHour = HOUR - (Date.now() % HOUR);
  if (leftInHour < 3 * 60_000)
    await new Promise((resolve) => setTimeout(resolve, leftInHour + 5_000));
}

async function openCase(page: Page, extensionId: string, id: string) {
  await page.goto(caseUrl(id));
  const sidebar = await sidebarFrame(page, extensionId);
  await expect(sidebar.getByText('Kenji Watanabe').first()).toBeVisible({ timeout: 10_000 });
  return sidebar;
}

async function openPage(context: BrowserContext, url: string) {
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

test('a renamed selector drops its field’s hit rate, the console flags it, and an override published from the console restores it', async ({
  context,
  page,
  extensionId,
}) => {
  test.setTimeout(330_000);
  await awayFromHourEnd();
  await seedTeam();
  const { token: adminToken } = await issueToken(live.current.db, {
    team: DEMO_TEAM.team,
    role: 'admin',
    name: 'Ada Admin',
  });
  await routeCrm(context, ORIGIN, {
    ...Object.fromEntries(
      [CASE_1, CASE_2, CASE_3, CASE_4].map((id) => [new URL(caseUrl(id)).pathname, renamedCase]),
    ),
  });

  const options = await openPage(context, `chrome-extension://${extensionId}/options.html`);
  await waitUntilConfigured(options);

  // The agent works three cases on the renamed page: the card has the customer, not the subject.
  for (const id of [CASE_1, CASE_2, CASE_3]) {
    const sidebar = await openCase(page, extensionId, id);
    await expect(sidebar.getByText(SUBJECT)).toHaveCount(0);
  }
  expect(await extensionRequest<{ pending: number }>(options, 'sync.now', {})).toMatchObject({
    pending: 0,
  });

  // What arrived: counts for this hour, without an agent id (anonymous mode), without values.
  const { rows } = await live.current.db.sql.query<{ agent_id: string | null; payload: string }>(
    `SELECT agent_id, payload::text AS payload FROM events
      WHERE team = $1 AND type = 'adapter.health' ORDER BY received_at, id`,
    [DEMO_TEAM.team],
  );
  // The seeded agents counted 12 records an hour; this browser read 3.
  const fromThisBrowser = rows.filter(
    (row) => (JSON.parse(row.payload) as { records: number }).records !== SEEDED_RECORDS,
  );
  expect(fromThisBrowser.length).toBeGreaterThan(0);
  expect(rows.every((row) => row.agent_id === null)).toBe(true);
  expect(fromThisBrowser.map((row) => row.payload).join()).not.toContain('Kenji');
  // Syncs may have run between the pages (each sends the counts since the last): add them up.
  type Counts = { matched: number; missed: number };
  const payloads = fromThisBrowser.map(
    (row) =>
      JSON.parse(row.payload) as {
        app: string;
        records: number;
        fields: { subject: Counts; customerName: Counts };
      },
  );
  const total = (pick: (payload: (typeof payloads)[number]) => number) =>
    payloads.reduce((sum, payload) => sum + pick(payload), 0);
  expect(new Set(payloads.map((payload) => payload.app))).toEqual(new Set(['salesforce']));
  expect(total((payload) => payload.records)).toBeGreaterThanOrEqual(3);
  expect(total((payload) => payload.fields.subject.matched)).toBe(0);
  expect(total((payload) => payload.fields.subject.missed)).toBe(
    total((payload) => payload.records),
  );
  expect(total((payload) => payload.fields.customerName.matched)).toBe(
    total((payload) => payload.records),
  );

  // The admin signs in to the console: the subject is flagged, the customer name is not.
  const consolePage = await openPage(context, `chrome-extension://${extensionId}/console.html`);
  await consolePage.getByLabel(/Supervisor token/).fill(adminToken);
  await consolePage.getByRole('button', { name: 'Sign in' }).click();
  await expect(consolePage.getByTestId('console-identity')).toContainText('Ada Admin');
  await consolePage.getByTestId('tab-adapters').click();
  const flag = consolePage.getByTestId('adapter-flag-salesforce-subject');
  await expect(flag).toContainText(/100\s?% of records before, 0\s?% since/);
  await expect(consolePage.getByTestId('adapter-flag-salesforce-customerName')).toHaveCount(0);
  await expect(consolePage.getByTestId('adapter-health-salesforce-customerName')).toContainText(
    /Hit rate \(last 24 hours\): 100\s?%/,
  );
  // The lone agent's hour is in no figure (five agents' day before, four agents' and this
  // browser's hour now); the console says why. This hour grows by steps of five people: the
  // browser's first sync completed the first step, a later one of its own waits for four others.
  const shown = 5 * 3 * SEEDED_RECORDS + 4 * SEEDED_RECORDS + payloads[0]!.records;
  await expect(consolePage.getByText(`${shown} records read`)).toBeVisible();
  await expect(consolePage.getByTestId('adapter-health-rule')).toContainText('fewer than 5 people');
  await consolePage.setViewportSize({ width: 1200, height: 900 });
  await consolePage
    .getByTestId('adapter-health-salesforce-subject')
    .screenshot({ path: path.join(SCREENSHOTS, 'console-adapter-health.png') });

  // The admin overrides the flagged field: first a typo the console names, then the fix.
  await consolePage.getByTestId('adapter-override-salesforce-subject').click();
  const editor = consolePage.getByTestId('adapter-definitions');
  const proposed = await editor.inputValue();
  expect(JSON.parse(proposed)).toMatchObject({ overrides: [{ id: 'salesforce' }] });
  await editor.fill(proposed.replace('"selector": "', '"selector": ""'));
  await expect(consolePage.getByTestId('adapter-definitions-problems')).toContainText(
    'Not valid JSON',
  );
  await editor.fill(
    proposed.replace('field-label=\\"Subject\\"', 'field-label=\\"Case Subject\\"'),
  );
  await expect(consolePage.getByTestId('adapter-definitions-problems')).toHaveCount(0);
  await consolePage
    .locator('section[aria-labelledby="adapter-definitions-heading"]')
    .screenshot({ path: path.join(SCREENSHOTS, 'console-adapter-override.png') });
  await consolePage.getByRole('button', { name: 'Publish' }).click();
  await expect(consolePage.getByRole('status')).toContainText('Published version 1.');
  await expect(consolePage.getByTestId('adapter-definitions-meta')).toContainText('Ada Admin');

  // The agent's next team-policy refresh (forced) applies it: the options page says where the
  // subject comes from, and the next case shows its subject, with the same extension build.
  await options.reload();
  expect(await extensionRequest(options, 'settings.refreshTeamPolicy', {})).toBeTruthy();
  await expect(options.getByTestId('adapter-source-salesforce')).toContainText(
    'Subject from collector',
    { timeout: 10_000 },
  );
  await expect(options.getByTestId('collector-adapters-version')).toContainText('version 1');
  await options
    .locator('section[aria-labelledby="adapters"]')
    .screenshot({ path: path.join(SCREENSHOTS, 'options-adapter-sources.png') });
  const restored = await openCase(page, extensionId, CASE_4);
  await expect(restored.getByText(SUBJECT)).toBeVisible();

  // Rolled back from the console: nothing published again, the built-in selector is back.
  await consolePage.getByRole('button', { name: 'Roll back' }).click();
  await expect(consolePage.getByRole('status')).toContainText('version 2 holds the previous');
  await options.reload();
  await expect(options.getByTestId('adapter-source-salesforce')).not.toContainText('collector', {
    timeout: 10_000,
  });
  const audit = await fetch(`${live.current.url}/v1/policy/audit`, {
    headers: { authorization: `Bearer ${adminToken}` },
  });
  const { entries } = (await audit.json()) as { entries: { setting: string; actor: string }[] };
  expect(entries.filter((entry) => entry.setting === 'adapters')).toEqual([
    expect.objectContaining({ actor: 'Ada Admin' }),
    expect.objectContaining({ actor: 'Ada Admin' }),
  ]);
});
