import type { AdapterInput } from '../definition';

// Salesforce Lightning Experience and Service Console. The Console keeps several record views in
// the DOM (cached tabs, maximized subtabs): read only the one in front. CRM-FACTS.md: Salesforce
// row. Not in CRM-FACTS.md, flagged below: `records-record-layout-item[field-label]`, used by
// many public Selenium/Playwright page objects for Lightning record pages. Field labels are the
// org's (renamable, translated), so these hold for English labels only.
export const SALESFORCE_SCOPE = [
  // Public test locators name the page in front "windowViewMode-normal oneContent active".
  '.windowViewMode-normal.oneContent.active',
  // CRM-FACTS.md: scope to the visible record view.
  '.windowViewMode-normal',
];

/** `records-record-layout-item` value for a field label (public test locators, not CRM-FACTS). */
const layoutItem = (label: string, inner: string) =>
  `records-record-layout-item[field-label="${label}"] ${inner}`;

/**
 * The highlights panel's value for a field label: the compact layout, drawn on every tab of the
 * record (Feed, Related), where the Details tab's layout items are not. CRM-FACTS.md names the
 * item and its value (`p.fieldComponent`); public test locators show the label `p` with the label
 * as its `title`, the value after it.
 */
const highlight = (label: string, inner = '') =>
  `force-highlights-details-item p[title="${label}"] ~ p${inner && ` ${inner}`}`;

export const SALESFORCE_FIELDS: AdapterInput['fields'] = {
  recordNumber: [
    // Case Number (public test locators); the id in the URL is the 18-character record id.
    { selector: layoutItem('Case Number', 'lightning-formatted-text') },
    { selector: highlight('Case Number') },
    // The header names a case by its number (auto-numbered digits; an account's name is not one).
    { selector: '.slds-page-header__title lightning-formatted-text', pattern: '^(\\d{4,})$' },
  ],
  subject: [
    // Case Subject (public test locators).
    { selector: layoutItem('Subject', 'lightning-formatted-text') },
  ],
  status: [
    // Case and Lead Status (public test locators).
    { selector: layoutItem('Status', 'lightning-formatted-text') },
    // A case opened on its Feed tab shows Status only here (issue #15: a close seen on any tab).
    { selector: highlight('Status') },
  ],
  priority: [
    // Case Priority (public test locators).
    { selector: layoutItem('Priority', 'lightning-formatted-text') },
    { selector: highlight('Priority') },
  ],
  customerName: [
    // CRM-FACTS.md: header `.slds-page-header__title` with `lightning-formatted-name`, which
    // Lightning uses for person names (Contact, Lead); Case and Account headers use
    // lightning-formatted-text (a case number, an account name) and are not read here.
    { selector: '.slds-page-header__title lightning-formatted-name' },
    // Case: the Contact Name lookup (public test locators: lookups are `force-lookup a`).
    { selector: layoutItem('Contact Name', 'force-lookup a') },
    { selector: highlight('Contact Name', 'force-lookup a') },
    // CRM-FACTS.md: fallback `document.title` minus " | Salesforce". Skips auto-numbered names
    // (a case's "00001026 | Salesforce" is not a person). On an Account page without the header
    // this yields the account name.
    { documentTitle: true, pattern: '^(?!\\d+ \\|)(.+?) \\| ' },
  ],
  customerEmail: [
    // CRM-FACTS.md: highlights panel items hold the value in `p.fieldComponent`.
    { selector: 'force-highlights-details-item p.fieldComponent lightning-formatted-email a' },
    // Contact/Lead Email and Case Contact Email (public test locators).
    { selector: layoutItem('Email', 'lightning-formatted-email a') },
    { selector: layoutItem('Contact Email', 'lightning-formatted-email a') },
  ],
  customerPhone: [
    // Synthetic shadow DOM (most orgs): the link is in the light DOM.
    { selector: 'force-highlights-details-item p.fieldComponent lightning-formatted-phone a' },
    { selector: layoutItem('Phone', 'lightning-formatted-phone a') },
    { selector: layoutItem('Contact Phone', 'lightning-formatted-phone a') },
    // Native shadow DOM (CRM-FACTS.md: look inside open shadow roots): lightning-formatted-phone
    // draws its tel: link in its own shadow root. A deep query cannot be anchored on an ancestor
    // outside that root, so this takes the first phone of the record view in front (the
    // highlights panel comes first).
    { selector: 'a[href^="tel:"]', deep: true },
  ],
  organisation: [
    // Contact and Case: the Account Name lookup (CRM-FACTS.md highlights panel; public locators).
    { selector: layoutItem('Account Name', 'force-lookup a') },
  ],
};
