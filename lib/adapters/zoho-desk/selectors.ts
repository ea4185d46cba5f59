import type { AdapterInput } from '../definition';

// Zoho Desk agent interface. CRM-FACTS.md: Zoho Desk row (selectors from public time-tracking
// extensions). The subject and ticket number are known; there is no known selector for the
// contact's name or email.
export const ZOHO_DESK_FIELDS: AdapterInput['fields'] = {
  recordNumber: [
    // CRM-FACTS.md: "#4821".
    { selector: '.zd_v2-ticketsubject-ticketIdText', pattern: '(#?\\d+)' },
  ],
  subject: [
    // CRM-FACTS.md.
    { selector: '[data-id="caseSubjectText"]' },
  ],
};
