import { defineAdapter } from '../definition';
import { OSTICKET_FIELDS } from './selectors';

// Self-hosted at each customer's own address, possibly under a path (https://example.test/support/
// scp/…): the patterns accept any origin and path prefix, and the admin's policy supplies hosts.
const scp = '^https?://[^/]+(?:/[^?#]*)?/scp';
const byId = (page: string) => `${scp}/${page}\\.php\\?(?:[^#]*&)?id=(\\d+)(?:[&#]|$)`;
// scp/tickets.php opens a ticket by its number as well (`?number=860237`: links in mail, plugins,
// dashboards; osTicket's own scp/tickets.php looks up `$_REQUEST['number']`). The address then
// names no id: the heading's reload link does (`tickets.php?id=1`, ticket-view.inc.php).
const byNumber = `${scp}/tickets\\.php\\?(?:[^#]*&)?number=[^&#]`;

export const osticket = defineAdapter({
  id: 'osticket',
  name: 'osTicket',
  selfHosted: true,
  hosts: [],
  records: [
    // CRM-FACTS.md: {base}/scp/tickets.php?id={id}; users {base}/scp/users.php?id={id}.
    { type: 'ticket', url: byId('tickets') },
    {
      type: 'ticket',
      url: byNumber,
      idFrom: {
        selector: '.flush-left h2 a',
        read: 'attribute',
        attribute: 'href',
        pattern: '[?&]id=(\\d+)',
      },
    },
    { type: 'user', url: byId('users') },
  ],
  fields: OSTICKET_FIELDS,
  // Server-rendered: a close (status-options.tmpl.php, data-redirect) sends the agent to the queue.
  rereadOnLeave: true,
  note: 'Real osTicket 1.18 pages (tests/fixtures/osticket/SOURCES.md); hosts come from the admin policy.',
});
