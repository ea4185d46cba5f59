import type { BrowserContext } from '@playwright/test';
import { serviceWorkerOf } from '../../tests/e2e/extension';

/**
 * The extension's id, once the background can answer pages, and how long that took. After a
 * browser start the first managed-storage read waits for Chromium's policy store (seconds) and the
 * background reads it before answering any page: a once-per-start cost, kept out of the per-page
 * figures. Throws when an admin policy is set: the e2e tests install theirs machine-wide for this
 * same extension id, so an e2e run elsewhere on the machine would change what is measured.
 */
export async function defaultPolicyExtension(context: BrowserContext) {
  const worker = await serviceWorkerOf(context);
  const { keys, waitedMs } = await worker.evaluate(async () => {
    const start = performance.now();
    const managed = await chrome.storage.managed.get(null);
    return { keys: Object.keys(managed), waitedMs: performance.now() - start };
  });
  if (keys.length > 0) {
    throw new Error(
      `a managed policy is set for the test extension (${keys.join(', ')}): is an e2e run ` +
        'going on? The page benchmark measures the default configuration.',
    );
  }
  return { extensionId: new URL(worker.url()).host, waitedMs };
}
