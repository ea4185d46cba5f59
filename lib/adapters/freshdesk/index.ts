import { defineAdapter } from '../definition';
import { FRESHDESK_FIELDS } from './selectors';

// CRM-FACTS.md: https://{sub}.freshdesk.com/a/tickets/{id}, /a/contacts/{id}, /a/companies/{id}.
const record = (kind: string) => `^https://[^/]+\\.freshdesk\\.com/a/${kind}/(\\d+)(?:[/?#]|$)`;

export const freshdesk = defineAdapter({
  id: 'freshdesk',
  name: 'Freshdesk',
  hosts: ['https://*.freshdesk.com/*'],
  records: [
    // The ticket id is the number agents know ("#1001", CRM-FACTS.md: `.breadcrumb__item.active`).
    { type: 'ticket', url: record('tickets'), numberGroup: 1 },
    { type: 'contact', url: record('contacts') },
    { type: 'company', url: record('companies') },
  ],
  fields: FRESHDESK_FIELDS,
  note: 'Written from CRM-FACTS.md (public extension selectors), not from a saved Freshdesk page.',
});
