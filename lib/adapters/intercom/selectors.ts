import type { AdapterInput } from '../definition';

// Intercom Inbox. CRM-FACTS.md: Intercom row (selectors from the Clockify integration).
export const INTERCOM_FIELDS: AdapterInput['fields'] = {
  customerName: [
    // CRM-FACTS.md: the open conversation's header title. It shows the customer's name unless a
    // teammate gave the conversation a title (another public extension reads it as the name too).
    { selector: '[data-inbox-conversation-header-title] span' },
  ],
};
