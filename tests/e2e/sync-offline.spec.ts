import { DEMO_TEAM } from '../../demo/demo-team';
import { inspectDatabase } from '../support/collector-inspector';
import { expect, test } from './extension';
import { liveCollectorForSpec } from './live-collector';
import { extensionRequest, waitUntilConfigured } from './extension-requests';

// Issue 5, acceptance 2: a day of recording while the browser is offline. Nothing is lost while
// offline, the agent sees why nothing is sent, and on reconnect everything arrives in order of
// occurrence, whatever order it was written in.

const HOUR_MS = 3_600_000;
const EVENTS_PER_QUARTER = 750;
/** A day in four quarters of 6 hours, written out of order (late hourly totals, a restored tab…). */
const QUARTERS_WRITTEN = [2, 0, 3, 1];
const SPACING_MS = (6 * HOUR_MS) / EVENTS_PER_QUARTER;

const live = liveCollectorForSpec({ policy: { syncBackoffCapSeconds: 5 } });
const storedArrivals = () => inspectDatabase(live.current.db).listEventArrivals(DEMO_TEAM.team);

test('a day offline: the agent sees why nothing is sent; on reconnect every event arrives, in order of occurrence', async ({
  context,
  extensionId,
}) => {
  test.setTimeout(120_000);
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await waitUntilConfigured(page);
  await context.setOffline(true);

  const dayStart = Date.now() - 25 * HOUR_MS;
  const produced: string[] = [];
  for (const quarter of QUARTERS_WRITTEN) {
    const { ids } = await extensionRequest<{ ids: string[] }>(
      page,
      'debug.enqueueSyntheticEvents',
      {
        count: EVENTS_PER_QUARTER,
        startAt: dayStart + quarter * 6 * HOUR_MS,
        spacingMs: SPACING_MS,
      },
    );
    produced.push(...ids);
  }

  const offline = await extensionRequest<{
    pending: number;
    lastError: { kind: string } | null;
  }>(page, 'sync.now', {});
  expect(offline.pending).toBe(produced.length);
  expect(offline.lastError?.kind).toBe('network');
  expect(await storedArrivals()).toEqual([]);

  // Back online: the browser's `online` event starts the sync; no button is pressed.
  await context.setOffline(false);
  await expect
    .poll(async () => (await storedArrivals()).length, {
      timeout: 60_000,
    })
    .toBe(produced.length);

  const arrivals = await storedArrivals();
  expect(new Set(arrivals.map((event) => event.id))).toEqual(new Set(produced));
  // In order of occurrence: no event arrived after one that occurred later than it.
  const byOccurrence = [...arrivals].sort((a, b) => a.occurredAt - b.occurredAt);
  for (let i = 1; i < byOccurrence.length; i++) {
    expect(byOccurrence[i]!.receivedAt).toBeGreaterThanOrEqual(byOccurrence[i - 1]!.receivedAt);
  }
  expect(new Set(arrivals.map((event) => event.receivedAt)).size).toBeGreaterThan(1);
  expect(new Set(arrivals.map((event) => event.agentId)).size).toBe(1);
});
