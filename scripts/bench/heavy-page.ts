/**
 * A heavy, always-changing Zendesk-like agent page: a long ticket list, an open ticket with a long
 * conversation, and a timer that mutates the DOM every 50 ms like a live CRM. Deterministic, so
 * every run and both modes (with and without the extension) get exactly the same page.
 */

export const ORIGIN = 'https://acme.zendesk.com';

export type Ticket = {
  id: number;
  subject: string;
  requester: { id: number; name: string; email: string };
  comments: number;
};

export const FIRST_TICKET: Ticket = {
  id: 42,
  subject: 'Order arrived damaged',
  requester: { id: 1, name: 'Ada Lovelace', email: 'ada@example.com' },
  comments: 150,
};

export const NEXT_TICKET: Ticket = {
  id: 43,
  subject: 'Wrong size delivered',
  requester: { id: 2, name: 'Grace Hopper', email: 'grace@example.com' },
  comments: 120,
};

const LIST_ROWS = 400;
const MUTATION_INTERVAL_MS = 50;

const AGENTS = ['Sam Rivera', 'Noor Haddad', 'Lena Vogel', 'Tomás Ortega', 'Mei Chen'];
const STATUSES = ['open', 'pending', 'new', 'solved', 'on-hold'];

export function ticketPath(ticket: Ticket) {
  return `/agent/tickets/${ticket.id}`;
}

/** The JSON answers the Zendesk adapter asks for (ticket, then its requester). */
export function zendeskApi(tickets: readonly Ticket[]) {
  const api: Record<string, unknown> = {};
  for (const ticket of tickets) {
    api[`/api/v2/tickets/${ticket.id}.json`] = {
      ticket: { id: ticket.id, status: 'open', requester_id: ticket.requester.id },
    };
    api[`/api/v2/users/${ticket.requester.id}.json`] = { user: ticket.requester };
  }
  return api;
}

function listRow(index: number) {
  const id = 1000 + index;
  const status = STATUSES[index % STATUSES.length]!;
  const agent = AGENTS[index % AGENTS.length]!;
  return `<li class="row status-${status}" data-ticket="${id}">
  <input type="checkbox" aria-label="Select ticket ${id}">
  <span class="id">#${id}</span>
  <a href="/agent/tickets/${id}" class="subject">Customer question number ${id}</a>
  <span class="badge">${status}</span>
  <div class="meta"><span class="agent">${agent}</span><span class="group">Tier ${(index % 3) + 1}</span>
  <time class="updated">${(index % 59) + 1} min ago</time></div></li>`;
}

function comment(ticket: Ticket, index: number) {
  const fromCustomer = index % 2 === 0;
  const author = fromCustomer ? ticket.requester.name : AGENTS[index % AGENTS.length]!;
  return `<article class="comment${fromCustomer ? ' public' : ' internal'}" data-comment="${index}">
  <header><span class="avatar">${author.slice(0, 2)}</span><strong class="author">${author}</strong>
  <time class="ago">${index + 1} h ago</time></header>
  <div class="body"><p>Message ${index} about <em>${ticket.subject}</em>, see
  <a href="https://example.com/orders/${index}">order ${index}</a> and <code>REF-${index}</code>.</p>
  <ul><li>Item <b>${index}-a</b></li><li>Item <b>${index}-b</b></li></ul>
  <blockquote><p>Quoted reply <span class="mention">@${author}</span></p></blockquote></div>
  <footer><button type="button">Reply</button><button type="button">Forward</button></footer>
</article>`;
}

/** The active pane, with the selectors the Zendesk adapter reads. */
export function ticketPane(ticket: Ticket) {
  const comments = Array.from({ length: ticket.comments }, (_, index) => comment(ticket, index));
  return `<div class="ticket-panes-grid-layout" data-is-active="true" data-ticket="${ticket.id}">
  <input data-test-id="omni-header-subject" value="${ticket.subject}">
  <div data-test-id="ticket-system-field-requester-select">
    <div data-garden-id="typography.ellipsis">${ticket.requester.name}</div></div>
  <div class="presence"><span id="viewers">1 agent viewing</span></div>
  <section class="conversation">${comments.join('\n')}</section>
  <div class="comment-editor" contenteditable="true"></div>
</div>`;
}

const STYLE = `body { margin: 0; font: 14px sans-serif; display: grid; grid-template-columns: 320px 1fr; }
#ticket-list { height: 100vh; overflow: auto; margin: 0; padding: 0; list-style: none; }
.row { display: grid; grid-template-columns: 20px 60px 1fr; padding: 4px; border-bottom: 1px solid #ddd; }
.row.highlight { background: #fffbe6; }
#panes { height: 100vh; overflow: auto; padding: 8px; }
.comment { border-bottom: 1px solid #eee; padding: 8px 0; }
.comment.internal { background: #fff8e1; }`;

// Runs in the page. Long tasks are observed from the start (buffered) so both modes count alike.
const HEAD_SCRIPT = `window.longTasks = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.longTasks.push({ start: entry.startTime, duration: entry.duration });
}).observe({ type: 'longtask', buffered: true });`;

function bodyScript(next: Ticket) {
  return `window.recordReadyAt = performance.timeOrigin + performance.now();
(() => {
  const list = document.getElementById('ticket-list');
  let tick = 0;
  setInterval(() => {
    tick += 1;
    const rows = list.children;
    for (let i = 0; i < 3; i += 1) {
      const time = rows[(tick * 7 + i * 131) % rows.length].querySelector('.updated');
      time.textContent = (tick % 59) + 1 + ' min ago';
    }
    rows[tick % rows.length].classList.toggle('highlight');
    const viewers = document.getElementById('viewers');
    if (viewers) viewers.textContent = (tick % 3) + 1 + ' agents viewing';
    const fresh = rows[0].cloneNode(true);
    fresh.dataset.ticket = String(5000 + tick);
    list.append(fresh);
    rows[0].remove();
  }, ${MUTATION_INTERVAL_MS});
  const nextPane = ${JSON.stringify(ticketPane(next))};
  window.nextTicket = () => {
    history.pushState(null, '', ${JSON.stringify(ticketPath(next))});
    window.spaChangedAt = performance.timeOrigin + performance.now();
    document.getElementById('panes').innerHTML = nextPane;
  };
})();`;
}

export function heavyPageHtml(first: Ticket = FIRST_TICKET, next: Ticket = NEXT_TICKET) {
  const rows = Array.from({ length: LIST_ROWS }, (_, index) => listRow(index));
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>${first.subject} – Acme Support – Zendesk</title>
<style>${STYLE}</style><script>${HEAD_SCRIPT}</script></head><body>
<ul id="ticket-list">${rows.join('\n')}</ul>
<main id="panes">${ticketPane(first)}</main>
<script>${bodyScript(next)}</script>
</body></html>`;
}

// Issue #15 item 7: a page that keeps changing a lot, as a live queue does: 4,000 rows, and 1,000
// of them replaced over the 2 s after load (10 every 20 ms).
export const BUSY_ROWS = 4000;
export const BUSY_REPLACEMENTS = 1000;
export const BUSY_REPLACE_MS = 2000;
const BUSY_BATCH = 10;
export const BUSY_PATH = '/agent/tickets/44';
export const BUSY_TICKET: Ticket = {
  id: 44,
  subject: 'Parcel lost in transit',
  requester: { id: 3, name: 'Katherine Johnson', email: 'katherine@example.com' },
  comments: 40,
};

/** The busy page's timer callback that replaces its rows. */
export const BUSY_CHANGE_FUNCTION = 'replaceRows';

function busyScript() {
  const ticks = BUSY_REPLACEMENTS / BUSY_BATCH;
  const every = BUSY_REPLACE_MS / ticks;
  return `window.recordReadyAt = performance.timeOrigin + performance.now();
addEventListener('load', () => {
  const list = document.getElementById('ticket-list');
  let tick = 0;
  // Named: bench:page finds the page's changes in a CPU profile by this function.
  const timer = setInterval(function ${BUSY_CHANGE_FUNCTION}() {
    // The moment bench:page puts its CPU profile's clock on the page's by.
    if (tick === 0) window.busyFirstChangeAt = performance.now();
    tick += 1;
    for (let i = 0; i < ${BUSY_BATCH}; i += 1) {
      const index = (tick * ${BUSY_BATCH} + i) * 3 % list.children.length;
      const old = list.children[index];
      const fresh = old.cloneNode(true);
      fresh.dataset.ticket = String(9000 + tick * ${BUSY_BATCH} + i);
      fresh.dataset.replaced = '';
      fresh.querySelector('.updated').textContent = 'just now';
      old.replaceWith(fresh);
    }
    if (tick >= ${ticks}) { clearInterval(timer); window.busyDoneAt = performance.timeOrigin + performance.now(); }
  }, ${every});
});`;
}

/** The busy page: the heavy page's layout with 4,000 rows that are replaced after load. */
export function busyPageHtml(ticket: Ticket = BUSY_TICKET) {
  const rows = Array.from({ length: BUSY_ROWS }, (_, index) => listRow(index));
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>${ticket.subject} – Acme Support – Zendesk</title>
<style>${STYLE}</style><script>${HEAD_SCRIPT}</script></head><body>
<ul id="ticket-list">${rows.join('\n')}</ul>
<main id="panes">${ticketPane(ticket)}</main>
<script>${busyScript()}</script>
</body></html>`;
}

// A quiet page: the busy page's ticket pane alone, nothing else on the page and nothing changing.
// Its own main-thread time is small and steady, so the extension's cost per page load resolves
// to a few milliseconds here, where the busy page's own time varies by seconds per load.
export const QUIET_PATH = '/agent/tickets/45';
export const QUIET_TICKET: Ticket = { ...BUSY_TICKET, id: 45 };

export function quietPageHtml(ticket: Ticket = QUIET_TICKET) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>${ticket.subject} – Acme Support – Zendesk</title>
<style>${STYLE}</style></head><body>
<main id="panes">${ticketPane(ticket)}</main>
</body></html>`;
}
