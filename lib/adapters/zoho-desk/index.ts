import { defineAdapter } from '../definition';
import { ZOHO_DESK_FIELDS } from './selectors';

export const zohoDesk = defineAdapter({
  id: 'zoho-desk',
  name: 'Zoho Desk',
  // US and EU data centres; India and Australia (desk.zoho.in, desk.zoho.com.au: public
  // userscripts' @match, and the ticket webUrl Zoho Desk's API gives there).
  hosts: [
    'https://desk.zoho.com/*',
    'https://desk.zoho.eu/*',
    'https://desk.zoho.in/*',
    'https://desk.zoho.com.au/*',
  ],
  records: [
    // CRM-FACTS.md: /agent/{portal}/{department}/tickets/details/{ticketId}.
    {
      type: 'ticket',
      url: '^https://desk\\.zoho\\.(?:com|eu|in|com\\.au)/agent/[^/?#]+/[^/?#]+/tickets/details/(\\d+)(?:[/?#]|$)',
    },
  ],
  fields: ZOHO_DESK_FIELDS,
  note: 'Written from CRM-FACTS.md (public extension selectors), not from a saved Zoho Desk page. Only the subject has a known selector.',
});
