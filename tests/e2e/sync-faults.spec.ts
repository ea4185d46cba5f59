import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { DEMO_TEAM } from '../../demo/demo-team';
import { inspectDatabase } from '../support/collector-inspector';
import { expect, launchWithExtension, serviceWorkerOf, test } from './extension';
import { readExtensionDatabases } from './extension-storage';
import { startFaultProxy, type Fault, type FaultProxy } from './fault-proxy';
import { liveCollectorForSpec } from './live-collector';
import { extensionRequest, waitUntilConfigured } from './extension-requests';

// Issue 5, acceptance 1: 10,000 events from the real extension reach a real collector through a
// proxy that fails in every way a network and a server can, while the collector restarts, the
// browser is closed and reopened with the same profile, and the service worker is stopped in the
// middle of an upload. The collector must end up with exactly the ids the extension produced.

const TOTAL = 10_000;
const FIRST_PART = 6_000;
/** Queued while the first part still uploads, so that one more upload is sure to come. */
const SECOND_PART = 1_000;
const BEFORE_WORKER_STOP = FIRST_PART + SECOND_PART;

/** Every fault in turn between successful requests; a `hold` only when the test asks for one. */
const FAULT_CYCLE: Fault[] = [
  'pass',
  'server-error',
  'pass',
  'rate-limit',
  'pass',
  'drop-after-commit',
  'pass',
  'timeout',
  'pass',
  'drop-after-commit',
];

let proxy: FaultProxy;
let holdNextUpload = false;

const live = liveCollectorForSpec({
  policy: { syncBackoffCapSeconds: 5 },
  front: async (started) => {
    let uploads = 0;
    proxy = await startFaultProxy(
      () => started.current.url,
      (_n, { method, path: requestPath }) => {
        if (method !== 'POST' || !requestPath.startsWith('/v1/events')) return 'pass';
        if (holdNextUpload) {
          holdNextUpload = false;
          return 'hold';
        }
        return FAULT_CYCLE[uploads++ % FAULT_CYCLE.length]!;
      },
    );
    return proxy;
  },
});

async function openExtensionPage(context: BrowserContext) {
  const worker = await serviceWorkerOf(context);
  const page = await context.newPage();
  await page.goto(`chrome-extension://${new URL(worker.url()).host}/options.html`);
  await waitUntilConfigured(page);
  return page;
}

async function produce(page: Page, count: number, startAt: number) {
  const ids: string[] = [];
  for (let done = 0; done < count; done += 2_000) {
    const chunk = Math.min(2_000, count - done);
    const reply = await extensionRequest<{ ids: string[] }>(page, 'debug.enqueueSyntheticEvents', {
      count: chunk,
      startAt: startAt + done,
    });
    ids.push(...reply.ids);
  }
  return ids;
}

const storedIds = () => inspectDatabase(live.current.db).listEventIds(DEMO_TEAM.team);
const storedCount = async () => (await storedIds()).length;

async function waitForStored(atLeast: number, timeout = 120_000) {
  await expect.poll(storedCount, { timeout, intervals: [250] }).toBeGreaterThanOrEqual(atLeast);
}

type OutboxRow = { id: string; synced: 0 | 1; recordedAs?: unknown };
type DeadLetterRow = { id: string; reason: string };

/**
 * Where the produced events the collector lacks are in the extension (still queued, marked sent,
 * dead-lettered, or gone), with the sync state: printed when the test fails, so that a loss in
 * CI says where it happened.
 */
async function whereMissingEventsAre(context: BrowserContext, produced: readonly string[]) {
  const stored = new Set(await storedIds());
  const missing = produced.filter((id) => !stored.has(id));
  if (missing.length === 0) return 'the collector has every produced event';
  const worker = await serviceWorkerOf(context);
  const {
    outbox = [],
    deadLetters = [],
    meta = [],
  } = (await readExtensionDatabases(context, new URL(worker.url()).host)).touchpoint ?? {};
  const queued = new Map((outbox as OutboxRow[]).map((row) => [row.id, row]));
  const dead = new Map((deadLetters as DeadLetterRow[]).map((row) => [row.id, row]));
  const places: Record<string, number> = {};
  for (const id of missing) {
    const row = queued.get(id);
    const letter = dead.get(id);
    const place = row
      ? `outbox, synced ${row.synced}, recorded as ${JSON.stringify(row.recordedAs)}`
      : letter
        ? `dead letter: ${letter.reason}`
        : 'in neither the outbox nor the dead letters';
    places[place] = (places[place] ?? 0) + 1;
  }
  const positions = missing.map((id) => produced.indexOf(id));
  return [
    `${missing.length} of ${produced.length} produced events are not stored, produced as numbers ${Math.min(...positions)} to ${Math.max(...positions)}`,
    ...Object.entries(places).map(([place, count]) => `  ${count}: ${place}`),
    `outbox ${outbox.length} rows, dead letters ${deadLetters.length}`,
    ...(meta as { key: string; value: unknown }[])
      .filter(({ key }) => ['recording-identity', 'sync-state', 'sync-lease'].includes(key))
      .map(({ key, value }) => `${key}: ${JSON.stringify(value)}`),
    `faults injected: ${JSON.stringify(proxy.counts)}`,
  ].join('\n');
}

async function waitForPending(page: Page, count: number, timeout: number) {
  const pending = async () =>
    (await extensionRequest<{ pending: number }>(page, 'sync.status', {})).pending;
  await expect.poll(pending, { timeout }).toBe(count);
}

/** Waits for the upload the proxy holds, naming the wait if none comes. */
async function heldUpload(timeout = 60_000) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no upload reached the proxy in ${timeout} ms`)),
      timeout,
    );
  });
  try {
    await Promise.race([proxy.held(), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Kicks a sync without waiting for it: the engine's own retries carry it through the faults. */
function kickSync(page: Page) {
  void extensionRequest(page, 'sync.now', {}).catch(() => undefined);
}

test('10,000 events through 5xx, 429, timeouts, cut connections, a collector restart, a browser restart and a stopped worker: 0 lost, 0 duplicates', async () => {
  test.setTimeout(300_000);
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'touchpoint-sync-'));
  const startAt = Date.now() - 3_600_000;
  let context: BrowserContext | undefined;
  const produced: string[] = [];
  try {
    context = await launchWithExtension(userDataDir);
    let page = await openExtensionPage(context);
    produced.push(...(await produce(page, FIRST_PART, startAt)));
    kickSync(page);

    // The collector restarts (graceful shutdown, same data folder) while uploads go on.
    await waitForStored(2_000);
    await live.restart();

    // The browser is closed while an upload is on the wire and reopened with the same profile
    // before the dead worker's upload lease lapses: the one sync asked for finds the lease
    // taken and must come back by itself when it lapses. The held upload reaches the collector
    // only after the new browser has sent the same events again.
    await waitForStored(3_000);
    holdNextUpload = true;
    produced.push(...(await produce(page, SECOND_PART, startAt + FIRST_PART)));
    kickSync(page);
    await heldUpload();
    await context.close();
    context = await launchWithExtension(userDataDir);
    page = await openExtensionPage(context);
    kickSync(page);
    await waitForPending(page, 0, 30_000);
    proxy.release();
    await waitForStored(BEFORE_WORKER_STOP);

    // The service worker is stopped while an upload is on the wire; the collector then commits
    // the batch for a worker that no longer exists.
    holdNextUpload = true;
    produced.push(
      ...(await produce(page, TOTAL - BEFORE_WORKER_STOP, startAt + BEFORE_WORKER_STOP)),
    );
    kickSync(page);
    await heldUpload();
    const cdp = await context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    proxy.release();

    // The next wake (this page's request starts the worker again) finishes the job.
    await expect
      .poll(
        async () => {
          kickSync(page);
          return storedCount();
        },
        { timeout: 120_000, intervals: [2_000] },
      )
      .toBe(TOTAL);
    await waitForPending(page, 0, 30_000);

    const stored = await storedIds();
    expect(new Set(produced).size).toBe(TOTAL);
    expect(stored).toHaveLength(TOTAL);
    expect(new Set(stored)).toEqual(new Set(produced));
    console.info(`faults injected: ${JSON.stringify(proxy.counts)}`);
    for (const fault of ['server-error', 'rate-limit', 'timeout', 'drop-after-commit', 'hold']) {
      expect(proxy.counts[fault as Fault], fault).toBeGreaterThan(0);
    }
    await context.close();
  } catch (error) {
    if (context) console.info(await whereMissingEventsAre(context, produced).catch(String));
    throw error;
  } finally {
    rmSync(userDataDir, { recursive: true, force: true });
  }
});
