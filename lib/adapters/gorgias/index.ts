import { defineAdapter } from '../definition';
import { GORGIAS_FIELDS } from './selectors';

export const gorgias = defineAdapter({
  id: 'gorgias',
  name: 'Gorgias',
  hosts: ['https://*.gorgias.com/*'],
  records: [
    // CRM-FACTS.md: /app/ticket/{id}; /app/customer/{id} (unverified). A Gorgias customer is
    // the shopper: a contact.
    { type: 'ticket', url: '^https://[^/]+\\.gorgias\\.com/app/ticket/(\\d+)(?:[/?#]|$)' },
    // A ticket opened from a view: /app/views/{viewId}/{ticketId} (public code's ticket links;
    // crm-facts.md). The view alone, /app/views/{viewId}, is a list.
    {
      type: 'ticket',
      url: '^https://[^/]+\\.gorgias\\.com/app/views/\\d+/(\\d+)(?:[/?#]|$)',
    },
    { type: 'contact', url: '^https://[^/]+\\.gorgias\\.com/app/customer/(\\d+)(?:[/?#]|$)' },
  ],
  fields: GORGIAS_FIELDS,
  note: 'Written from CRM-FACTS.md, not from a saved Gorgias page. URL only: Gorgias has no known public selectors.',
});
