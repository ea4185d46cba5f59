// @vitest-environment happy-dom
// @vitest-environment-options {"url": "https://acme.zendesk.com/agent/tickets/42"}
import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchRecord } from './record-watcher';
import { zendesk } from '../adapters/zendesk';
import type { RecordContext } from '../context/record-context';

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

function start(api: Record<string, unknown> = {}, adapter = zendesk) {
  const seen: (RecordContext | null)[] = [];
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
    watchAttributes: zendesk.watchAttributes,
  });
  stop = watcher.stop;
  return { seen, fetchJson };
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
});
