import type { Page, Worker } from '@playwright/test';

// Window focus and tab activation as Chrome reports them to the extension (issue 3's e2e).

export async function windowOf(serviceWorker: Worker) {
  return serviceWorker.evaluate(async () => (await chrome.windows.getLastFocused()).id!);
}

/** Brings a page's tab to the front the way a click on the tab strip does (chrome.tabs). */
export async function activate(serviceWorker: Worker, page: Page) {
  const url = page.url();
  await serviceWorker.evaluate(async (address) => {
    const [tab] = await chrome.tabs.query({ url: address });
    await chrome.tabs.update(tab!.id!, { active: true });
  }, url);
}

/** Minimising the window is how the agent leaves the browser for another program, here. */
export async function setWindowState(
  serviceWorker: Worker,
  windowId: number,
  state: 'minimized' | 'normal',
) {
  await serviceWorker.evaluate(
    ([id, windowState]) => chrome.windows.update(id, { state: windowState }),
    [windowId, state] as const,
  );
}

/**
 * Chromium starts with no window focused in its own model; minimise and restore once so that
 * focus changes are reported as they happen (as a desktop window manager would).
 */
export async function focusBrowserWindow(serviceWorker: Worker) {
  const windowId = await windowOf(serviceWorker);
  await setWindowState(serviceWorker, windowId, 'minimized');
  await setWindowState(serviceWorker, windowId, 'normal');
  return windowId;
}
