import { defineAdapter } from '../definition';
import { ZENDESK_FIELDS, ZENDESK_SCOPE } from './selectors';

export const zendesk = defineAdapter({
  id: 'zendesk',
  name: 'Zendesk',
  hosts: ['https://*.zendesk.com/*'],
  records: [
    // The ticket id is the number agents know ("#42").
    { type: 'ticket', url: '^https://[^/]+\\.zendesk\\.com/agent/tickets/(\\d+)', numberGroup: 1 },
    { type: 'user', url: '^https://[^/]+\\.zendesk\\.com/agent/users/(\\d+)' },
    // CRM-FACTS.md (Zendesk, added 2026-12-07 from public code's links): an organization's page
    // and its tabs (/tickets, /users); a Zendesk organization is the customer's company.
    { type: 'company', url: '^https://[^/]+\\.zendesk\\.com/agent/organizations/(\\d+)' },
  ],
  scope: ZENDESK_SCOPE,
  fields: ZENDESK_FIELDS,
  // The requester's email is not in the DOM: read it from the REST API with the agent's session.
  api: [
    {
      forTypes: ['ticket'],
      path: '/api/v2/tickets/{recordId}.json',
      fields: {
        status: 'ticket.status',
        priority: 'ticket.priority',
        csat: 'ticket.satisfaction_rating.score',
      },
      capture: { requesterId: 'ticket.requester_id' },
    },
    {
      forTypes: ['ticket'],
      path: '/api/v2/users/{requesterId}.json',
      fields: {
        customerName: 'user.name',
        customerEmail: 'user.email',
        customerPhone: 'user.phone',
        customerId: 'user.id',
      },
    },
    {
      forTypes: ['user'],
      path: '/api/v2/users/{recordId}.json',
      fields: {
        customerName: 'user.name',
        customerEmail: 'user.email',
        customerPhone: 'user.phone',
        customerId: 'user.id',
      },
    },
    // The organization's name (Organizations API, developer.zendesk.com). Adapters take four
    // steps at most: this is the fourth.
    {
      forTypes: ['company'],
      path: '/api/v2/organizations/{recordId}.json',
      fields: { organisation: 'organization.name' },
    },
  ],
  search: { email: '{origin}/agent/search/1?type=user&q={email}' },
  watchAttributes: ['data-is-active'],
  note: 'Written from CRM-FACTS.md (public extension selectors), not from a saved Zendesk page.',
});
