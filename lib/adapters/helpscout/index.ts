import { defineAdapter } from '../definition';
import { HELPSCOUT_FIELDS } from './selectors';

export const helpscout = defineAdapter({
  id: 'helpscout',
  name: 'Help Scout',
  hosts: ['https://secure.helpscout.net/*'],
  records: [
    // CRM-FACTS.md: /conversation/{conversationId}/{number}/. The record is the conversation id:
    // numbers count per account on a host every account shares, so an outsourcer's two clients'
    // #1482 were one record; the id is also the `ticketId` of Help Scout's rating webhook.
    {
      type: 'conversation',
      url: '^https://secure\\.helpscout\\.net/conversations?/(\\d+)/(\\d+)(?:[/?#]|$)',
      // CRM-FACTS.md: the URL's second number is the conversation number agents quote.
      numberGroup: 2,
    },
    // A customer's profile, /customer/{customerId}/{mailboxId or 0}/ (the links public
    // integrations build; crm-facts.md). Nothing of it is read but the id.
    { type: 'contact', url: '^https://secure\\.helpscout\\.net/customer/(\\d+)(?:[/?#]|$)' },
  ],
  fields: HELPSCOUT_FIELDS,
  note: 'Written from CRM-FACTS.md (public extension selectors), not from a saved Help Scout page. Only the subject has a known selector.',
});
