import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startBackground } from '.';

let commandListener: (command: string, tab?: { id?: number }) => void = () => undefined;

describe('background composition root', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({
      manifest_version: 3,
      name: 'Touchpoint',
      version: '0',
      web_accessible_resources: [
        { resources: ['sidepanel.html'], matches: ['https://*.zendesk.com/*'] },
      ],
    });
    vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation((() =>
      Promise.resolve(false)) as never);
    vi.spyOn(fakeBrowser.scripting, 'getRegisteredContentScripts').mockImplementation((() =>
      Promise.resolve([])) as never);
    // Not implemented by fakeBrowser; the sidebar port is covered by sidebar-hub.test.ts and e2e.
    vi.spyOn(fakeBrowser.runtime.onConnect, 'addListener').mockImplementation(() => undefined);
    vi.spyOn(fakeBrowser.permissions.onAdded, 'addListener').mockImplementation(() => undefined);
    vi.spyOn(fakeBrowser.idle.onStateChanged, 'addListener').mockImplementation(() => undefined);
    // Not implemented by fakeBrowser either; the tracker's tab moves and replacements: tracking.test.ts.
    vi.spyOn(fakeBrowser.tabs.onDetached, 'addListener').mockImplementation(() => undefined);
    vi.spyOn(fakeBrowser.tabs.onAttached, 'addListener').mockImplementation(() => undefined);
    vi.spyOn(fakeBrowser.tabs.onReplaced, 'addListener').mockImplementation(() => undefined);
    vi.spyOn(fakeBrowser.idle, 'setDetectionInterval').mockImplementation(() => undefined);
    vi.spyOn(fakeBrowser.windows, 'getAll').mockImplementation((() =>
      Promise.resolve([])) as never);
    vi.spyOn(fakeBrowser.commands.onCommand, 'addListener').mockImplementation((listener) => {
      commandListener = listener as typeof commandListener;
    });
  });

  it('relays the toggle-sidebar keyboard command to the content script of the tab in front', async () => {
    const sendMessage = vi
      .spyOn(fakeBrowser.tabs, 'sendMessage')
      .mockImplementation((() => Promise.resolve({ collapsed: true })) as never);
    startBackground();
    commandListener('toggle-sidebar', { id: 5 });
    expect(sendMessage).toHaveBeenCalledWith(
      5,
      { type: 'sidebar.command', payload: { action: 'toggle' } },
      { frameId: 0 },
    );
  });

  it('answers a content script’s hello with the adapters, a sidebar token and what the edge tab needs', async () => {
    vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation((key) =>
      key === 'extensionName' ? 'Touchpoint' : `(${key})`,
    );
    await fakeBrowser.storage.local.set({
      'sidebar-layout:zendesk': { collapsed: true, width: 420 },
    });
    startBackground();
    const [reply] = await fakeBrowser.runtime.onMessage.trigger(
      { type: 'page.hello', payload: { url: 'https://acme.zendesk.com/agent/tickets/42' } },
      {
        id: fakeBrowser.runtime.id,
        url: 'https://acme.zendesk.com/agent/tickets/42',
        frameId: 0,
        tab: { id: 3 } as never,
      },
      () => undefined,
    );
    expect(reply).toMatchObject({ ok: true, data: { sidebarToken: expect.any(String) } });
    expect(
      (reply as unknown as { data: { adapters: { id: string }[] } }).data.adapters.map((a) => a.id),
    ).toEqual(['zendesk']);
    // The page itself never calls i18n.getMessage or storage (issue #15 item 7): both come here.
    expect(reply).toMatchObject({
      data: {
        host: {
          labels: { name: 'Touchpoint', showSidebar: '(edgeTabShowSidebar)' },
          layout: { collapsed: true, width: 420 },
        },
      },
    });
  });

  it('tells a page without a message bundle which locale the browser reads its texts from', async () => {
    vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation((key) =>
      key === 'messagesLocale' ? 'de' : '',
    );
    startBackground();
    const [reply] = await fakeBrowser.runtime.onMessage.trigger(
      { type: 'i18n.messagesLocale', payload: {} },
      { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/sidepanel.html') },
      () => undefined,
    );
    expect(reply).toEqual({ ok: true, data: { locale: 'de' } });
  });

  it('answers no debug request outside e2e builds', async () => {
    startBackground();
    const [reply] = await fakeBrowser.runtime.onMessage.trigger(
      { type: 'debug.enqueueSyntheticEvents', payload: { count: 1 } },
      { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/options.html') },
      () => undefined,
    );
    expect(reply).toEqual({
      ok: false,
      error: 'unknown message type "debug.enqueueSyntheticEvents"',
    });
  });
});
