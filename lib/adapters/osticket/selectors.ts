import type { AdapterInput } from '../definition';

// osTicket staff control panel (/scp/), server-rendered. CRM-FACTS.md: osTicket row; each
// selector checked against the real osTicket 1.18 pages in tests/fixtures/osticket/ (markup from
// include/staff/ticket-view.inc.php and user-view.inc.php).
export const OSTICKET_FIELDS: AdapterInput['fields'] = {
  recordNumber: [
    // CRM-FACTS.md: `.flush-left h2 a`, "Ticket #860237": random per install and not the URL id,
    // but the number agents and customers quote. An admin sets its format (hash signs for digits,
    // any other text kept: "IB-####", "2026-####"), so the number is all of it after the sign.
    { selector: '.flush-left h2 a', pattern: '#\\S.*' },
  ],
  subject: [
    // CRM-FACTS.md: the ticket's subject heading.
    { selector: '.tixTitle h3' },
  ],
  status: [
    // CRM-FACTS.md: the first status link in the ticket header table (the toolbar's icon-only
    // status button of the same class sits outside that table). Agents without the close
    // permission see plain text there instead, and get no status.
    { selector: 'table.ticket_info a.tickets-action' },
  ],
  customerName: [
    // CRM-FACTS.md: the ticket's user, `span#user-{uid}-name`.
    { selector: 'span[id^="user-"][id$="-name"]' },
    // User page: the heading's reload link, "users.php?id={uid}" (user-view.inc.php).
    { selector: 'h2 > a[href^="users.php?id="]' },
  ],
  customerEmail: [
    // CRM-FACTS.md: `span#user-{uid}-email`, on ticket and user pages alike.
    { selector: 'span[id^="user-"][id$="-email"]' },
  ],
  // Not read: priority (its span id is the install's form field id, e.g. field_22) and the user's
  // organisation (the user page shows a localised "Add Organization" link in the same place).
};
