import type { AdapterInput } from '../definition';

// Freshdesk agent portal (/a/). CRM-FACTS.md: Freshdesk row. The requester widget marks each row
// `data-test-id="requester-info-contact-{field}"` (company rows `requester-info-company-{field}`)
// with the value in `.info-details-content`; only `email` is a known {field}, the other keys are
// our assumption.
const requesterInfo = (testId: string) => `[data-test-id="${testId}"] .info-details-content`;

export const FRESHDESK_FIELDS: AdapterInput['fields'] = {
  subject: [
    // CRM-FACTS.md: ticket subject heading.
    { selector: '.ticket-subject-heading' },
  ],
  customerName: [
    // CRM-FACTS.md pattern, key `name` assumed.
    { selector: requesterInfo('requester-info-contact-name') },
  ],
  customerEmail: [
    // CRM-FACTS.md: known selector.
    { selector: requesterInfo('requester-info-contact-email') },
  ],
  customerPhone: [
    // CRM-FACTS.md pattern, keys `phone` and `mobile` assumed.
    { selector: requesterInfo('requester-info-contact-phone') },
    { selector: requesterInfo('requester-info-contact-mobile') },
  ],
  organisation: [
    // CRM-FACTS.md pattern (company rows), key `name` assumed.
    { selector: requesterInfo('requester-info-company-name') },
  ],
};
