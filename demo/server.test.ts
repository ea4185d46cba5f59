import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTACTS, HOSTILE_NAME, TICKETS } from './data';
import { startDemoApps, type DemoApps } from './server';
import { DEMO_ORIGINS } from './policy';

let apps: DemoApps;
beforeAll(async () => {
  apps = await startDemoApps();
});
afterAll(async () => {
  await apps?.close();
});

async function get(url: string) {
  const response = await fetch(url);
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    body: await response.text(),
  };
}

/** Text of the first element carrying `data-field="name"` (no nested elements in these pages). */
function field(body: string, name: string): string | undefined {
  const match = new RegExp(`<[a-z0-9]+[^>]*\\sdata-field="${name}"[^>]*>([^<]*)<`).exec(body);
  return match?.[1]?.replace(/\s+/g, ' ').trim();
}

const shared = CONTACTS.filter((contact) =>
  TICKETS.some((ticket) => ticket.requesterEmail === contact.email),
);

describe('demo apps', () => {
  it('listen on the origins the demo build knows', () => {
    expect(apps.desk).toBe(DEMO_ORIGINS.desk);
    expect(apps.crm).toBe(DEMO_ORIGINS.crm);
  });

  it('Desk ticket page carries every field the adapter reads', async () => {
    const ticket = TICKETS[0]!;
    const page = await get(`${DEMO_ORIGINS.desk}/tickets/${ticket.id}`);
    expect(page.status).toBe(200);
    expect(page.type).toContain('text/html');
    expect(field(page.body, 'subject')).toBe(ticket.subject);
    expect(field(page.body, 'status')).toBe(ticket.status);
    expect(field(page.body, 'customer-name')).toBe(ticket.requesterName);
    expect(field(page.body, 'customer-email')).toBe(ticket.requesterEmail);
    expect(page.body).toContain('data-next-ticket=');
  });

  it('CRM contact page carries every field the adapter reads', async () => {
    const contact = CONTACTS[0]!;
    const page = await get(`${DEMO_ORIGINS.crm}/contacts/${contact.id}`);
    expect(page.status).toBe(200);
    expect(field(page.body, 'customer-name')).toBe(contact.name);
    expect(field(page.body, 'customer-email')).toBe(contact.email);
    expect(field(page.body, 'customer-phone')).toBe(contact.phone);
    expect(field(page.body, 'organisation')).toBe(contact.organisation);
  });

  it('escapes a hostile name in both apps', async () => {
    const ticket = TICKETS.find((t) => t.requesterName === HOSTILE_NAME)!;
    const contact = CONTACTS.find((c) => c.name === HOSTILE_NAME)!;
    const pages = await Promise.all([
      get(`${DEMO_ORIGINS.desk}/tickets/${ticket.id}`),
      get(`${DEMO_ORIGINS.desk}/`),
      get(`${DEMO_ORIGINS.crm}/contacts/${contact.id}`),
      get(`${DEMO_ORIGINS.crm}/`),
    ]);
    for (const page of pages) {
      expect(page.body).not.toMatch(/<img/i);
      expect(page.body).not.toContain('<script>alert');
      expect(page.body).toContain('&lt;img src=x onerror=alert(1)&gt;');
    }
    expect(field(pages[0]!.body, 'customer-name')).toBe('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('has customers in both apps under the same email', async () => {
    expect(shared.length).toBeGreaterThanOrEqual(2);
    for (const contact of shared) {
      const desk = await get(
        `${DEMO_ORIGINS.desk}/search?email=${encodeURIComponent(contact.email)}`,
      );
      const crm = await get(
        `${DEMO_ORIGINS.crm}/search?email=${encodeURIComponent(contact.email)}`,
      );
      expect(desk.body).toContain(contact.email);
      expect(desk.body).toMatch(/href="\/tickets\/\d+"/);
      expect(crm.body).toContain(contact.email);
      expect(crm.body).toContain(`href="/contacts/${contact.id}"`);
    }
  });

  it('serves the next ticket as a fragment for the in-page switch', async () => {
    const response = await fetch(`${DEMO_ORIGINS.desk}/tickets/2/fragment`);
    const fragment = (await response.json()) as { title: string; html: string };
    expect(fragment.title).toContain(TICKETS[1]!.subject);
    expect(field(fragment.html, 'customer-email')).toBe(TICKETS[1]!.requesterEmail);
  });

  it('answers unknown records with 404', async () => {
    expect((await get(`${DEMO_ORIGINS.desk}/tickets/999`)).status).toBe(404);
    expect((await get(`${DEMO_ORIGINS.crm}/contacts/999`)).status).toBe(404);
    expect((await get(`${DEMO_ORIGINS.crm}/nope`)).status).toBe(404);
  });

  it('solves and closes a ticket in place: the status field changes, the page follows (issue #17)', async () => {
    const ticket = TICKETS.find((t) => t.status === 'Open')!;
    const setStatus = (status: string, accept = 'application/json') =>
      fetch(`${DEMO_ORIGINS.desk}/tickets/${ticket.id}/status`, {
        method: 'POST',
        headers: { Accept: accept },
        body: new URLSearchParams({ status }),
        redirect: 'manual',
      });
    const page = await get(`${DEMO_ORIGINS.desk}/tickets/${ticket.id}`);
    expect(page.body).toContain('>Solve</button>');

    const solved = await setStatus('Solved');
    expect(solved.status).toBe(200);
    const fragment = (await solved.json()) as { html: string };
    expect(field(fragment.html, 'status')).toBe('Solved');
    expect(fragment.html).toContain('>Reopen</button>');
    expect(field((await get(`${DEMO_ORIGINS.desk}/tickets/${ticket.id}`)).body, 'status')).toBe(
      'Solved',
    );

    // Without script, a plain form post redirects back to the ticket.
    const closed = await setStatus('Closed', 'text/html');
    expect(closed.status).toBe(303);
    expect(closed.headers.get('location')).toBe(`/tickets/${ticket.id}`);
    expect(field((await get(`${DEMO_ORIGINS.desk}/tickets/${ticket.id}`)).body, 'status')).toBe(
      'Closed',
    );
    expect((await get(`${DEMO_ORIGINS.desk}/`)).body).toContain(
      '<span class="status">Closed</span>',
    );

    const refused = await setStatus('Deleted');
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('status must be one of Open, Pending, Solved, Closed');
    await setStatus('Open');
  });

  it('takes posts only where a status changes', async () => {
    const post = (url: string) => fetch(url, { method: 'POST', body: 'status=Solved' });
    expect((await post(`${DEMO_ORIGINS.desk}/tickets/1`)).status).toBe(405);
    expect((await post(`${DEMO_ORIGINS.crm}/contacts/1`)).status).toBe(405);
    expect((await get(`${DEMO_ORIGINS.desk}/tickets/1/status`)).status).toBe(405);
  });
});
