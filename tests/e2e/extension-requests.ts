import type { Page } from '@playwright/test';
import { expect } from './extension';

type Reply<T> = { ok: true; data: T } | { ok: false; error: string };

/** A request to the background from an extension page, as the options page sends it. */
export async function extensionRequest<T>(page: Page, type: string, payload: unknown): Promise<T> {
  const reply = (await page.evaluate(
    ([type, payload]) => chrome.runtime.sendMessage({ type, payload }),
    [type, payload] as const,
  )) as Reply<T>;
  if (!reply.ok) throw new Error(`${type}: ${reply.error}`);
  return reply.data;
}

/** Until the extension has read the managed policy's collector address and token. */
export async function waitUntilConfigured(page: Page) {
  await expect
    .poll(
      async () =>
        (await extensionRequest<{ configured: boolean }>(page, 'sync.status', {})).configured,
      { timeout: 15_000 },
    )
    .toBe(true);
}
