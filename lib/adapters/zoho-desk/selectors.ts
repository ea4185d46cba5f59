import type { AdapterInput } from '../definition';

// Zoho Desk agent interface. CRM-FACTS.md: Zoho Desk row (selectors from public time-tracking
// extensions). Only the subject is known; the ticket number (`.zd_v2-ticketsubject-ticketIdText`)
// is not a context field, and there is no known selector for the contact's name or email.
export const ZOHO_DESK_FIELDS: AdapterInput['fields'] = {
  subject: [
    // CRM-FACTS.md.
    { selector: '[data-id="caseSubjectText"]' },
  ],
};
