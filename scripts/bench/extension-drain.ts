import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchWithExtension, serviceWorkerOf } from '../../tests/e2e/extension';
import { extensionRequest as request } from '../../tests/e2e/extension-requests';
import { installManagedPolicy } from '../../tests/e2e/managed-policy';

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Issue #5: how long the real extension (e2e build, headless Chromium) takes to send a backlog of
 * `events` queued events to a collector, from "Sync now" until the collector holds them all.
 * The backlog is queued first, with the collector's address in managed policy, so the clock
 * measures the drain alone: reading batches, uploading, marking synced.
 */
export async function measureExtensionDrain(options: {
  events: number;
  collectorUrl: string;
  token: string;
  storedCount: () => Promise<number>;
}): Promise<{ seconds: number }> {
  const removePolicy = installManagedPolicy({
    collectorUrl: options.collectorUrl,
    collectorToken: options.token,
    // Only "Sync now" starts the drain: the alarm must not start it while the backlog is queued.
    syncIntervalMinutes: 60,
  });
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'touchpoint-bench-drain-'));
  const context = await launchWithExtension(userDataDir, { headless: true });
  try {
    const worker = await serviceWorkerOf(context);
    const page = await context.newPage();
    await page.goto(`chrome-extension://${new URL(worker.url()).host}/options.html`);
    await until(
      async () => (await request<{ configured: boolean }>(page, 'sync.status', {})).configured,
      15_000,
      'the managed policy',
    );
    // Offline while the backlog is queued: a sync the policy's arrival started must not drain
    // part of it before the clock starts.
    await context.setOffline(true);
    const startAt = Date.now() - 3_600_000;
    for (let done = 0; done < options.events; done += 2_000) {
      const count = Math.min(2_000, options.events - done);
      await request(page, 'debug.enqueueSyntheticEvents', { count, startAt: startAt + done });
    }
    // Done when the extension has nothing left to send (asking the browser, not the collector:
    // counting the collector's rows while it ingests would slow the figure down).
    const pending = await request<{ pending: number }>(page, 'sync.status', {});
    if (pending.pending !== options.events) {
      throw new Error(`${pending.pending} events queued, not ${options.events}`);
    }
    const started = performance.now();
    await context.setOffline(false);
    await request(page, 'sync.now', {});
    await until(
      async () => (await request<{ pending: number }>(page, 'sync.status', {})).pending === 0,
      120_000,
      'the drain',
    );
    const seconds = (performance.now() - started) / 1000;
    const stored = await options.storedCount();
    if (stored !== options.events) {
      throw new Error(`the collector holds ${stored} events, not ${options.events}`);
    }
    return { seconds };
  } finally {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
    removePolicy();
  }
}
