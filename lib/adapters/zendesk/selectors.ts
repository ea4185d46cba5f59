import type { AdapterInput } from '../definition';

// Zendesk Agent Workspace. Selectors from CRM-FACTS.md (Toggl Track and Clockify integrations,
// 2021 and 2023 variants); several tickets can be open as panes, the active one is marked.
export const ZENDESK_SCOPE = ['.ticket-panes-grid-layout[data-is-active="true"]'];

export const ZENDESK_FIELDS: AdapterInput['fields'] = {
  subject: [
    { selector: 'input[data-test-id="omni-header-subject"]', read: 'value' },
    { documentTitle: true, pattern: '^(.+?) – ' },
  ],
  customerName: [
    {
      selector:
        '[data-test-id="ticket-system-field-requester-select"] div[data-garden-id="typography.ellipsis"]',
      // A user's or organisation's page keeps the tickets open in other tabs in the document
      // (no pane of theirs active): their requester is not that page's customer, the API's is.
      forTypes: ['ticket'],
    },
  ],
  priority: [
    {
      selector:
        '[data-test-id="ticket-fields-priority-select"] [data-garden-id="dropdowns.combobox.value"]',
    },
  ],
};
