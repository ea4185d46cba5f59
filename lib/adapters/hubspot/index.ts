import { defineAdapter } from '../definition';
import { HUBSPOT_FIELDS } from './selectors';

// CRM-FACTS.md: /contacts/{portalId}/record/{objectTypeId}/{id}; object type ids 0-1 contact,
// 0-2 company, 0-3 deal, 0-5 ticket (the last unverified); legacy /contacts/{portalId}/contact/{id}.
const record = (objectTypeId: string) =>
  `^https://app\\.hubspot\\.com/contacts/\\d+/record/${objectTypeId}/(\\d+)(?:[/?#]|$)`;

export const hubspot = defineAdapter({
  id: 'hubspot',
  name: 'HubSpot',
  hosts: ['https://app.hubspot.com/*'],
  records: [
    { type: 'contact', url: record('0-1') },
    { type: 'company', url: record('0-2') },
    { type: 'deal', url: record('0-3') },
    { type: 'ticket', url: record('0-5') },
    {
      type: 'contact',
      url: '^https://app\\.hubspot\\.com/contacts/\\d+/contact/(\\d+)(?:[/?#]|$)',
    },
  ],
  fields: HUBSPOT_FIELDS,
  note: 'Written from CRM-FACTS.md (public extension selectors), not from a saved HubSpot page.',
});
