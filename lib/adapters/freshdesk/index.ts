import { defineAdapter } from '../definition';
import { FRESHDESK_FIELDS } from './selectors';

// CRM-FACTS.md: https://{sub}.freshdesk.com/a/tickets/{id}, /a/contacts/{id}, /a/companies/{id}.
// Any host: the adapter runs only on its hosts, *.freshdesk.com and a help desk domain of the
// team's own that the admin names in adapterHosts.
const record = (kind: string) => `^https://[^/]+/a/${kind}/(\\d+)(?:[/?#]|$)`;

export const freshdesk = defineAdapter({
  id: 'freshdesk',
  name: 'Freshdesk',
  hosts: ['https://*.freshdesk.com/*'],
  records: [
    // The ticket id is the number agents know ("#1001", CRM-FACTS.md: `.breadcrumb__item.active`).
    { type: 'ticket', url: record('tickets'), numberGroup: 1 },
    // The older address the ticket URL of Freshdesk's webhooks and public integrations still
    // use (/helpdesk/tickets/{id}); its views are /helpdesk/tickets/view/{id}.
    { type: 'ticket', url: '^https://[^/]+/helpdesk/tickets/(\\d+)(?:[/?#]|$)', numberGroup: 1 },
    { type: 'contact', url: record('contacts') },
    { type: 'company', url: record('companies') },
  ],
  fields: FRESHDESK_FIELDS,
  note: 'Written from CRM-FACTS.md (public extension selectors), not from a saved Freshdesk page.',
});
