import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchWithExtension, serviceWorkerOf } from '../../tests/e2e/extension';
import { routeCrm } from '../../tests/e2e/crm-pages';

// Enough tab activations for at least MIN_SW_EVENTS handled events (scripts/bench-tracker.ts).
const ACTIVATIONS = 1_200;

type CostSummary = { count: number; medianMs: number; p95Ms: number };

/**
 * Cost of measurement inside the real service worker: tabs of three apps are brought to front
 * `ACTIVATIONS` times through chrome.tabs (Chrome's own tabs.onActivated), then the worker's
 * cost meters are read (`tracking.costs`): the whole handling of an event, and the IndexedDB
 * transaction within it.
 */
export async function measureTrackerInBrowser() {
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'touchpoint-bench-tracker-'));
  const context = await launchWithExtension(userDataDir);
  try {
    const worker = await serviceWorkerOf(context);
    const extensionId = new URL(worker.url()).host;
    await routeCrm(context, 'https://acme.zendesk.com', {
      '/agent/dashboard': '<title>Zendesk</title>',
    });
    await routeCrm(context, 'https://mail.google.com', { '/mail/u/0/': '<title>Inbox</title>' });
    await routeCrm(context, 'https://app.slack.com', { '/client/T1/C1': '<title>Slack</title>' });
    const urls = [
      'https://acme.zendesk.com/agent/dashboard',
      'https://mail.google.com/mail/u/0/',
      'https://app.slack.com/client/T1/C1',
    ];
    const first = context.pages()[0] ?? (await context.newPage());
    await first.goto(urls[0]!);
    for (const url of urls.slice(1)) await (await context.newPage()).goto(url);
    // Opened first and kept open: the cost meters live in the worker's memory, and the page's
    // message traffic keeps the same worker alive for the whole run.
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    await worker.evaluate(async (count) => {
      const tabs = await chrome.tabs.query({
        url: ['https://*.zendesk.com/*', 'https://mail.google.com/*', 'https://app.slack.com/*'],
      });
      for (let i = 0; i < count; i++) {
        await chrome.tabs.update(tabs[i % tabs.length]!.id!, { active: true });
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    }, ACTIVATIONS);
    await options.waitForTimeout(500);
    const reply = (await options.evaluate(() =>
      chrome.runtime.sendMessage({ type: 'tracking.costs', payload: {} }),
    )) as { ok: boolean; data: { handle: CostSummary; write: CostSummary } };
    if (!reply.ok) throw new Error(`tracking.costs failed: ${JSON.stringify(reply)}`);
    return reply.data;
  } finally {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}
