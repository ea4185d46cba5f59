import type { AdapterInput } from '../definition';

// HubSpot CRM record pages. Selectors from CRM-FACTS.md (HubSpot row: the `data-selenium-test`
// and `data-test-id` attributes HubSpot's own UI tests use, as read by public extensions).
export const HUBSPOT_FIELDS: AdapterInput['fields'] = {
  subject: [
    // CRM-FACTS.md: help desk ticket name.
    { selector: '[data-test-id="ticket-header-name-link"] span' },
  ],
  customerName: [
    // CRM-FACTS.md: the associated contact's card, on company, deal and ticket records.
    { selector: '[data-selenium-test="contact-chicklet-title-link"]' },
    // CRM-FACTS.md: the record name in the highlight panel; the person on a contact record (on a
    // company, deal or ticket without an associated contact it is that record's name).
    { selector: '[data-selenium-test="highlightTitle"]' },
  ],
  customerEmail: [
    // Not in CRM-FACTS.md (no known attribute for the email): a generic mailto link inside the
    // highlight panel that CRM-FACTS.md names.
    { selector: '[data-test-id="record-highlight-main-content"] a[href^="mailto:"]' },
  ],
  organisation: [
    // CRM-FACTS.md: the associated company's card.
    { selector: '[data-selenium-test="company-chicklet-title-link"]' },
  ],
};
