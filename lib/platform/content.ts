import { browser } from 'wxt/browser';
import { watchRecord } from '../content/record-watcher';
import { withRetries } from '../content/retry';
import { watchTyping } from '../content/typing-watcher';
import { watchActivity } from '../content/activity-watcher';
import { createConditionalJsonGet } from '../content/conditional-fetch';
import { lookBack, sameOriginPageFetch } from '../content/look-back';
import { API_REFRESH } from '../content/request-budget';
import { showsCallSignal } from '../content/call-signal';
import { pageOpened, pageParsed } from '../content/page-parsed';
import { DEFAULT_LAYOUT, mountSidebarHost } from '../content/sidebar-host';
import { CONTENT_SCRIPT_MARK, SIDEBAR_PAGE } from '../constants';
import {
  isAgentStateRequest,
  parsePromptNudge,
  parseSidebarCommand,
  requestBackground,
} from '../messaging/content-messages';

const STARTED = Symbol.for(CONTENT_SCRIPT_MARK);

/**
 * True the first time per page: the script may arrive twice (registered for a host and injected
 * into the already open tab at the same moment); content scripts of one extension share this
 * global object in their isolated world, which the page cannot see.
 */
export function claimPage(global: object): boolean {
  const flags = global as Record<symbol, boolean | undefined>;
  if (flags[STARTED]) return false;
  flags[STARTED] = true;
  return true;
}

const send = (message: unknown) => browser.runtime.sendMessage(message);

/**
 * The content script: asks the background which adapters apply here, mounts the sidebar frame and
 * reports the record in front. Small on purpose: no React, no zod, no IndexedDB, no adapter data
 * bundled (the background sends the adapters that match this page).
 */
export async function runContentScript() {
  if (!claimPage(globalThis)) return;
  await pageOpened(document);
  const hello = await withRetries(() =>
    requestBackground(send, 'page.hello', { url: location.href }),
  );
  const { adapters, sidebarToken } = hello;
  const app = adapters[0]?.id;
  if (!app || !sidebarToken) return;

  const frameUrl =
    hello.display === 'overlay'
      ? `${browser.runtime.getURL(`/${SIDEBAR_PAGE}`)}#token=${encodeURIComponent(sidebarToken)}`
      : undefined;
  const openPanel =
    hello.display === 'panel' || hello.host.sidePanel
      ? () =>
          requestBackground(send, 'sidebar.openPanel', {}).then(
            ({ opened }) => opened,
            () => false,
          )
      : undefined;
  // The frame starts now, while the page loads; the record is read once the page's DOM is there.
  // Its loading takes the CPU from whatever the page does meanwhile. Now that is the page's parse
  // (a heavy page parsed about 100 ms later on two cores); started after DOMContentLoaded, it was
  // the page's first live updates (long tasks on a busy page in 5 of 12 loads, none now) and the
  // card came later (docs/benchmarks.md, 2026-12-06).
  const host = mountSidebarHost({
    document,
    layout: hello.host.layout ?? DEFAULT_LAYOUT,
    saveLayout: (layout) => {
      requestBackground(send, 'sidebar.saveLayout', { layout }).catch(() => undefined);
    },
    labels: hello.host.labels,
    styles: hello.host.styles,
    dock: adapters[0]?.dock ?? false,
    frameUrl,
    openPanel,
  });

  const typing = watchTyping(document);
  const callSignals = adapters.flatMap((adapter) => adapter.callSignal);
  browser.runtime.onMessage.addListener((message: unknown) => {
    if (isAgentStateRequest(message)) {
      return Promise.resolve({
        ...typing.state(),
        onCall: showsCallSignal(document, callSignals),
      });
    }
    const nudge = parsePromptNudge(message);
    if (nudge !== null) return Promise.resolve(host.nudge(nudge));
    const action = parseSidebarCommand(message);
    return action ? Promise.resolve(host.command(action)) : undefined;
  });

  await pageParsed(document);
  watchActivity(document, () => {
    requestBackground(send, 'page.activity', {}).catch(() => undefined);
  });

  // One report at a time, in order: a record that left must end before the next one starts.
  let reports = Promise.resolve();
  const inOrder = (report: () => Promise<unknown>) => {
    reports = reports.then(report).then(
      () => undefined,
      (error: unknown) => console.debug('Touchpoint: record not reported', error),
    );
  };
  // The record the last page load left, read once more, reported before this page's own record.
  const fetchPage = sameOriginPageFetch(location.origin, (input, init) => fetch(input, init));
  const previous = hello.lastLook;
  if (previous) {
    inOrder(async () => {
      const look = { now: Date.now(), timeoutMs: API_REFRESH.lastLookTimeoutMs };
      const record = { url: previous.url, key: previous.pageKey };
      const context = await lookBack(adapters[0]!, record, fetchPage, look);
      if (context) await requestBackground(send, 'record.departed', { context });
    });
  }
  watchRecord({
    adapters,
    document,
    currentUrl: () => location.href,
    now: () => Date.now(),
    fetchJson: createConditionalJsonGet((path, init) => fetch(path, init), location.origin),
    fetchPage,
    watchAttributes: [...new Set(adapters.flatMap((adapter) => adapter.watchAttributes))],
    onRecord: (context) => inOrder(() => requestBackground(send, 'record.context', { context })),
    onDeparted: (context) => inOrder(() => requestBackground(send, 'record.departed', { context })),
  });
}
