import { defineAdapter } from '../definition';
import { HUBSPOT_FIELDS } from './selectors';

// HubSpot serves its app from one host per data centre: app.hubspot.com (na1) and
// app-{eu1,na2,na3,ap1}.hubspot.com, the `uiDomain` of its account-info API
// (developers.hubspot.com, "Retrieve account details"); public integrations build record URLs on
// each. Not *.hubspot.com, which also covers HubSpot's own sites.
const DATA_CENTRES = ['app', 'app-eu1', 'app-na2', 'app-na3', 'app-ap1'] as const;
const app = '^https://app(?:-[a-z]{2}\\d)?\\.hubspot\\.com';

// CRM-FACTS.md: /contacts/{portalId}/record/{objectTypeId}/{id}; object type ids 0-1 contact,
// 0-2 company, 0-3 deal, 0-5 ticket (the last unverified); legacy /contacts/{portalId}/contact/{id}.
const record = (objectTypeId: string) =>
  `${app}/contacts/\\d+/record/${objectTypeId}/(\\d+)(?:[/?#]|$)`;
// The legacy form for the other objects too (/company/, /deal/, /ticket/): public integrations
// still build these links.
const legacy = (object: string) => `${app}/contacts/\\d+/${object}/(\\d+)(?:[/?#]|$)`;

export const hubspot = defineAdapter({
  id: 'hubspot',
  name: 'HubSpot',
  hosts: DATA_CENTRES.map((host) => `https://${host}.hubspot.com/*`),
  records: [
    { type: 'contact', url: record('0-1') },
    { type: 'company', url: record('0-2') },
    { type: 'deal', url: record('0-3') },
    { type: 'ticket', url: record('0-5') },
    { type: 'contact', url: legacy('contact') },
    { type: 'company', url: legacy('company') },
    { type: 'deal', url: legacy('deal') },
    { type: 'ticket', url: legacy('ticket') },
    // The help desk workspace: /help-desk/{portalId}/view/{viewId or "search"}/ticket/{ticketId}
    // (public integration code); the ticket header there is CRM-FACTS.md's help desk selector.
    { type: 'ticket', url: `${app}/help-desk/\\d+/view/[^/?#]+/ticket/(\\d+)(?:[/?#]|$)` },
  ],
  fields: HUBSPOT_FIELDS,
  note: 'Written from CRM-FACTS.md (public extension selectors), not from a saved HubSpot page.',
});
