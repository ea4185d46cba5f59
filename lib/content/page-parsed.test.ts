import { describe, expect, it } from 'vitest';
import { pageParsed } from './page-parsed';
import { IDLE_TIMEOUT_MS, type IdleWindow } from './when-idle';

function loadingDocument() {
  const events = new EventTarget();
  return {
    readyState: 'loading' as DocumentReadyState,
    addEventListener: events.addEventListener.bind(events),
    parsed: () => events.dispatchEvent(new Event('DOMContentLoaded')),
  };
}

/** A window whose idle callbacks come after their timeout (a page that never idles). */
const busyWindow: IdleWindow = {
  setTimeout: (callback, ms) => setTimeout(callback, ms) as unknown as number,
  clearTimeout: (handle) => clearTimeout(handle),
  requestIdleCallback: (callback, { timeout }) =>
    setTimeout(callback, timeout) as unknown as number,
  cancelIdleCallback: (handle) => clearTimeout(handle),
};

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));
const idle = () => new Promise((resolve) => setTimeout(resolve, IDLE_TIMEOUT_MS + 50));

describe('pageParsed', () => {
  it('resolves after DOMContentLoaded in a task of its own once the page is idle, never inside the page’s task', async () => {
    const page = loadingDocument();
    let resolved = false;
    void pageParsed(page, busyWindow).then(() => (resolved = true));
    await nextTask();
    expect(resolved).toBe(false);
    page.parsed();
    // Every microtask of the event's own task has run: still not resolved.
    for (let i = 0; i < 10; i++) await Promise.resolve();
    expect(resolved).toBe(false);
    await idle();
    expect(resolved).toBe(true);
  });

  it('resolves at once on a page parsed already (the script injected later)', async () => {
    let resolved = false;
    void pageParsed({ ...loadingDocument(), readyState: 'interactive' }, busyWindow).then(
      () => (resolved = true),
    );
    await Promise.resolve();
    expect(resolved).toBe(true);
  });
});
