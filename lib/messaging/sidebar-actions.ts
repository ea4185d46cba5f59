/** What the background or the sidebar may ask a tab's sidebar overlay to do (zod-free: the content script uses it). */
export const SIDEBAR_ACTIONS = ['toggle', 'collapse', 'expand'] as const;
export type SidebarAction = (typeof SIDEBAR_ACTIONS)[number];
