import { defineAdapter } from '../definition';
import { INTERCOM_FIELDS } from './selectors';

// Intercom's regions each serve the app from a host of their own: app.intercom.com (US),
// app.eu.intercom.com and app.au.intercom.com (public integration code builds conversation URLs
// on each, with the same paths).
const app = '^https://app(?:\\.eu|\\.au)?\\.intercom\\.com';

export const intercom = defineAdapter({
  id: 'intercom',
  name: 'Intercom',
  hosts: [
    'https://app.intercom.com/*',
    'https://app.eu.intercom.com/*',
    'https://app.au.intercom.com/*',
  ],
  records: [
    // CRM-FACTS.md: /a/inbox/{workspaceId}/inbox/…/conversation/{conversationId}, whichever inbox
    // view (shared, a teammate's, search) the conversation is opened from.
    {
      type: 'conversation',
      url: `${app}/a/inbox/[^/?#]+/inbox/(?:[^?#]*/)?conversation/([0-9A-Za-z]+)(?:[/?#]|$)`,
    },
    // CRM-FACTS.md (added from public code): the /a/apps/{workspaceId}/… links integrations build
    // (…/conversations/{id}, …/inbox/conversation/{id}, …/inbox/inbox/all/conversations/{id}).
    {
      type: 'conversation',
      url: `${app}/a/apps/[^/?#]+/(?:inbox/(?:[^?#]*/)?)?conversations?/([0-9A-Za-z]+)(?:[/?#]|$)`,
    },
  ],
  fields: INTERCOM_FIELDS,
  note: 'Written from CRM-FACTS.md (public extension selectors), not from a saved Intercom page. The customer email has no known selector.',
});
