// @vitest-environment happy-dom
// @vitest-environment-options {"url": "https://acme.zendesk.com/agent/tickets/42"}
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SETTLE_MS, watchRecord } from './record-watcher';
import { servicenow } from '../adapters/servicenow';
import { zendesk } from '../adapters/zendesk';
import type { RecordContext } from '../context/record-context';
import { readFixtureHtml } from '../../tests/adapter-fixtures';
import { createRequestBudget } from './request-budget';
import { TICKER_AFTER } from './tickers';

function pane(id: string, subject: string, requester: string, active: boolean) {
  return `<div class="ticket-panes-grid-layout" data-ticket="${id}" data-is-active="${active}">
    <input data-test-id="omni-header-subject" value="${subject}">
    <div data-test-id="ticket-system-field-requester-select"><div data-garden-id="typography.ellipsis">${requester}</div></div>
  </div>`;
}

const waitFor = (predicate: () => boolean) =>
  vi.waitFor(() => expect(predicate()).toBe(true), { timeout: 2000 });

let stop: (() => void) | undefined;
afterEach(() => stop?.());

function start(
  api: Record<string, unknown> = {},
  adapter = zendesk,
  extra: Partial<Parameters<typeof watchRecord>[0]> = {},
) {
  const seen: (RecordContext | null)[] = [];
  const departed: RecordContext[] = [];
  const fetchJson = vi.fn(async (path: string) => {
    if (!(path in api)) throw new Error(`404 ${path}`);
    return api[path];
  });
  const watcher = watchRecord({
    adapters: [adapter],
    document,
    currentUrl: () => location.href,
    now: () => 1,
    fetchJson,
    onRecord: (context) => seen.push(context),
    onDeparted: (context) => departed.push(context),
    watchAttributes: zendesk.watchAttributes,
    ...extra,
  });
  stop = watcher.stop;
  return { seen, departed, fetchJson };
}

const ticketApi = (status: string) => ({
  '/api/v2/tickets/42.json': { ticket: { status, requester_id: 9001 } },
  '/api/v2/users/9001.json': { user: { id: 9001, email: 'ada@example.com' } },
});
const ticketReads = (fetchJson: { mock: { calls: unknown[][] } }) =>
  fetchJson.mock.calls.filter(([path]) => path === '/api/v2/tickets/42.json').length;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Ticket 42 open in its pane, with `extra` markup in the pane and `beside` after it; the pane. */
function openTicket42(extra: string, beside = '') {
  history.replaceState(null, '', 'https://acme.zendesk.com/agent/tickets/42');
  document.body.innerHTML = pane('42', 'Order arrived damaged', 'Ada Lovelace', true) + beside;
  const active = document.querySelector('[data-ticket="42"]')!;
  active.insertAdjacentHTML('beforeend', extra);
  return active;
}

/**
 * ServiceNow's `gsft_main` frame on the page, in its light DOM (UI16) or, as Next Experience holds
 * it, inside its components' open shadow roots (`shadow`); the function loads a page into it as
 * the browser would (same origin, so the top page may read it; `load` neither bubbles nor leaves
 * a shadow root) and returns that page's document.
 */
function gsftMainFrame(where: 'page' | 'shadow' = 'page') {
  const frameHtml = '<iframe id="gsft_main" name="gsft_main"></iframe>';
  let frame: HTMLIFrameElement;
  if (where === 'page') {
    document.body.innerHTML = frameHtml;
    frame = document.querySelector('iframe')!;
  } else {
    // Two components deep, like the shell's layout around its classic-form frame.
    document.body.innerHTML = '<shell-layout></shell-layout>';
    const outer = document.querySelector('shell-layout')!.attachShadow({ mode: 'open' });
    outer.innerHTML = '<shell-page></shell-page>';
    const inner = outer.querySelector('shell-page')!.attachShadow({ mode: 'open' });
    inner.innerHTML = frameHtml;
    frame = inner.querySelector('iframe')!;
  }
  return (url: string, html: string) => {
    const inner = new DOMParser().parseFromString(html, 'text/html');
    Object.defineProperty(inner, 'URL', { value: url });
    Object.defineProperty(frame, 'contentDocument', { value: inner, configurable: true });
    frame.dispatchEvent(new Event('load'));
    return inner;
  };
}

describe('watchRecord', () => {
  it('follows pushState to another ticket without a reload', async () => {
    history.replaceState(null, '', 'https://acme.zendesk.com/agent/tickets/42');
    document.body.innerHTML = pane('42', 'Order arrived damaged', 'Ada Lovelace', true);
    const { seen } = start();
    expect(seen.at(-1)?.recordId).toBe('42');

    history.pushState(null, '', 'https://acme.zendesk.com/agent/tickets/43');
    document.body.innerHTML = pane('43', 'Wrong size', 'Grace Hopper', true);
    await waitFor(() => seen.at(-1)?.recordId === '43');
    expect(seen.at(-1)).toMatchObject({ customerName: 'Grace Hopper', subject: 'Wrong size' });
  });

  it('reports a ticket once while the page rewrites its address for it, again and again', async () => {
    history.replaceState(null, '', 'https://acme.zendesk.com/agent/tickets/42');
    document.body.innerHTML = pane('42', 'Order arrived damaged', 'Ada Lovelace', true);
    const { seen } = start(ticketApi('open'));
    await waitFor(() => seen.at(-1)?.status === 'open');
    const reports = seen.length;
    for (let i = 0; i < 10; i++) {
      history.pushState(
        null,
        '',
        `https://acme.zendesk.com/agent/tickets/42?tab=${i}#conversation`,
      );
      await pause(SETTLE_MS + 20);
    }
    expect(seen).toHaveLength(reports);
    // What the page then changes of the ticket is reported.
    document.querySelector('input')!.outerHTML =
      '<input data-test-id="omni-header-subject" value="Order arrived late">';
    await waitFor(() => seen.at(-1)?.subject === 'Order arrived late');
  });

  it('follows the visible pane when the agent switches between two open tickets', async () => {
    history.replaceState(null, '', 'https://acme.zendesk.com/agent/tickets/42');
    document.body.innerHTML =
      pane('42', 'Order arrived damaged', 'Ada Lovelace', true) +
      pane('43', 'Wrong size', 'Grace Hopper', false);
    const { seen } = start();
    expect(seen.at(-1)?.customerName).toBe('Ada Lovelace');

    document.querySelector('[data-ticket="42"]')!.setAttribute('data-is-active', 'false');
    document.querySelector('[data-ticket="43"]')!.setAttribute('data-is-active', 'true');
    await waitFor(() => seen.at(-1)?.customerName === 'Grace Hopper');
  });

  it('reads a change once the page is idle, not while the page still renders it', async () => {
    const idle: (() => void)[] = [];
    const view = window as unknown as Partial<
      Record<'requestIdleCallback' | 'cancelIdleCallback', unknown>
    >;
    view.requestIdleCallback = (callback: () => void) => idle.push(callback);
    view.cancelIdleCallback = (handle: number) => (idle[handle - 1] = () => undefined);
    try {
      history.replaceState(null, '', 'https://acme.zendesk.com/agent/tickets/42');
      document.body.innerHTML = pane('42', 'Order arrived damaged', 'Ada Lovelace', true);
      const { seen } = start({}, { ...zendesk, api: [] });
      history.pushState(null, '', 'https://acme.zendesk.com/agent/tickets/43');
      document.body.innerHTML = pane('43', 'Wrong size', 'Grace Hopper', true);
      await pause(SETTLE_MS + 100);
      expect(seen.at(-1)?.recordId).toBe('42');
      expect(idle).toHaveLength(1);
      idle[0]!();
      expect(seen.at(-1)?.recordId).toBe('43');
    } finally {
      delete view.requestIdleCallback;
      delete view.cancelIdleCallback;
    }
  });

  it('reports each reading once: unrelated page churn sends nothing new', async () => {
    history.replaceState(null, '', 'https://acme.zendesk.com/agent/tickets/42');
    document.body.innerHTML =
      pane('42', 'Order arrived damaged', 'Ada Lovelace', true) + '<ul id="feed"></ul>';
    const { seen } = start({}, { ...zendesk, api: [] });
    for (let i = 0; i < 20; i++)
      document.getElementById('feed')!.append(document.createElement('li'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(seen).toHaveLength(1);
  });

  it('adds what the app’s API knows, asking the API once per record', async () => {
    history.replaceState(null, '', 'https://acme.zendesk.com/agent/tickets/42');
    document.body.innerHTML = pane('42', 'Order arrived damaged', 'Ada Lovelace', true);
    const { seen, fetchJson } = start({
      '/api/v2/tickets/42.json': { ticket: { status: 'solved', requester_id: 9001 } },
      '/api/v2/users/9001.json': { user: { id: 9001, email: 'ada@example.com' } },
    });
    await waitFor(() => seen.at(-1)?.customerEmail === 'ada@example.com');
    expect(seen.at(-1)).toMatchObject({
      status: 'solved',
      customerId: '9001',
      customerName: 'Ada Lovelace',
    });
    document.body.append(document.createElement('p'));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(fetchJson).toHaveBeenCalledTimes(2);
  });

  it('reports null when the page no longer shows a record', async () => {
    history.replaceState(null, '', 'https://acme.zendesk.com/agent/tickets/42');
    document.body.innerHTML = pane('42', 'Order arrived damaged', 'Ada Lovelace', true);
    const { seen } = start();
    history.pushState(null, '', 'https://acme.zendesk.com/agent/dashboard');
    document.body.innerHTML = '<h1>Views</h1>';
    await waitFor(() => seen.at(-1) === null);
  });

  it('asks the API again when the ticket’s part of the page changes: a status solved in place is seen', async () => {
    const active = openTicket42(
      '<div contenteditable="true" id="editor"></div>',
      '<ul id="feed"></ul>',
    );
    const api: Record<string, unknown> = ticketApi('open');
    const { seen, fetchJson } = start(api, zendesk, { timing: { minGapMs: 50 } });
    await waitFor(() => seen.at(-1)?.status === 'open');
    const first = ticketReads(fetchJson);

    // Typing in the editor and changes elsewhere in the page are not the ticket's state.
    document.getElementById('editor')!.textContent = 'Dear Ada';
    document.getElementById('feed')!.append(document.createElement('li'));
    await pause(200);
    expect(ticketReads(fetchJson)).toBe(first);

    Object.assign(api, ticketApi('solved'));
    active.append(Object.assign(document.createElement('p'), { textContent: 'Solved' }));
    await waitFor(() => seen.at(-1)?.status === 'solved');
    expect(ticketReads(fetchJson)).toBe(first + 1);
  });

  it('stops asking the API for a badge that keeps ticking without news, and still sees a solve', async () => {
    const active = openTicket42('<span id="viewers">1 agent viewing</span>');
    const api: Record<string, unknown> = ticketApi('open');
    const { seen, fetchJson } = start(api, zendesk, { timing: { minGapMs: 20 } });
    await waitFor(() => seen.at(-1)?.status === 'open');
    const first = ticketReads(fetchJson);

    const viewers = document.getElementById('viewers')!;
    for (let tick = 0; tick < 30; tick += 1) {
      viewers.textContent = `${(tick % 3) + 1} agents viewing`;
      await pause(15);
    }
    await pause(100);
    // Each answer was the same: after TICKER_AFTER of them the badge asks no more.
    expect(ticketReads(fetchJson)).toBe(first + TICKER_AFTER);

    Object.assign(api, ticketApi('solved'));
    active.append(Object.assign(document.createElement('article'), { textContent: 'Solved' }));
    await waitFor(() => seen.at(-1)?.status === 'solved');
  });

  it('keeps asking for a status badge whose changes come with news', async () => {
    openTicket42('<span id="state">open</span>');
    const api: Record<string, unknown> = ticketApi('open');
    const { seen } = start(api, zendesk, { timing: { minGapMs: 20 } });
    await waitFor(() => seen.at(-1)?.status === 'open');
    for (const status of ['pending', 'open', 'hold', 'open', 'solved']) {
      Object.assign(api, ticketApi(status));
      document.getElementById('state')!.textContent = status;
      await waitFor(() => seen.at(-1)?.status === status);
    }
  });

  it('asks the API again when the tab comes back to the front and at the interval', async () => {
    history.replaceState(null, '', 'https://acme.zendesk.com/agent/tickets/42');
    document.body.innerHTML = pane('42', 'Order arrived damaged', 'Ada Lovelace', true);
    const api: Record<string, unknown> = ticketApi('open');
    const { seen, fetchJson } = start(api, zendesk, { timing: { intervalMs: 300 } });
    await waitFor(() => seen.at(-1)?.status === 'open');
    Object.assign(api, ticketApi('pending'));
    window.dispatchEvent(new Event('focus'));
    await waitFor(() => seen.at(-1)?.status === 'pending');
    const afterFocus = ticketReads(fetchJson);
    Object.assign(api, ticketApi('solved'));
    await waitFor(() => seen.at(-1)?.status === 'solved');
    expect(ticketReads(fetchJson)).toBeGreaterThan(afterFocus);
  });

  it('reads a record that left the page once more and reports it before what came next', async () => {
    history.replaceState(null, '', 'https://acme.zendesk.com/agent/tickets/42');
    document.body.innerHTML = pane('42', 'Order arrived damaged', 'Ada Lovelace', true);
    const api: Record<string, unknown> = ticketApi('open');
    const order: string[] = [];
    const { seen, departed } = start(api, zendesk, {
      onRecord: (context) => order.push(context ? `record ${context.recordId}` : 'none'),
    });
    await waitFor(() => order.length > 0);
    await pause(100);

    // "Close tab" after update: the ticket is saved as solved, then its pane goes.
    Object.assign(api, ticketApi('solved'));
    document.querySelector('[data-ticket="42"]')!.remove();
    history.pushState(null, '', 'https://acme.zendesk.com/agent/filters/1');
    await waitFor(() => order.at(-1) === 'none');
    expect(departed).toHaveLength(1);
    expect(departed[0]).toMatchObject({ recordId: '42', status: 'solved' });
    expect(seen).toEqual([]);
  });

  it('asks once for one return to the tab, though the browser reports it twice', async () => {
    openTicket42('');
    const { seen, fetchJson } = start(ticketApi('open'));
    await waitFor(() => seen.at(-1)?.status === 'open');
    await pause(500);
    const before = ticketReads(fetchJson);
    window.dispatchEvent(new Event('focus'));
    document.dispatchEvent(new Event('visibilitychange'));
    await pause(600);
    expect(ticketReads(fetchJson)).toBe(before + 1);
  });

  it('keeps room in the minute for the last look: a ticket solved after many returns to the tab still ends solved', async () => {
    openTicket42('');
    const api: Record<string, unknown> = ticketApi('open');
    const { seen, departed, fetchJson } = start(api, zendesk, {
      budget: createRequestBudget(8),
      timing: { minGapMs: 20 },
    });
    await waitFor(() => seen.at(-1)?.status === 'open');
    for (let i = 0; i < 5; i++) {
      await pause(60);
      window.dispatchEvent(new Event('focus'));
    }
    await pause(60);
    // Returns read once (2 requests) and then wait: 4 of the 8 stay free.
    expect(fetchJson).toHaveBeenCalledTimes(4);

    // "Close tab" after update: solved, and the pane goes.
    Object.assign(api, ticketApi('solved'));
    document.querySelector('[data-ticket="42"]')!.remove();
    history.pushState(null, '', 'https://acme.zendesk.com/agent/filters/1');
    await waitFor(() => departed.length === 1);
    expect(departed[0]).toMatchObject({ recordId: '42', status: 'solved' });
  });

  it('asks the API again when the app draws the same ticket’s pane anew', async () => {
    openTicket42('');
    const api: Record<string, unknown> = ticketApi('open');
    const { seen } = start(api);
    await waitFor(() => seen.at(-1)?.status === 'open');
    await pause(500);
    Object.assign(api, ticketApi('solved'));
    // Zendesk redraws the active pane after "Submit as Solved" (stay on ticket).
    document.querySelector('[data-ticket="42"]')!.outerHTML = pane(
      '42',
      'Order arrived damaged',
      'Ada Lovelace',
      true,
    );
    await waitFor(() => seen.at(-1)?.status === 'solved');
  });

  it('reads the record in the adapter’s frame and follows it there: ServiceNow’s form under nav_to.do', async () => {
    const SYS_ID = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
    const load = gsftMainFrame();
    const form = load(
      `https://acme.service-now.com/incident.do?sys_id=${SYS_ID}&sysparm_view=`,
      readFixtureHtml('servicenow', 'incident-form.html'),
    );
    const { seen } = start({}, servicenow, {
      watchAttributes: [],
      currentUrl: () =>
        `https://acme.service-now.com/nav_to.do?uri=%2Fincident.do%3Fsys_id%3D${SYS_ID}`,
    });
    await waitFor(() => seen.at(-1)?.status === 'In Progress');
    expect(seen.at(-1)).toMatchObject({ recordId: SYS_ID, recordNumber: 'INC0010042' });

    // Resolved in the form: the frame's page is observed like the top page.
    const state = form.getElementById('incident.state')!;
    state.querySelector('[selected]')!.removeAttribute('selected');
    state.querySelector('option[value="6"]')!.setAttribute('selected', 'SELECTED');
    await waitFor(() => seen.at(-1)?.status === 'Resolved');

    // The frame goes on to the incident list: no record in front, though the address stayed.
    load(
      'https://acme.service-now.com/incident_list.do?sysparm_query=active%3Dtrue',
      readFixtureHtml('servicenow', 'incident-list.html'),
    );
    await waitFor(() => seen.at(-1) === null);
  });

  const frameSpots = [
    ['in the page', 'page'],
    ['inside shadow roots, as in Next Experience', 'shadow'],
  ] as const;
  it.for(frameSpots)(
    'reads the page a ServiceNow frame loads within the settle delay, not at the interval: frame %s',
    async ([, where]) => {
      // Before, a frame inside shadow roots (Next Experience) was not heard loading: the card
      // showed the incident the agent had left until the interval read the page again.
      const incident = (sysId: string) =>
        `https://acme.service-now.com/incident.do?sys_id=${sysId}&sysparm_view=`;
      const [FIRST, NEXT] = [
        'a1b2c3d4e5f60718293a4b5c6d7e8f90',
        'b2c3d4e5f60718293a4b5c6d7e8f90a1',
      ];
      const form = readFixtureHtml('servicenow', 'incident-form.html');
      const load = gsftMainFrame(where);
      load(incident(FIRST), form);
      const { seen } = start({}, servicenow, {
        watchAttributes: [],
        currentUrl: () =>
          `https://acme.service-now.com/now/nav/ui/classic/params/target/incident.do%3Fsys_id%3D${FIRST}`,
        timing: { intervalMs: 3_600_000 },
      });
      await waitFor(() => seen.at(-1)?.recordId === FIRST);

      // The agent opens another incident in the frame; the shell's address stays.
      load(incident(NEXT), form.replaceAll('INC0010042', 'INC0010043'));
      await pause(SETTLE_MS * 2);
      expect(seen.at(-1)).toMatchObject({ recordId: NEXT, recordNumber: 'INC0010043' });

      // Update goes back to the list inside the frame: no record in front.
      load(
        'https://acme.service-now.com/incident_list.do?sysparm_query=active%3Dtrue',
        readFixtureHtml('servicenow', 'incident-list.html'),
      );
      await pause(SETTLE_MS * 2);
      expect(seen.at(-1)).toBeNull();

      // Stopped: the frame's loads are not listened to any more.
      stop?.();
      const reported = seen.length;
      load(incident(FIRST), form);
      await pause(SETTLE_MS * 2);
      expect(seen).toHaveLength(reported);
    },
  );

  it('looks once more at the incident a ServiceNow frame left by its Update, and reports it resolved', async () => {
    const SYS_ID = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
    const formUrl = `https://acme.service-now.com/incident.do?sys_id=${SYS_ID}&sysparm_view=`;
    const load = gsftMainFrame();
    const form = readFixtureHtml('servicenow', 'incident-form.html');
    load(formUrl, form);
    // Saved as Resolved on the server; the form is not shown again, the list is.
    const resolvedForm = form
      .replace(' selected="SELECTED">In Progress', '>In Progress')
      .replace('<option value="6">', '<option value="6" selected="SELECTED">');
    const fetchPage = vi.fn(async (url: string) => (url === formUrl ? resolvedForm : null));
    const { seen, departed } = start({}, servicenow, {
      watchAttributes: [],
      currentUrl: () => 'https://acme.service-now.com/nav_to.do?uri=%2Fhome.do',
      fetchPage,
    });
    await waitFor(() => seen.at(-1)?.status === 'In Progress');
    load(
      'https://acme.service-now.com/incident_list.do?sysparm_query=active%3Dtrue',
      readFixtureHtml('servicenow', 'incident-list.html'),
    );
    await waitFor(() => seen.at(-1) === null);
    expect(departed).toEqual([expect.objectContaining({ recordId: SYS_ID, status: 'Resolved' })]);
  });

  it('stays within the per-tab request budget however much the ticket changes', async () => {
    history.replaceState(null, '', 'https://acme.zendesk.com/agent/tickets/42');
    document.body.innerHTML = pane('42', 'Order arrived damaged', 'Ada Lovelace', true);
    const api: Record<string, unknown> = ticketApi('open');
    const { seen, fetchJson } = start(api, zendesk, {
      budget: createRequestBudget(4),
      timing: { minGapMs: 20 },
    });
    await waitFor(() => seen.at(-1)?.status === 'open');
    const active = document.querySelector('[data-ticket="42"]')!;
    for (let i = 0; i < 10; i++) {
      active.append(document.createElement('p'));
      await pause(60);
    }
    // Two reads of two requests each fill the minute; the next waits for the window to move on.
    expect(fetchJson).toHaveBeenCalledTimes(4);
  });
});
