import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { DEMO_TEAM } from '../../demo/demo-team';
import { inspectDatabase } from '../support/collector-inspector';
import { expect, launchWithExtension, serviceWorkerOf, test } from './extension';
import { startFaultProxy, type Fault, type FaultProxy } from './fault-proxy';
import { startLiveCollector, type LiveCollector } from './live-collector';
import { installManagedPolicy } from './managed-policy';
import { extensionRequest, waitUntilConfigured } from './extension-requests';

// Issue 5, acceptance 1: 10,000 events from the real extension reach a real collector through a
// proxy that fails in every way a network and a server can, while the collector restarts, the
// browser is closed and reopened with the same profile, and the service worker is stopped in the
// middle of an upload. The collector must end up with exactly the ids the extension produced.

const TOTAL = 10_000;
const FIRST_PART = 6_000;

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

let live: LiveCollector;
let proxy: FaultProxy;
let holdNextUpload = false;
let removePolicy: () => void;

test.beforeAll(async () => {
  live = await startLiveCollector();
  let uploads = 0;
  proxy = await startFaultProxy(
    () => live.current.url,
    (_n, { method, path: requestPath }) => {
      if (method !== 'POST' || !requestPath.startsWith('/v1/events')) return 'pass';
      if (holdNextUpload) {
        holdNextUpload = false;
        return 'hold';
      }
      return FAULT_CYCLE[uploads++ % FAULT_CYCLE.length]!;
    },
  );
  removePolicy = installManagedPolicy({
    collectorUrl: proxy.url,
    collectorToken: DEMO_TEAM.agentToken,
    syncBackoffCapSeconds: 5,
  });
});

test.afterAll(async () => {
  removePolicy();
  await proxy.close();
  await live.close();
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

/** Kicks a sync without waiting for it: the engine's own retries carry it through the faults. */
function kickSync(page: Page) {
  void extensionRequest(page, 'sync.now', {}).catch(() => undefined);
}

test('10,000 events through 5xx, 429, timeouts, cut connections, a collector restart, a browser restart and a stopped worker: 0 lost, 0 duplicates', async () => {
  test.setTimeout(300_000);
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'touchpoint-sync-'));
  const startAt = Date.now() - 3_600_000;
  try {
    let context = await launchWithExtension(userDataDir);
    let page = await openExtensionPage(context);
    const produced = await produce(page, FIRST_PART, startAt);
    kickSync(page);

    // The collector restarts (graceful shutdown, same data folder) while uploads go on.
    await waitForStored(2_000);
    await live.restart();

    // The browser is closed in the middle of the work and reopened with the same profile.
    await waitForStored(3_000);
    await context.close();
    context = await launchWithExtension(userDataDir);
    page = await openExtensionPage(context);
    kickSync(page);
    await waitForStored(FIRST_PART);

    // The service worker is stopped while an upload is on the wire; the collector then commits
    // the batch for a worker that no longer exists.
    holdNextUpload = true;
    produced.push(...(await produce(page, TOTAL - FIRST_PART, startAt + FIRST_PART)));
    kickSync(page);
    await proxy.held();
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
    await expect
      .poll(
        async () => (await extensionRequest<{ pending: number }>(page, 'sync.status', {})).pending,
        {
          timeout: 30_000,
        },
      )
      .toBe(0);

    const stored = await storedIds();
    expect(new Set(produced).size).toBe(TOTAL);
    expect(stored).toHaveLength(TOTAL);
    expect(new Set(stored)).toEqual(new Set(produced));
    console.info(`faults injected: ${JSON.stringify(proxy.counts)}`);
    for (const fault of ['server-error', 'rate-limit', 'timeout', 'drop-after-commit', 'hold']) {
      expect(proxy.counts[fault as Fault], fault).toBeGreaterThan(0);
    }
    await context.close();
  } finally {
    rmSync(userDataDir, { recursive: true, force: true });
  }
});
