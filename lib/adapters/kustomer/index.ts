import { defineAdapter } from '../definition';
import { KUSTOMER_FIELDS } from './selectors';

const customer = '^https://[^/]+\\.kustomerapp\\.com/app/customers/([0-9A-Za-z]+)';

export const kustomer = defineAdapter({
  id: 'kustomer',
  name: 'Kustomer',
  hosts: ['https://*.kustomerapp.com/*'],
  records: [
    // CRM-FACTS.md: /app/customers/{customerId}/event/{conversationId}: the conversation (group 2).
    {
      type: 'conversation',
      url: `${customer}/event/([0-9A-Za-z]+)(?:[/?#]|$)`,
      idGroup: 2,
    },
    // The customer timeline without a conversation open (our assumption, same URL shape).
    { type: 'contact', url: `${customer}(?:[?#]|/?$)` },
  ],
  fields: KUSTOMER_FIELDS,
  note: 'Written from CRM-FACTS.md, not from a saved Kustomer page. URL only: Kustomer has no known public selectors.',
});
