import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PROBE_AFTER_LOAD_MS, watchContentScripts } from './script-watchdog';

const TICKET = 'https://acme.zendesk.com/agent/tickets/42';
const tab = (id: number, url: string) =>
  ({ id, url }) as Parameters<typeof fakeBrowser.tabs.onUpdated.trigger>[2];

const probeSaying = (running: boolean) =>
  vi.fn(async (_injection: { target: { tabId: number } }) => [{ result: running }]);

describe('content script watchdog', () => {
  let executeScript: ReturnType<typeof probeSaying>;

  beforeEach(() => {
    fakeBrowser.reset();
    vi.useFakeTimers();
    // The probe answers "not running" (a tab that Chromium skipped while it started the extension).
    executeScript = probeSaying(false);
    // The fake browser has no scripting; its typings are the callback overloads.
    vi.spyOn(fakeBrowser.scripting, 'executeScript').mockImplementation(executeScript as never);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  const load = async (tabId: number, url: string, beforeComplete = () => {}) => {
    await fakeBrowser.tabs.onUpdated.trigger(tabId, { status: 'loading' }, tab(tabId, url));
    beforeComplete();
    await fakeBrowser.tabs.onUpdated.trigger(tabId, { status: 'complete' }, tab(tabId, url));
    await vi.advanceTimersByTimeAsync(PROBE_AFTER_LOAD_MS + 1);
  };

  it('probes a CRM page whose script never said hello, and injects the script', async () => {
    watchContentScripts();
    await load(7, TICKET);
    expect(executeScript).toHaveBeenCalledTimes(2);
    expect(executeScript.mock.calls[1]![0]).toMatchObject({
      target: { tabId: 7 },
      files: [expect.stringMatching(/content-scripts\/crm\.js$/)],
    });
  });

  it('runs nothing more in a page whose script said hello since its navigation began', async () => {
    const watchdog = watchContentScripts();
    await load(7, TICKET, () => watchdog.scriptStarted(7, TICKET));
    expect(executeScript).not.toHaveBeenCalled();
  });

  it('probes a page whose hello came from another address (a late hello of the page before)', async () => {
    const watchdog = watchContentScripts();
    await load(7, TICKET, () => watchdog.scriptStarted(7, 'https://acme.zendesk.com/agent/home'));
    expect(executeScript).toHaveBeenCalled();
  });

  it('forgets the hello when the tab loads a new page or closes', async () => {
    const watchdog = watchContentScripts();
    watchdog.scriptStarted(7, TICKET);
    await load(7, TICKET);
    expect(executeScript).toHaveBeenCalled();

    executeScript.mockClear();
    watchdog.scriptStarted(8, TICKET);
    await fakeBrowser.tabs.onRemoved.trigger(8, { windowId: 1, isWindowClosing: false });
    await fakeBrowser.tabs.onUpdated.trigger(8, { status: 'complete' }, tab(8, TICKET));
    await vi.advanceTimersByTimeAsync(PROBE_AFTER_LOAD_MS + 1);
    expect(executeScript).toHaveBeenCalled();
  });

  it('leaves pages on hosts no adapter covers alone', async () => {
    vi.spyOn(fakeBrowser.scripting, 'getRegisteredContentScripts').mockResolvedValue([] as never);
    watchContentScripts();
    await load(7, 'https://news.example.com/');
    expect(executeScript).not.toHaveBeenCalled();
  });
});
