/** The sidebar document: embedded as an iframe on CRM pages and opened as the browser side panel. */
export const SIDEBAR_PAGE = 'sidepanel.html';

export const TOGGLE_SIDEBAR_COMMAND = 'toggle-sidebar';
