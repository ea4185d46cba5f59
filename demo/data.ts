/**
 * The demo's made-up customers. Some live in both apps under the same email (the sidebar merges
 * them into one card), some in one app only. Every name, email and phone number here is fictional;
 * emails use the reserved example.* domains and phones the UK/US ranges set aside for drama.
 */

/** As helpdesks name them; "Solved" and "Closed" end an interaction (lib/tracking/config.ts). */
export const TICKET_STATUSES = ['Open', 'Pending', 'Solved', 'Closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export type Ticket = {
  id: number;
  subject: string;
  status: TicketStatus;
  requesterName: string;
  requesterEmail: string;
  createdAt: string;
  messages: { from: string; body: string }[];
};

export type Contact = {
  id: number;
  name: string;
  email: string;
  /** Only the CRM knows phone numbers: the merged card shows it next to a Desk ticket. */
  phone: string;
  organisation: string;
  notes: string;
};

/** Shown as text by both apps and by the sidebar: a value a hostile customer could type. */
export const HOSTILE_NAME = '<img src=x onerror=alert(1)>';

export const TICKETS: readonly Ticket[] = [
  {
    id: 1,
    subject: 'Invoice shows the wrong VAT number',
    status: 'Open',
    requesterName: 'Ada Lovelace',
    requesterEmail: 'ada@analytical.example.com',
    createdAt: '2025-03-03 09:12',
    messages: [
      {
        from: 'Ada Lovelace',
        body: 'Our March invoice lists an old VAT number. Could you reissue it?',
      },
    ],
  },
  {
    id: 2,
    subject: 'Cannot add a second admin',
    status: 'Pending',
    requesterName: 'Grace Hopper',
    requesterEmail: 'grace@cobol.example.org',
    createdAt: '2025-03-03 10:40',
    messages: [
      {
        from: 'Grace Hopper',
        body: 'The "Invite admin" button stays grey although we pay for five seats.',
      },
      { from: 'Support', body: 'Thanks, Grace: we are checking the seat count on your plan.' },
    ],
  },
  {
    id: 3,
    subject: 'Please update my display name',
    status: 'Open',
    requesterName: HOSTILE_NAME,
    requesterEmail: 'mallory@attacker.example.net',
    createdAt: '2025-03-04 08:05',
    messages: [
      {
        from: HOSTILE_NAME,
        body: 'My name should be shown exactly as typed. <script>alert("hi")</script>',
      },
    ],
  },
  {
    id: 4,
    subject: 'Export to CSV times out',
    status: 'Open',
    requesterName: 'Linus Quill',
    requesterEmail: 'linus@kernel.example.com',
    createdAt: '2025-03-04 14:22',
    messages: [{ from: 'Linus Quill', body: 'Exports with more than 10,000 rows never finish.' }],
  },
  {
    id: 5,
    subject: 'Request for a copy of our contract',
    status: 'Solved',
    requesterName: 'Ada Lovelace',
    requesterEmail: 'ada@analytical.example.com',
    createdAt: '2025-02-18 16:47',
    messages: [
      { from: 'Ada Lovelace', body: 'Could you send us the signed contract as a PDF?' },
      { from: 'Support', body: 'Attached. Have a good week!' },
    ],
  },
  {
    id: 6,
    subject: 'Two-factor codes arrive late',
    status: 'Open',
    requesterName: 'Grace Hopper',
    requesterEmail: 'grace@cobol.example.org',
    createdAt: '2025-03-05 11:03',
    messages: [{ from: 'Grace Hopper', body: 'SMS codes take about five minutes to arrive.' }],
  },
];

export const CONTACTS: readonly Contact[] = [
  {
    id: 1,
    name: 'Ada Lovelace',
    email: 'ada@analytical.example.com',
    phone: '+44 20 7946 0018',
    organisation: 'Analytical Engines Ltd',
    notes: 'Finance lead. Prefers email.',
  },
  {
    id: 2,
    name: 'Grace Hopper',
    email: 'grace@cobol.example.org',
    phone: '+1 202 555 0143',
    organisation: 'Compiler Works Inc.',
    notes: 'Account owner, renewal due in June.',
  },
  {
    id: 3,
    name: 'Margaret Hamilton',
    email: 'margaret@apollo.example.com',
    phone: '+1 617 555 0199',
    organisation: 'Flight Software Co.',
    notes: 'Evaluating the enterprise plan.',
  },
  {
    id: 4,
    name: HOSTILE_NAME,
    email: 'mallory@attacker.example.net',
    phone: '+44 161 496 0666',
    organisation: '"><script>alert(2)</script>',
    notes: 'Signed up through the public form; values are shown exactly as entered.',
  },
];

const sameEmail = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

export const findTicket = (id: number) => TICKETS.find((ticket) => ticket.id === id);
export const findContact = (id: number) => CONTACTS.find((contact) => contact.id === id);
export const ticketsOf = (email: string) =>
  TICKETS.filter((ticket) => sameEmail(ticket.requesterEmail, email));
export const contactsWith = (email: string) =>
  CONTACTS.filter((contact) => sameEmail(contact.email, email));

/** The ticket after `id` in the list, wrapping around: the Desk's "Next ticket" button. */
export function nextTicketId(id: number): number {
  const index = TICKETS.findIndex((ticket) => ticket.id === id);
  return TICKETS[(index + 1) % TICKETS.length]?.id ?? id;
}
