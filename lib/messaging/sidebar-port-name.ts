/**
 * The sidebar's port to the background: it proves which tab it belongs to, then receives cards.
 * Its own module: the sidebar page's early script imports it, and nothing else (no zod).
 */
export const SIDEBAR_PORT = 'sidebar';
