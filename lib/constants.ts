/** The sidebar document: embedded as an iframe on CRM pages and opened as the browser side panel. */
export const SIDEBAR_PAGE = 'sidepanel.html';

export const TOGGLE_SIDEBAR_COMMAND = 'toggle-sidebar';

/** The first-run page for agents (issue #17): opened once on install, linked from the popup. */
export const FIRST_RUN_PAGE = 'welcome.html';

/** The content script as built (`entrypoints/crm.content`), for registering and injecting it. */
export const CONTENT_SCRIPT_FILE = 'content-scripts/crm.js';

/**
 * When the browser runs it: as the page starts (issue #15 item 6), so that the sidebar frame loads
 * while the CRM page itself does; the record is read once the DOM is ready.
 */
export const CONTENT_SCRIPT_RUN_AT = 'document_start';

/** `Symbol.for` key the content script sets in its isolated world once it runs in a page. */
export const CONTENT_SCRIPT_MARK = 'touchpoint.content-script';
