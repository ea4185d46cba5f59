import { defineAdapter } from '../definition';
import { OSTICKET_FIELDS } from './selectors';

// Self-hosted at each customer's own address, possibly under a path (https://example.test/support/
// scp/…): the patterns accept any origin and path prefix, and the admin's policy supplies hosts.
const scp = '^https?://[^/]+(?:/[^?#]*)?/scp';
const byId = (page: string) => `${scp}/${page}\\.php\\?(?:[^#]*&)?id=(\\d+)(?:[&#]|$)`;

export const osticket = defineAdapter({
  id: 'osticket',
  name: 'osTicket',
  selfHosted: true,
  hosts: [],
  records: [
    // CRM-FACTS.md: {base}/scp/tickets.php?id={id}; users {base}/scp/users.php?id={id}.
    { type: 'ticket', url: byId('tickets') },
    { type: 'user', url: byId('users') },
  ],
  fields: OSTICKET_FIELDS,
  // Server-rendered: a close (status-options.tmpl.php, data-redirect) sends the agent to the queue.
  rereadOnLeave: true,
  note: 'Real osTicket 1.18 pages (tests/fixtures/osticket/SOURCES.md); hosts come from the admin policy.',
});
