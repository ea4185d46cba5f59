// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { osticket } from '../adapters/osticket';
import { readFixtureHtml } from '../../tests/adapter-fixtures';
import { lookBack, sameOriginPageFetch } from './look-back';

const TICKET = { url: 'https://help.acme.test/scp/tickets.php?id=1', key: 'osticket:ticket:1' };
/** osTicket's ticket 1 after the agent closed it: the page the queue redirect never showed. */
const closedTicket = () =>
  readFixtureHtml('osticket', 'scp-ticket-1.html').replace(
    /(title="Change Status"[\s\S]*?>)\s*Open\s*<\/a>/,
    '$1Closed</a>',
  );

describe('lookBack', () => {
  it('reads the ticket a server-rendered helpdesk left once more: closed', async () => {
    const fetchPage = vi.fn(async () => closedTicket());
    const context = await lookBack(osticket, TICKET, fetchPage, { now: 1, timeoutMs: 500 });
    expect(fetchPage).toHaveBeenCalledWith(TICKET.url);
    expect(context).toMatchObject({ app: 'osticket', recordId: '1', status: 'Closed' });
  });

  it('gives nothing for a page without the record’s status, or one that does not answer in time', async () => {
    const queue = async () => '<html><body><table class="list"></table></body></html>';
    expect(await lookBack(osticket, TICKET, queue, { now: 1, timeoutMs: 500 })).toBeNull();
    const never = () => new Promise<string>(() => undefined);
    expect(await lookBack(osticket, TICKET, never, { now: 1, timeoutMs: 50 })).toBeNull();
    const failing = async () => Promise.reject(new Error('offline'));
    expect(await lookBack(osticket, TICKET, failing, { now: 1, timeoutMs: 50 })).toBeNull();
  });

  it('fetches pages of its own origin only, with the agent’s session', async () => {
    const fetchImpl = vi.fn(async () => new Response('<html></html>'));
    const fetchPage = sameOriginPageFetch('https://help.acme.test', fetchImpl as typeof fetch);
    expect(await fetchPage('https://evil.example/scp/tickets.php?id=1')).toBeNull();
    expect(fetchImpl).not.toHaveBeenCalled();
    expect(await fetchPage(TICKET.url)).toBe('<html></html>');
    expect(fetchImpl).toHaveBeenCalledWith(TICKET.url, { credentials: 'same-origin' });
  });
});
