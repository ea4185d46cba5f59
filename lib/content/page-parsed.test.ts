import { describe, expect, it } from 'vitest';
import { pageOpened, pageParsed } from './page-parsed';

function loadingDocument() {
  const events = new EventTarget();
  return {
    readyState: 'loading' as DocumentReadyState,
    addEventListener: events.addEventListener.bind(events),
    parsed: () => events.dispatchEvent(new Event('DOMContentLoaded')),
  };
}

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('pageParsed', () => {
  it('resolves after DOMContentLoaded in a task of its own, never inside the page’s task', async () => {
    const page = loadingDocument();
    let resolved = false;
    void pageParsed(page).then(() => (resolved = true));
    await nextTask();
    expect(resolved).toBe(false);
    page.parsed();
    // Every microtask of the event's own task has run: still not resolved.
    for (let i = 0; i < 10; i++) await Promise.resolve();
    expect(resolved).toBe(false);
    await nextTask();
    expect(resolved).toBe(true);
  });

  it('resolves at once on a page parsed already (the script injected later)', async () => {
    let resolved = false;
    void pageParsed({ ...loadingDocument(), readyState: 'interactive' }).then(
      () => (resolved = true),
    );
    await Promise.resolve();
    expect(resolved).toBe(true);
  });
});

describe('pageOpened', () => {
  it('waits while the browser prerenders the page, until the agent opens it', async () => {
    const events = new EventTarget();
    const page = { prerendering: true, addEventListener: events.addEventListener.bind(events) };
    let resolved = false;
    void pageOpened(page).then(() => (resolved = true));
    await nextTask();
    expect(resolved).toBe(false);
    page.prerendering = false;
    events.dispatchEvent(new Event('prerenderingchange'));
    await Promise.resolve();
    expect(resolved).toBe(true);
  });

  it('resolves at once on a page in front, and in browsers that never prerender', async () => {
    const listen = () => undefined;
    await expect(pageOpened({ prerendering: false, addEventListener: listen })).resolves.toBe(
      undefined,
    );
    await expect(pageOpened({ addEventListener: listen })).resolves.toBe(undefined);
  });
});
