import {
  findTicket,
  nextTicketId,
  TICKET_STATUSES,
  TICKETS,
  ticketsOf,
  type Ticket,
  type TicketStatus,
} from './data';
import { html, page, type App } from './html';
import {
  htmlResponse,
  idFromPath,
  jsonResponse,
  type DemoRequest,
  type DemoResponse,
} from './respond';

/**
 * "Demo Desk", a tiny helpdesk. The Touchpoint adapter for it (demo/policy.ts) reads
 * the ticket page's `data-field` elements: subject, status, customer-name, customer-email.
 */
const DESK: App = {
  name: 'Demo Desk',
  accent: '#0f766e',
  nav: [
    { href: '/', label: 'Tickets' },
    { href: '/search', label: 'Search' },
  ],
};

const ticketLink = (ticket: Ticket) => html`<a href="/tickets/${ticket.id}">#${ticket.id}</a>`;

function ticketTable(tickets: readonly Ticket[]) {
  if (tickets.length === 0) return html`<p>No tickets.</p>`;
  return html`<table>
    <thead>
      <tr>
        <th>Ticket</th>
        <th>Subject</th>
        <th>Status</th>
        <th>Requester</th>
        <th>Opened</th>
      </tr>
    </thead>
    <tbody>
      ${tickets.map(
        (ticket) =>
          html`<tr>
            <td>${ticketLink(ticket)}</td>
            <td><a href="/tickets/${ticket.id}">${ticket.subject}</a></td>
            <td><span class="status">${ticket.status}</span></td>
            <td>${ticket.requesterName}<br /><span class="hint">${ticket.requesterEmail}</span></td>
            <td>${ticket.createdAt}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function homePage(tickets: readonly Ticket[]) {
  return page(
    DESK,
    'Tickets',
    html`<h1>All tickets</h1>
      <p class="hint">
        Open a ticket: the Touchpoint sidebar on the right shows its customer, merged with what the
        Demo CRM tab has shown about the same email address.
      </p>
      ${ticketTable(tickets)}`,
  );
}

/** The ticket itself: the part the "Next ticket" button swaps without reloading the page. */
function ticketArticle(ticket: Ticket) {
  const next = nextTicketId(ticket.id);
  return html`<article id="ticket" class="card" data-ticket-id="${ticket.id}">
    <p class="hint">Ticket #${ticket.id} · opened ${ticket.createdAt}</p>
    <h1 data-field="subject">${ticket.subject}</h1>
    <dl>
      <dt>Status</dt>
      <dd>
        <span class="status" data-field="status">${ticket.status}</span>
        ${statusForm(ticket)}
      </dd>
      <dt>Requester</dt>
      <dd data-field="customer-name">${ticket.requesterName}</dd>
      <dt>Email</dt>
      <dd>
        <a href="mailto:${ticket.requesterEmail}" data-field="customer-email"
          >${ticket.requesterEmail}</a
        >
        · <a href="/search?email=${encodeURIComponent(ticket.requesterEmail)}">all their tickets</a>
      </dd>
    </dl>
    <h2>Conversation</h2>
    ${ticket.messages.map(
      (message) =>
        html`<div class="message">
          <div class="from">${message.from}</div>
          <div>${message.body}</div>
        </div>`,
    )}
    <p>
      <button type="button" data-next-ticket="${next}">Next ticket (#${next}) →</button>
      <span class="hint"
        >switches without a reload (history.pushState), like a single-page app</span
      >
    </p>
  </article>`;
}

/** What an agent can do next from each status, as helpdesks offer it. */
const NEXT_STATUSES: Record<TicketStatus, { status: TicketStatus; label: string }[]> = {
  Open: [
    { status: 'Pending', label: 'Set pending' },
    { status: 'Solved', label: 'Solve' },
    { status: 'Closed', label: 'Close' },
  ],
  Pending: [
    { status: 'Solved', label: 'Solve' },
    { status: 'Closed', label: 'Close' },
  ],
  Solved: [
    { status: 'Closed', label: 'Close' },
    { status: 'Open', label: 'Reopen' },
  ],
  Closed: [{ status: 'Open', label: 'Reopen' }],
};

/** Plain form posts (work without script); the page script sends them in place instead. */
function statusForm(ticket: Ticket) {
  return html`<form
    class="status-actions"
    method="post"
    action="/tickets/${ticket.id}/status"
    data-status-form
  >
    ${NEXT_STATUSES[ticket.status].map(
      ({ status, label }) =>
        html`<button type="submit" name="status" value="${status}">${label}</button>`,
    )}
  </form>`;
}

const ticketTitle = (ticket: Ticket) => `#${ticket.id} ${ticket.subject}`;

/**
 * Runs in the page: "Next ticket" fetches the next ticket's server-rendered (escaped) HTML, pushes
 * its URL and swaps the article in place, as single-page helpdesks do. Back/forward do the same.
 */
const SPA_SCRIPT = `
async function showTicket(path, push) {
  const response = await fetch(path + '/fragment');
  if (!response.ok) return location.assign(path);
  const ticket = await response.json();
  if (push) history.pushState(null, '', path);
  document.getElementById('ticket').outerHTML = ticket.html;
  document.title = ticket.title + ' · Demo Desk';
}
document.addEventListener('click', (event) => {
  const button = event.target.closest('[data-next-ticket]');
  if (!button) return;
  showTicket('/tickets/' + button.dataset.nextTicket, true);
});
// Solve, close, reopen: the status changes in place, without a reload, as helpdesks do.
document.addEventListener('submit', async (event) => {
  const form = event.target.closest('[data-status-form]');
  if (!form) return;
  event.preventDefault();
  const body = new URLSearchParams({ status: event.submitter.value });
  const response = await fetch(form.action, {
    method: 'POST',
    headers: { Accept: 'application/json' },
    body,
  });
  if (!response.ok) return form.submit();
  const ticket = await response.json();
  document.getElementById('ticket').outerHTML = ticket.html;
  document.title = ticket.title + ' · Demo Desk';
});
window.addEventListener('popstate', () => {
  if (/^\\/tickets\\/\\d+$/.test(location.pathname)) showTicket(location.pathname, false);
  else location.reload();
});
`;

function ticketPage(ticket: Ticket) {
  return page(
    DESK,
    ticketTitle(ticket),
    html`<p><a href="/">← All tickets</a></p>
      ${ticketArticle(ticket)}`,
    { script: SPA_SCRIPT },
  );
}

function searchPage(email: string, withStatuses: (tickets: readonly Ticket[]) => Ticket[]) {
  const query = email.trim();
  const form = html`<form action="/search" method="get">
    <input type="email" name="email" value="${query}" placeholder="customer@example.com" required />
    <button type="submit">Find tickets</button>
  </form>`;
  if (!query)
    return page(
      DESK,
      'Search',
      html`<h1>Find a requester's tickets</h1>
        ${form}`,
    );
  return page(
    DESK,
    `Tickets of ${query}`,
    html`<h1>Tickets of ${query}</h1>
      ${form} ${ticketTable(withStatuses(ticketsOf(query)))}`,
  );
}

const notFound = (what: string) =>
  htmlResponse(page(DESK, 'Not found', html`<h1>${what} not found</h1>`), 404);

/**
 * The Desk with its own ticket statuses (each `npm start` begins with the listed ones): GET pages,
 * and POST `/tickets/<id>/status` to solve, close or reopen.
 */
export function createDesk() {
  const statuses = new Map<number, TicketStatus>();
  const ticketWithStatus = (id: number): Ticket | undefined => {
    const ticket = findTicket(id);
    return ticket && { ...ticket, status: statuses.get(id) ?? ticket.status };
  };
  const withStatuses = (tickets: readonly Ticket[]) =>
    tickets.map((ticket) => ({ ...ticket, status: statuses.get(ticket.id) ?? ticket.status }));
  const fragment = (ticket: Ticket) =>
    jsonResponse({ title: ticketTitle(ticket), html: ticketArticle(ticket).value });

  function setStatus(request: DemoRequest, id: number): DemoResponse {
    const ticket = ticketWithStatus(id);
    if (!ticket) return notFound(`Ticket #${id}`);
    const status = request.form?.get('status');
    if (!TICKET_STATUSES.includes(status as TicketStatus)) {
      const message = `status must be one of ${TICKET_STATUSES.join(', ')}; got ${JSON.stringify(status ?? null)}`;
      return { status: 400, contentType: 'text/plain; charset=utf-8', body: `${message}\n` };
    }
    statuses.set(id, status as TicketStatus);
    const changed = ticketWithStatus(id)!;
    if (request.accept?.includes('application/json')) return fragment(changed);
    return {
      status: 303,
      contentType: 'text/plain; charset=utf-8',
      body: '',
      headers: { Location: `/tickets/${id}` },
    };
  }

  return function handleDesk(request: DemoRequest): DemoResponse {
    const { url, method } = request;
    const { pathname } = url;
    const statusId = idFromPath(pathname, 'tickets', '/status');
    if (statusId !== null) {
      if (method !== 'POST') return methodNotAllowed('POST');
      return setStatus(request, statusId);
    }
    if (method !== 'GET' && method !== 'HEAD') return methodNotAllowed('GET, HEAD');
    if (pathname === '/') return htmlResponse(homePage(withStatuses(TICKETS)));
    if (pathname === '/search')
      return htmlResponse(searchPage(url.searchParams.get('email') ?? '', withStatuses));
    const pageId = idFromPath(pathname, 'tickets');
    if (pageId !== null) {
      const ticket = ticketWithStatus(pageId);
      return ticket ? htmlResponse(ticketPage(ticket)) : notFound(`Ticket #${pageId}`);
    }
    const fragmentId = idFromPath(pathname, 'tickets', '/fragment');
    if (fragmentId !== null) {
      const ticket = ticketWithStatus(fragmentId);
      return ticket ? fragment(ticket) : jsonResponse({ error: 'not found' }, 404);
    }
    return notFound('Page');
  };
}

const methodNotAllowed = (allow: string): DemoResponse => ({
  status: 405,
  contentType: 'text/plain; charset=utf-8',
  body: `${allow} only\n`,
  headers: { Allow: allow },
});
