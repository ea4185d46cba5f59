import { describe, expect, it, vi } from 'vitest';
import {
  openEarlyPort,
  openHeldSidebarPort,
  sidebarHello,
  takeEarlyPort,
  type SidebarPortLike,
} from './sidebar-port-opener';

// The early script must stay small enough to run before the page's bundle has loaded.
vi.mock('zod', () => {
  throw new Error('the early sidebar port imported zod');
});
vi.mock('react', () => {
  throw new Error('the early sidebar port imported React');
});

function fakePort() {
  const messageListeners: ((message: unknown) => void)[] = [];
  const disconnectListeners: (() => void)[] = [];
  const sent: unknown[] = [];
  const port: SidebarPortLike = {
    postMessage: (message) => sent.push(message),
    onMessage: { addListener: (listener) => messageListeners.push(listener) },
    onDisconnect: { addListener: (listener) => disconnectListeners.push(listener) },
  };
  return {
    port,
    sent,
    receive: (message: unknown) => messageListeners.forEach((listener) => listener(message)),
    end: () => disconnectListeners.forEach((listener) => listener()),
  };
}

function recorder() {
  const seen: string[] = [];
  return {
    seen,
    handlers: {
      message: (raw: unknown) => seen.push(`message ${JSON.stringify(raw)}`),
      disconnect: () => seen.push('disconnect'),
    },
  };
}

describe('the sidebar hello', () => {
  it('carries the token of a CRM page frame', () => {
    expect(sidebarHello({ hash: '#token=abc', search: '' })).toEqual({
      type: 'hello',
      token: 'abc',
      tabId: undefined,
    });
  });

  it('carries the tab a side panel was opened for, and only a real tab id', () => {
    expect(sidebarHello({ hash: '', search: '?tab=12' }).tabId).toBe(12);
    expect(sidebarHello({ hash: '', search: '?tab=-3' }).tabId).toBeUndefined();
    expect(sidebarHello({ hash: '', search: '?tab=1.5' }).tabId).toBeUndefined();
    expect(sidebarHello({ hash: '', search: '' })).toEqual({ type: 'hello' });
  });
});

describe('a held sidebar port', () => {
  it('says hello on the sidebar port as soon as it opens', () => {
    const fake = fakePort();
    const names: string[] = [];
    openHeldSidebarPort(
      (info) => {
        names.push(info.name);
        return fake.port;
      },
      { type: 'hello', token: 't1' },
    );
    expect(names).toEqual(['sidebar']);
    expect(fake.sent).toEqual([{ type: 'hello', token: 't1' }]);
  });

  it('hands over the card that arrived before the page was ready, then what follows', () => {
    const fake = fakePort();
    const held = openHeldSidebarPort(() => fake.port, { type: 'hello' });
    fake.receive({ type: 'card', n: 1 });
    fake.receive({ type: 'card', n: 2 });
    const page = recorder();
    held.release(page.handlers);
    fake.receive({ type: 'card', n: 3 });
    expect(page.seen).toEqual([
      'message {"type":"card","n":1}',
      'message {"type":"card","n":2}',
      'message {"type":"card","n":3}',
    ]);
  });

  it('reports a port that ended before the page was ready, after what it delivered', () => {
    const fake = fakePort();
    const held = openHeldSidebarPort(() => fake.port, { type: 'hello' });
    fake.receive({ type: 'card' });
    fake.end();
    const page = recorder();
    held.release(page.handlers);
    expect(page.seen).toEqual(['message {"type":"card"}', 'disconnect']);
  });

  it('is released once', () => {
    const held = openHeldSidebarPort(() => fakePort().port, { type: 'hello' });
    held.release(recorder().handlers);
    expect(() => held.release(recorder().handlers)).toThrow(/already released/);
  });
});

describe('the early port', () => {
  it('is opened by a script that loads neither zod nor React', async () => {
    const script = await import('@/entrypoints/sidebar-port');
    expect(script.default.main).toBeTypeOf('function');
  });

  it('is taken once: a reconnect opens a port of its own', () => {
    const scope = {};
    const held = openHeldSidebarPort(() => fakePort().port, { type: 'hello' });
    openEarlyPort(scope, () => held);
    expect(takeEarlyPort(scope)).toBe(held);
    expect(takeEarlyPort(scope)).toBeUndefined();
  });

  it('is not opened when the bundle ran first and opened its own', () => {
    const scope = {};
    expect(takeEarlyPort(scope)).toBeUndefined();
    let opened = 0;
    openEarlyPort(scope, () => {
      opened += 1;
      return openHeldSidebarPort(() => fakePort().port, { type: 'hello' });
    });
    expect(opened).toBe(0);
  });
});
