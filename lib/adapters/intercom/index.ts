import { defineAdapter } from '../definition';
import { INTERCOM_FIELDS } from './selectors';

export const intercom = defineAdapter({
  id: 'intercom',
  name: 'Intercom',
  hosts: ['https://app.intercom.com/*'],
  records: [
    // CRM-FACTS.md: /a/inbox/{workspaceId}/inbox/…/conversation/{conversationId}, whichever inbox
    // view (shared, a teammate's, search) the conversation is opened from.
    {
      type: 'conversation',
      url: '^https://app\\.intercom\\.com/a/inbox/[^/?#]+/inbox/(?:[^?#]*/)?conversation/([0-9A-Za-z]+)(?:[/?#]|$)',
    },
  ],
  fields: INTERCOM_FIELDS,
  note: 'Written from CRM-FACTS.md (public extension selectors), not from a saved Intercom page. The customer email has no known selector.',
});
