import { DEMO_TEAM } from '../../demo/demo-team';
import { inspectDatabase } from '../support/collector-inspector';
import { expect, test } from './extension';
import { extensionRequest, waitUntilConfigured } from './extension-requests';
import { liveCollectorForSpec } from './live-collector';

// A clock set wrong delays events, never loses them: the collector refuses events dated more
// than 5 minutes ahead of its clock, and tells the extension when it will take them. Here the
// collector's clock is 20 minutes behind the agent's (as a server whose time sync broke).

const MINUTE = 60_000;
let collectorBehindMs = 20 * MINUTE;
const live = liveCollectorForSpec({
  now: () => Date.now() - collectorBehindMs,
  policy: { syncBackoffCapSeconds: 5 },
});

type Status = { pending: number; deadLetters: number; lastError: { kind: string } | null };

test('events dated ahead of the collector clock wait, are said to wait, and all arrive once it is right', async ({
  context,
  extensionId,
}) => {
  const stored = () => inspectDatabase(live.current.db).listEventIds(DEMO_TEAM.team);
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  await waitUntilConfigured(page);
  const { ids } = await extensionRequest<{ ids: string[] }>(page, 'debug.enqueueSyntheticEvents', {
    count: 12,
    startAt: Date.now() - MINUTE,
    spacingMs: 10,
  });

  const waiting = await extensionRequest<Status>(page, 'sync.now', {});
  expect(waiting).toMatchObject({
    pending: 12,
    deadLetters: 0,
    lastError: { kind: 'clock-ahead' },
  });
  expect(await stored()).toEqual([]);
  await page.reload();
  await expect(page.getByTestId('sync-problem')).toContainText(
    "Some events are dated ahead of the collector's clock (is this computer's clock right?)",
  );

  // The collector's clock is set right: the next sync takes every event, none dead-lettered.
  collectorBehindMs = 0;
  const sent = await extensionRequest<Status>(page, 'sync.now', {});
  expect(sent).toMatchObject({ pending: 0, deadLetters: 0, lastError: null });
  expect(new Set(await stored())).toEqual(new Set(ids));
  await page.reload();
  await expect(page.getByTestId('sync-problem')).toHaveCount(0);
});
