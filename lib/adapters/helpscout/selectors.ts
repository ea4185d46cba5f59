import type { AdapterInput } from '../definition';

// Help Scout conversations. CRM-FACTS.md: Help Scout row (selectors from public time-tracking
// extensions). Only the subject is known; there is no known selector for the customer panel.
export const HELPSCOUT_FIELDS: AdapterInput['fields'] = {
  subject: [
    // CRM-FACTS.md: `[aria-label="Conversation Subject"]`. The subject can be edited in place, so
    // the element may be a form control (value) or plain text.
    { selector: '[aria-label="Conversation Subject"]', read: 'value' },
    { selector: '[aria-label="Conversation Subject"]' },
  ],
};
