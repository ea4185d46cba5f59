import { CONTACTS, contactsWith, findContact, type Contact } from './data';
import { html, page, type App } from './html';
import { htmlResponse, idFromPath, type DemoResponse } from './respond';

/**
 * "Demo CRM", a tiny contact database. The Touchpoint adapter for it (demo/policy.ts)
 * reads the contact page's `data-field` elements: customer-name, customer-email, customer-phone,
 * organisation. Only this app knows phone numbers.
 */
const CRM: App = {
  name: 'Demo CRM',
  accent: '#7c3aed',
  nav: [
    { href: '/', label: 'Contacts' },
    { href: '/search', label: 'Search' },
  ],
};

function contactTable(contacts: readonly Contact[]) {
  if (contacts.length === 0) return html`<p>No matching contact.</p>`;
  return html`<table>
    <thead>
      <tr>
        <th>Name</th>
        <th>Email</th>
        <th>Organisation</th>
      </tr>
    </thead>
    <tbody>
      ${contacts.map(
        (contact) =>
          html`<tr>
            <td><a href="/contacts/${contact.id}">${contact.name}</a></td>
            <td>${contact.email}</td>
            <td>${contact.organisation}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function homePage() {
  return page(
    CRM,
    'Contacts',
    html`<h1>Contacts</h1>
      <p class="hint">
        Open a contact: Touchpoint remembers it, so a Demo Desk ticket from the same email address
        shows this contact's phone number and organisation too.
      </p>
      ${contactTable(CONTACTS)}`,
  );
}

function contactPage(contact: Contact) {
  return page(
    CRM,
    contact.name,
    html`<p><a href="/">← All contacts</a></p>
      <article class="card" id="contact" data-contact-id="${contact.id}">
        <p class="hint">Contact #${contact.id}</p>
        <h1 data-field="customer-name">${contact.name}</h1>
        <dl>
          <dt>Email</dt>
          <dd>
            <a href="mailto:${contact.email}" data-field="customer-email">${contact.email}</a>
          </dd>
          <dt>Phone</dt>
          <dd data-field="customer-phone">${contact.phone}</dd>
          <dt>Organisation</dt>
          <dd data-field="organisation">${contact.organisation}</dd>
          <dt>Notes</dt>
          <dd>${contact.notes}</dd>
        </dl>
      </article>`,
  );
}

function searchPage(email: string) {
  const query = email.trim();
  const form = html`<form action="/search" method="get">
    <input type="email" name="email" value="${query}" placeholder="customer@example.com" required />
    <button type="submit">Find contact</button>
  </form>`;
  if (!query)
    return page(
      CRM,
      'Search',
      html`<h1>Find a contact by email</h1>
        ${form}`,
    );
  return page(
    CRM,
    `Contacts matching ${query}`,
    html`<h1>Contacts matching ${query}</h1>
      ${form} ${contactTable(contactsWith(query))}`,
  );
}

const notFound = (what: string) =>
  htmlResponse(page(CRM, 'Not found', html`<h1>${what} not found</h1>`), 404);

export function handleCrm(url: URL): DemoResponse {
  const { pathname } = url;
  if (pathname === '/') return htmlResponse(homePage());
  if (pathname === '/search') return htmlResponse(searchPage(url.searchParams.get('email') ?? ''));
  const id = idFromPath(pathname, 'contacts');
  if (id !== null) {
    const contact = findContact(id);
    return contact ? htmlResponse(contactPage(contact)) : notFound(`Contact #${id}`);
  }
  return notFound('Page');
}
