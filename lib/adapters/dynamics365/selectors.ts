import type { AdapterInput } from '../definition';

// Dynamics 365 Unified Interface forms. CRM-FACTS.md: Dynamics 365 row. Not in CRM-FACTS.md,
// flagged below: `data-id="{column}.fieldControl-…"` ids of other columns, as used by many public
// Selenium/Playwright page objects for Unified Interface (the column names are Dataverse's own).
const lookup = (column: string) =>
  `[data-id="${column}.fieldControl-LookupResultsDropdown_${column}_selected_tag_text"]`;

export const DYNAMICS365_FIELDS: AdapterInput['fields'] = {
  recordNumber: [
    // CRM-FACTS.md: the case number input, its value also in `title`.
    {
      selector: 'input[data-id="ticketnumber.fieldControl-text-box-text"]',
      read: 'attribute',
      attribute: 'title',
    },
    { selector: 'input[data-id="ticketnumber.fieldControl-text-box-text"]', read: 'value' },
  ],
  subject: [
    // CRM-FACTS.md: the case title input.
    { selector: 'input[data-id="title.fieldControl-text-box-text"]', read: 'value' },
    {
      selector: 'input[data-id="title.fieldControl-text-box-text"]',
      read: 'attribute',
      attribute: 'title',
    },
  ],
  customerName: [
    // Case: the Customer lookup (public page objects). It may name an account rather than a person.
    { selector: lookup('customerid') },
    // CRM-FACTS.md: the form header; on a contact this is the full name (on an account, the
    // account name; a case always has its Customer lookup above).
    { selector: '#headerContainer h1' },
  ],
  customerEmail: [
    // Contact and account forms (public page objects).
    { selector: 'input[data-id="emailaddress1.fieldControl-mail-text-input"]', read: 'value' },
  ],
  customerPhone: [
    // Contact and account forms (public page objects).
    { selector: 'input[data-id="telephone1.fieldControl-phone-text-input"]', read: 'value' },
    { selector: 'input[data-id="mobilephone.fieldControl-phone-text-input"]', read: 'value' },
  ],
  organisation: [
    // Contact: Company Name lookup (lookup pattern from public page objects, column assumed).
    { selector: lookup('parentcustomerid') },
  ],
};
