/**
 * Match patterns of every built-in adapter: the content script's `matches` and the sidebar's
 * web-accessible origins. Kept as plain data (not derived from the adapters) so the content script
 * bundle does not pull in the adapter schemas; registry.test.ts checks it equals their hosts.
 * Self-hosted adapters (osTicket) add none: their hosts come from the admin's policy at run time.
 */
export const BUILTIN_HOST_PATTERNS = [
  'https://*.zendesk.com/*',
  'https://*.lightning.force.com/*',
  'https://*.my.salesforce.com/*',
  'https://app.hubspot.com/*',
  'https://app-eu1.hubspot.com/*',
  'https://app-na2.hubspot.com/*',
  'https://app-na3.hubspot.com/*',
  'https://app-ap1.hubspot.com/*',
  'https://*.freshdesk.com/*',
  'https://*.service-now.com/*',
  'https://app.intercom.com/*',
  'https://app.eu.intercom.com/*',
  'https://app.au.intercom.com/*',
  'https://*.dynamics.com/*',
  'https://desk.zoho.com/*',
  'https://desk.zoho.eu/*',
  'https://desk.zoho.in/*',
  'https://desk.zoho.com.au/*',
  'https://secure.helpscout.net/*',
  'https://app.frontapp.com/*',
  'https://*.gorgias.com/*',
  'https://*.kustomerapp.com/*',
] as const;
