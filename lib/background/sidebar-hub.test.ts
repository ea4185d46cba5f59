import { describe, expect, it } from 'vitest';
import { createMemoryStore } from './key-value';
import { createSidebarHub, type SidebarPort } from './sidebar-hub';
import { createTabState } from './tab-state';
import { sidebarPortServerMessage, type SidebarPortServerMessage } from '../messaging/sidebar-port';

const self = { runtimeId: 'touchpoint', extensionOrigin: 'chrome-extension://touchpoint/' };
const card = {
  emails: [],
  phones: [],
  organisations: [],
  customerIds: [],
  seenIn: [],
  records: [],
  links: [],
  name: { value: 'Ada', sources: ['zendesk'] },
};

function fakePort(sender: SidebarPort['sender']) {
  const received: SidebarPortServerMessage[] = [];
  const port: SidebarPort = {
    sender,
    postMessage: (message) => received.push(message),
    disconnect() {},
  };
  return { port, received };
}

const TOKEN_7 = 'tab-seven-token-0123456789';
const TOKEN_8 = 'tab-eight-token-0123456789';

async function setup({ wait = async () => {} }: { wait?: (ms: number) => Promise<void> } = {}) {
  const tabs = createTabState(createMemoryStore());
  await tabs.setRecord(7, { recordKey: 'zendesk:ticket:42', app: 'zendesk', appName: 'Zendesk' });
  const hub = createSidebarHub({
    tabs,
    self,
    cardFor: async () => card,
    trackingView: async () => null,
    promptView: async () => null,
    activeTabId: async () => 7,
    wait,
  });
  return { tabs, hub };
}

const frameIn = (tabId: number) => ({
  id: 'touchpoint',
  url: 'chrome-extension://touchpoint/sidepanel.html',
  frameId: 5,
  tab: { id: tabId },
});

describe('sidebar hub', () => {
  it('sends the card to a frame that shows the token its own tab was given', async () => {
    const { tabs, hub } = await setup();
    await tabs.registerSidebarToken(7, TOKEN_7);
    const { port, received } = fakePort(frameIn(7));
    await hub.accept(port, { type: 'hello', token: TOKEN_7 });
    expect(received).toEqual([
      { type: 'state', tabId: 7, appName: 'Zendesk', card, tracking: null, prompt: null },
    ]);
  });

  it('waits for a token whose content script’s hello is still on its way', async () => {
    let tabs: Awaited<ReturnType<typeof setup>>['tabs'] | undefined;
    const waits: number[] = [];
    const setupDone = await setup({
      wait: async (ms) => {
        waits.push(ms);
        // The hello lands while the frame's port waits.
        if (waits.length === 3) await tabs!.registerSidebarToken(7, TOKEN_7);
      },
    });
    tabs = setupDone.tabs;
    const { port, received } = fakePort(frameIn(7));
    await setupDone.hub.accept(port, { type: 'hello', token: TOKEN_7 });
    expect(received[0]).toMatchObject({ type: 'state', tabId: 7 });
    expect(waits).toEqual([50, 50, 50]);
  });

  it('gives up on a token that never arrives after about a second', async () => {
    const waits: number[] = [];
    const { hub } = await setup({ wait: async (ms) => void waits.push(ms) });
    const { port, received } = fakePort(frameIn(7));
    await hub.accept(port, { type: 'hello', token: TOKEN_7 });
    expect(received).toEqual([{ type: 'denied', code: 'unknownFrame' }]);
    expect(waits.reduce((sum, ms) => sum + ms, 0)).toBe(1000);
  });

  it('shows nothing to a frame without a token, or with another tab’s token', async () => {
    const { tabs, hub } = await setup();
    await tabs.registerSidebarToken(8, TOKEN_8);
    for (const hello of [
      { type: 'hello' },
      { type: 'hello', token: TOKEN_8 },
      { type: 'hello', token: 'guess' },
    ]) {
      const { port, received } = fakePort(frameIn(7));
      await hub.accept(port, hello);
      expect(received).toEqual([{ type: 'denied', code: 'unknownFrame' }]);
    }
  });

  it('invalidates a tab’s previous token when a new page in it brings one', async () => {
    const { tabs, hub } = await setup();
    await tabs.registerSidebarToken(7, TOKEN_7);
    await tabs.registerSidebarToken(7, 'the-next-page-token-0123');
    const { port, received } = fakePort(frameIn(7));
    await hub.accept(port, { type: 'hello', token: TOKEN_7 });
    expect(received[0]?.type).toBe('denied');
  });

  it('lets the side panel (an extension page outside any tab) follow the active tab', async () => {
    const { hub } = await setup();
    const { port, received } = fakePort({
      id: 'touchpoint',
      url: 'chrome-extension://touchpoint/sidepanel.html',
    });
    await hub.accept(port, { type: 'hello' });
    expect(received[0]).toMatchObject({ type: 'state', tabId: 7 });
  });

  it('refuses ports from web pages and malformed hellos', async () => {
    const { hub } = await setup();
    const web = fakePort({
      id: 'touchpoint',
      url: 'https://acme.zendesk.com/',
      frameId: 0,
      tab: { id: 7 },
    });
    await hub.accept(web.port, { type: 'hello' });
    expect(web.received).toEqual([{ type: 'denied', code: 'notExtensionPage' }]);
    const malformed = fakePort(frameIn(7));
    await hub.accept(malformed.port, { type: 'hello', token: 42 });
    expect(malformed.received[0]).toMatchObject({
      type: 'denied',
      code: 'malformed',
      detail: expect.stringContaining('token'),
    });
    // What the sidebar page accepts (it parses every message with the protocol's schema).
    expect(sidebarPortServerMessage.safeParse(malformed.received[0]).success).toBe(true);
  });

  it('pushes fresh state to connected sidebars and stops after they disconnect', async () => {
    const { tabs, hub } = await setup();
    await tabs.registerSidebarToken(7, TOKEN_7);
    const { port, received } = fakePort(frameIn(7));
    await hub.accept(port, { type: 'hello', token: TOKEN_7 });
    await hub.refreshAll();
    expect(received).toHaveLength(2);
    hub.forget(port);
    await hub.refreshAll();
    expect(received).toHaveLength(2);
  });

  it('forgets a closed tab’s token and record', async () => {
    const { tabs } = await setup();
    await tabs.registerSidebarToken(7, TOKEN_7);
    await tabs.forgetTab(7);
    expect(await tabs.tokenBelongsTo(TOKEN_7, 7)).toBe(false);
    expect(await tabs.getRecord(7)).toBeUndefined();
  });
});
