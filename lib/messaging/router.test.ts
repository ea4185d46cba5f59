import { describe, expect, it, vi } from 'vitest';
import { createSyncHandlers } from '../background/sync-handlers';
import type { SyncStatus } from '../sync/sync-state';
import { readSidebarHostLabels } from '../content/sidebar-host';
import { debugRequests } from './debug-requests';
import { backgroundRoutes, handleRequest, joinRoutes, type Handlers } from './router';
import { ADAPTER_REQUESTS } from './adapter-requests';
import { REPORT_REQUESTS } from './report-requests';
import { SETTINGS_REQUESTS } from './settings-requests';

const self = { runtimeId: 'touchpoint', extensionOrigin: 'chrome-extension://touchpoint/' };
const contentSender = {
  id: 'touchpoint',
  url: 'https://acme.zendesk.com/agent/tickets/42',
  frameId: 0,
  tab: { id: 7 },
};
const pageSender = {
  id: 'touchpoint',
  url: 'chrome-extension://touchpoint/sidepanel.html',
  frameId: 3,
  tab: { id: 7 },
};

const syncStatus: SyncStatus = {
  configured: true,
  identityMode: 'pseudonymous',
  pending: 3,
  deadLetters: 0,
  syncedCount: 10,
  lastSuccessAt: 1_700_000_000_000,
  lastError: null,
  nextAttemptAt: null,
  blocked: false,
  running: false,
  storagePersisted: true,
};

function makeHandlers(): Handlers {
  return {
    'page.hello': vi.fn(async () => ({
      adapters: [],
      sidebarToken: 'token',
      display: 'overlay' as const,
      host: {
        labels: readSidebarHostLabels(() => ''),
        styles: '',
        layout: null,
        sidePanel: true,
      },
      lastLook: null,
    })),
    'record.context': vi.fn(async () => ({ stored: true })),
    'record.departed': vi.fn(async () => ({ stored: true })),
    'page.activity': vi.fn(async () => ({ corrected: false })),
    'i18n.messagesLocale': vi.fn(async () => ({ locale: 'de' })),
    'sidebar.openPanel': vi.fn(async () => ({ opened: true })),
    'sidebar.saveLayout': vi.fn(async () => ({ saved: true })),
    'diagnostics.get': vi.fn(async () => ({
      collectorAdaptersVersion: null,
      adapters: [],
      policyProblems: [],
      hostsAwaitingGrant: [],
    })),
    'sidebar.command': vi.fn(async () => ({ relayed: true })),
    'builder.status': vi.fn(async () => ({ allowed: false, collectorUrl: null })),
    'tracking.setPaused': vi.fn(async () => ({ paused: true })),
    'tracking.flush': vi.fn(async () => ({ flushed: true })),
    'tracking.costs': vi.fn(async () => {
      const none = { count: 0, medianMs: 0, p95Ms: 0 };
      return { handle: none, write: none };
    }),
    'prompt.answer': vi.fn(async () => ({ ok: true as const })),
    'prompt.reasons': vi.fn(async () => ({ ok: true as const })),
    'prompt.act': vi.fn(async () => ({ ok: true as const })),
    'tracking.status': vi.fn(async () => ({ enabled: true, paused: false, allowPause: true })),
    'apps.names': vi.fn(async () => ({ names: { zendesk: 'Zendesk' } })),
    // Issue #6 requests: not called here (the settings, console and local-data handler tests cover them).
    ...(Object.fromEntries(
      Object.keys(SETTINGS_REQUESTS).map((type) => [type, vi.fn()]),
    ) as unknown as Pick<Handlers, keyof typeof SETTINGS_REQUESTS>),
    // Issue #7 report requests: lib/background/report-handlers.test.ts covers them.
    ...(Object.fromEntries(
      Object.keys(REPORT_REQUESTS).map((type) => [type, vi.fn()]),
    ) as unknown as Pick<Handlers, keyof typeof REPORT_REQUESTS>),
    // Issue #16 adapter console requests: the console e2e (adapter-health.spec.ts) covers them.
    ...(Object.fromEntries(
      Object.keys(ADAPTER_REQUESTS).map((type) => [type, vi.fn()]),
    ) as unknown as Pick<Handlers, keyof typeof ADAPTER_REQUESTS>),
    ...createSyncHandlers({
      status: async () => syncStatus,
      runNow: async () => syncStatus,
      retryDeadLetters: async (ids) => ids.length,
      deleteDeadLetters: async (ids) => ids.length,
    }),
  };
}

const context = {
  app: 'zendesk',
  appName: 'Zendesk',
  recordType: 'ticket',
  recordId: '42',
  url: 'https://acme.zendesk.com/agent/tickets/42',
  matchedBy: {},
  observedAt: 1,
};

describe('handleRequest', () => {
  it('passes a valid content request to its handler with the sender’s tab', async () => {
    const handlers = makeHandlers();
    const reply = await handleRequest(
      backgroundRoutes(handlers),
      { type: 'record.context', payload: { context } },
      contentSender,
      self,
    );
    expect(reply).toEqual({ ok: true, data: { stored: true } });
    expect(handlers['record.context']).toHaveBeenCalledWith(expect.objectContaining({ context }), {
      tabId: 7,
      url: contentSender.url,
    });
  });

  it.each([
    ['not an object', 'malformed message'],
    [{ type: 'record.delete', payload: {} }, 'unknown message type "record.delete"'],
  ])('rejects %j with a message saying what was wrong', async (message, error) => {
    const reply = await handleRequest(
      backgroundRoutes(makeHandlers()),
      message,
      contentSender,
      self,
    );
    expect(reply).toEqual({ ok: false, error: expect.stringContaining(error) });
  });

  it('names the invalid field of a payload and does not call the handler', async () => {
    const handlers = makeHandlers();
    const reply = await handleRequest(
      backgroundRoutes(handlers),
      { type: 'record.context', payload: { context: { ...context, url: 'not a url' } } },
      contentSender,
      self,
    );
    expect(reply).toEqual({ ok: false, error: expect.stringContaining('context.url') });
    expect(handlers['record.context']).not.toHaveBeenCalled();
  });

  it.each([
    [
      'an address of megabytes',
      { ...context, url: `${context.url}?${'x'.repeat(5_000_000)}` },
      'context.url',
    ],
    [
      'rules under names no reading gives (tens of thousands of them)',
      {
        ...context,
        matchedBy: Object.fromEntries(
          Array.from({ length: 50_000 }, (_, index) => [`k${index}`, 'x']),
        ),
      },
      'context.matchedBy',
    ],
  ])('refuses a record report with %s, and says where', async (_case, hostile, field) => {
    const handlers = makeHandlers();
    const reply = await handleRequest(
      backgroundRoutes(handlers),
      { type: 'record.context', payload: { context: hostile } },
      contentSender,
      self,
    );
    expect(reply).toEqual({ ok: false, error: expect.stringContaining(field) });
    expect(handlers['record.context']).not.toHaveBeenCalled();
  });

  it.each([
    ['another extension', { ...contentSender, id: 'someone-else' }, 'not this extension'],
    ['a sub-frame of the page', { ...contentSender, frameId: 2 }, 'sub-frame'],
    ['no tab', { ...contentSender, tab: undefined }, 'without a tab'],
    // Its tab is the page in front: its hello would take that page's sidebar token away.
    [
      'a page the browser prerenders',
      { ...contentSender, documentLifecycle: 'prerender' },
      'prerenders',
    ],
  ])('refuses content requests from %s', async (_label, sender, error) => {
    const reply = await handleRequest(
      backgroundRoutes(makeHandlers()),
      { type: 'page.hello', payload: { url: contentSender.url } },
      sender,
      self,
    );
    expect(reply).toEqual({ ok: false, error: expect.stringContaining(error) });
  });

  it('accepts privileged requests only from extension pages', async () => {
    const request = { type: 'sidebar.command', payload: { action: 'collapse' } };
    expect(
      await handleRequest(backgroundRoutes(makeHandlers()), request, pageSender, self),
    ).toEqual({
      ok: true,
      data: { relayed: true },
    });
    expect(
      await handleRequest(backgroundRoutes(makeHandlers()), request, contentSender, self),
    ).toEqual({
      ok: false,
      error: 'sidebar.command: request must come from an extension page',
    });
  });

  it('answers sync requests only to extension pages (issue #5)', async () => {
    const request = { type: 'sync.now', payload: {} };
    expect(
      await handleRequest(backgroundRoutes(makeHandlers()), request, pageSender, self),
    ).toEqual({
      ok: true,
      data: syncStatus,
    });
    expect(
      await handleRequest(backgroundRoutes(makeHandlers()), request, contentSender, self),
    ).toEqual({
      ok: false,
      error: 'sync.now: request must come from an extension page',
    });
  });

  it('turns a handler failure and an invalid handler answer into errors, never a throw', async () => {
    const handlers = makeHandlers();
    handlers['record.context'] = async () => {
      throw new Error('disk full');
    };
    handlers['page.hello'] = async () => ({ adapters: 'none' }) as never;
    expect(
      await handleRequest(
        backgroundRoutes(handlers),
        { type: 'record.context', payload: { context } },
        contentSender,
        self,
      ),
    ).toEqual({
      ok: false,
      error: 'record.context: disk full',
    });
    const hello = await handleRequest(
      backgroundRoutes(handlers),
      { type: 'page.hello', payload: { url: contentSender.url } },
      contentSender,
      self,
    );
    expect(hello).toEqual({ ok: false, error: expect.stringContaining('bad response') });
  });
});

describe('debug requests', () => {
  const enqueue = { type: 'debug.enqueueSyntheticEvents', payload: { count: 2 } };

  it('are unknown to the background’s own routes (store builds never join them)', async () => {
    expect(
      await handleRequest(backgroundRoutes(makeHandlers()), enqueue, pageSender, self),
    ).toEqual({ ok: false, error: 'unknown message type "debug.enqueueSyntheticEvents"' });
  });

  it('are answered, with the same checks, once joined to the routes', async () => {
    const routes = joinRoutes(backgroundRoutes(makeHandlers()), debugRequests(), {
      'debug.enqueueSyntheticEvents': async ({ count }) => ({
        ids: Array.from({ length: count }, (_, index) => `id-${index}`),
      }),
    });
    expect(await handleRequest(routes, enqueue, pageSender, self)).toEqual({
      ok: true,
      data: { ids: ['id-0', 'id-1'] },
    });
    expect(await handleRequest(routes, enqueue, contentSender, self)).toMatchObject({
      ok: false,
      error: expect.stringContaining('extension page'),
    });
  });
});
