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

async function setup() {
  let counter = 0;
  const tabs = createTabState(createMemoryStore(), () => `token-${++counter}`);
  await tabs.setRecord(7, { recordKey: 'zendesk:ticket:42', app: 'zendesk', appName: 'Zendesk' });
  const hub = createSidebarHub({
    tabs,
    self,
    cardFor: async () => card,
    trackingView: async () => null,
    promptView: async () => null,
    activeTabId: async () => 7,
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
    const token = await tabs.issueSidebarToken(7);
    const { port, received } = fakePort(frameIn(7));
    await hub.accept(port, { type: 'hello', token });
    expect(received).toEqual([
      { type: 'state', tabId: 7, appName: 'Zendesk', card, tracking: null, prompt: null },
    ]);
  });

  it('shows nothing to a frame without a token, or with another tab’s token', async () => {
    const { tabs, hub } = await setup();
    const otherTabsToken = await tabs.issueSidebarToken(8);
    for (const hello of [
      { type: 'hello' },
      { type: 'hello', token: otherTabsToken },
      { type: 'hello', token: 'guess' },
    ]) {
      const { port, received } = fakePort(frameIn(7));
      await hub.accept(port, hello);
      expect(received).toEqual([{ type: 'denied', code: 'unknownFrame' }]);
    }
  });

  it('invalidates a tab’s previous token when a new page in it asks for one', async () => {
    const { tabs, hub } = await setup();
    const first = await tabs.issueSidebarToken(7);
    await tabs.issueSidebarToken(7);
    const { port, received } = fakePort(frameIn(7));
    await hub.accept(port, { type: 'hello', token: first });
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
    const token = await tabs.issueSidebarToken(7);
    const { port, received } = fakePort(frameIn(7));
    await hub.accept(port, { type: 'hello', token });
    await hub.refreshAll();
    expect(received).toHaveLength(2);
    hub.forget(port);
    await hub.refreshAll();
    expect(received).toHaveLength(2);
  });

  it('pushes the sidebar of the tab whose record changed before reading any other card', async () => {
    let counter = 0;
    const tabs = createTabState(createMemoryStore(), () => `token-${++counter}`);
    const events: string[] = [];
    const hub = createSidebarHub({
      tabs,
      self,
      cardFor: async (recordKey) => {
        events.push(`read ${recordKey}`);
        return card;
      },
      trackingView: async () => null,
      promptView: async () => null,
      activeTabId: async () => 7,
    });
    for (const tabId of [7, 8, 9]) {
      await tabs.setRecord(tabId, { recordKey: `r${tabId}`, app: 'zendesk', appName: 'Zendesk' });
      const { port } = fakePort(frameIn(tabId));
      port.postMessage = () => events.push(`push ${tabId}`);
      await hub.accept(port, { type: 'hello', token: await tabs.issueSidebarToken(tabId) });
    }
    events.length = 0;
    await hub.refreshAll(8);
    expect(events.slice(0, 2)).toEqual(['read r8', 'push 8']);
    expect(events.slice(2).sort()).toEqual(['push 7', 'push 9', 'read r7', 'read r9']);
  });

  it('reads the figures and the prompt once per refresh, however many sidebars are open', async () => {
    let counter = 0;
    const tabs = createTabState(createMemoryStore(), () => `token-${++counter}`);
    const reads = { tracking: 0, prompt: 0 };
    const hub = createSidebarHub({
      tabs,
      self,
      cardFor: async () => card,
      trackingView: async () => {
        reads.tracking += 1;
        return null;
      },
      promptView: async () => {
        reads.prompt += 1;
        return null;
      },
      activeTabId: async () => 7,
    });
    const sidebars = [];
    for (const tabId of [7, 8, 9]) {
      await tabs.setRecord(tabId, {
        recordKey: `zendesk:ticket:${tabId}`,
        app: 'zendesk',
        appName: 'Zendesk',
      });
      const sidebar = fakePort(frameIn(tabId));
      await hub.accept(sidebar.port, { type: 'hello', token: await tabs.issueSidebarToken(tabId) });
      sidebars.push(sidebar);
    }
    reads.tracking = 0;
    reads.prompt = 0;
    await hub.refreshAll();
    expect(reads).toEqual({ tracking: 1, prompt: 1 });
    expect(sidebars.map((sidebar) => sidebar.received.at(-1))).toEqual(
      [7, 8, 9].map((tabId) => ({
        type: 'state',
        tabId,
        appName: 'Zendesk',
        card,
        tracking: null,
        prompt: null,
      })),
    );
  });

  it('forgets a closed tab’s token and record', async () => {
    const { tabs } = await setup();
    const token = await tabs.issueSidebarToken(7);
    await tabs.forgetTab(7);
    expect(await tabs.tokenBelongsTo(token, 7)).toBe(false);
    expect(await tabs.getRecord(7)).toBeUndefined();
  });
});
