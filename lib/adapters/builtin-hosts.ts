/**
 * Match patterns of every built-in adapter: the content script's `matches` and the sidebar's
 * web-accessible origins. Kept as plain data (not derived from the adapters) so the content script
 * bundle does not pull in the adapter schemas; registry.test.ts checks it equals their hosts.
 */
export const BUILTIN_HOST_PATTERNS = ['https://*.zendesk.com/*'] as const;
