// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { osticket } from '.';
import { combineAdapters } from '../adapter-set';
import { adapterCoversUrl, matchRecordUrl } from '../read-record';
import {
  describeAdapterFixtures,
  extractFixturePage,
  readFixtureHtml,
} from '../../../tests/adapter-fixtures';

describeAdapterFixtures(osticket);

describe('osTicket (self-hosted)', () => {
  it('keys the record by its URL id and names it by the ticket number osTicket shows', async () => {
    const result = await extractFixturePage(
      osticket,
      'https://help.acme.test/scp/tickets.php?id=1',
      readFixtureHtml('osticket', 'scp-ticket-1.html'),
      {},
    );
    if (!result.ok) throw new Error(result.reason);
    expect(result.context.recordId).toBe('1');
    expect(result.context.recordNumber).toBe('#860237');
  });

  it('keys a ticket opened by its number as the same ticket, once the page names its id', async () => {
    const url = 'https://help.acme.test/scp/tickets.php?number=860237';
    const html = readFixtureHtml('osticket', 'scp-ticket-1.html');
    const result = await extractFixturePage(osticket, url, html, {});
    if (!result.ok) throw new Error(result.reason);
    expect(result.context).toMatchObject({ recordId: '1', recordNumber: '#860237' });
    // Before the heading is there, the address alone is no record.
    expect(matchRecordUrl(osticket, url)).toBeNull();
    const blank = new DOMParser().parseFromString('<body></body>', 'text/html');
    expect(matchRecordUrl(osticket, url, blank)).toBeNull();
  });

  it('reads the number in any format an admin set, text and all', async () => {
    const html = readFixtureHtml('osticket', 'scp-ticket-1.html');
    for (const number of ['#IB427467800', '#2026-0042', '#AB 1234']) {
      const page = html.replaceAll('Ticket #860237', `Ticket ${number}`);
      const url = 'https://help.acme.test/scp/tickets.php?id=1';
      const result = await extractFixturePage(osticket, url, page, {});
      if (!result.ok) throw new Error(result.reason);
      expect(result.context.recordNumber, number).toBe(number);
    }
  });

  it('finds installs at any address, including under a path', () => {
    for (const url of [
      'https://support.example.test/helpdesk/scp/tickets.php?id=7',
      'http://10.0.0.5:8080/scp/tickets.php?id=7#reply',
      'https://help.acme.test/scp/tickets.php?a=edit&id=7',
    ]) {
      expect(matchRecordUrl(osticket, url), url).toMatchObject({ type: 'ticket', recordId: '7' });
    }
    expect(matchRecordUrl(osticket, 'https://help.acme.test/scp/tickets.php?id=7x')).toBeNull();
    // The client portal is not the staff panel.
    expect(matchRecordUrl(osticket, 'https://help.acme.test/tickets.php?id=7')).toBeNull();
  });

  it('runs only on the hosts the admin’s policy names', () => {
    const url = 'https://help.acme.test/scp/tickets.php?id=1';
    expect(adapterCoversUrl(osticket, url)).toBe(false);
    const configured = combineAdapters([], { osticket: ['https://help.acme.test/*'] }).find(
      (adapter) => adapter.id === 'osticket',
    );
    expect(configured && adapterCoversUrl(configured, url)).toBe(true);
  });
});
