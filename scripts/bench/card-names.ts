import type { BrowserContext, Frame } from '@playwright/test';

export const CUSTOMER_NAME = '[data-testid="customer-name"]';

type NameSeen = { text: string; at: number };
type NamesWindow = Window & { touchpointNamesSeen?: NameSeen[] };

/**
 * Logs, inside the sidebar page, each name the card shows and when (epoch ms, high resolution).
 * Installed before the sidebar's own scripts run, so the first render is caught by the observer
 * itself rather than by a later poll. It returns at once in every other frame, the CRM page
 * included, so both modes run the same trivial check there.
 */
export async function logCardNames(context: BrowserContext) {
  // A string, not a function: tsx would add name helpers that do not exist in the page.
  await context.addInitScript({
    content: `(() => {
      if (location.protocol !== 'chrome-extension:') return;
      const seen = (window.touchpointNamesSeen = []);
      let last = null;
      const check = () => {
        const text = document.querySelector(${JSON.stringify(CUSTOMER_NAME)})?.textContent ?? null;
        if (text === last) return;
        last = text;
        if (text) seen.push({ text, at: performance.timeOrigin + performance.now() });
      };
      new MutationObserver(check).observe(document, {
        subtree: true,
        childList: true,
        characterData: true,
      });
      check();
    })();`,
  });
}

/** When the card first showed `name` (epoch ms), waiting for it up to `timeoutMs`. */
export async function whenCardShowed(frame: Frame, name: string, timeoutMs: number) {
  const handle = await frame.waitForFunction(
    (expected) =>
      (window as NamesWindow).touchpointNamesSeen?.find((seen) => seen.text === expected)?.at,
    name,
    { timeout: timeoutMs, polling: 20 },
  );
  return (await handle.jsonValue()) as number;
}
