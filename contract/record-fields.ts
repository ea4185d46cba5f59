// Zod-free vocabulary of record contexts, shared with the content script (which stays zod-free to
// keep it small; the background validates what it receives with lib/context/record-context.ts).

import { toSalesforceId18 } from './salesforce-id';

/** Kinds of record an adapter can recognise (PRODUCT.md, "Record context"). */
export const RECORD_TYPES = [
  'ticket',
  'case',
  'contact',
  'account',
  'company',
  'deal',
  'conversation',
  'incident',
  'lead',
  'user',
] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

/**
 * Records that describe a customer rather than a piece of work: opening one of them for the
 * customer of the ticket in hand, even in the ticket's own app, is looking something up.
 */
export const CUSTOMER_RECORD_TYPES: readonly RecordType[] = [
  'contact',
  'account',
  'company',
  'lead',
  'user',
];

/** Fields an adapter may read from a record page, in the order the card shows them. */
export const CONTEXT_FIELDS = [
  /** The number agents know the record by: INC0010042, CAS-01042-X7Y8Z9, #42 (issue #15). */
  'recordNumber',
  'subject',
  'status',
  'priority',
  'customerName',
  'customerEmail',
  'customerPhone',
  'organisation',
  'customerId',
  'csat',
] as const;
export type ContextField = (typeof CONTEXT_FIELDS)[number];

/** Longest value kept for one field; longer page text is cut. */
export const MAX_FIELD_LENGTH = 500;

/** Longest rule named in `matchedBy` (which selector, pattern or API path gave a value). */
export const MAX_RULE_LENGTH = 300;

/** What `matchedBy` may name a rule for: the id, the record's part, the API, each field. */
export const MATCHED_BY_KEYS = ['recordId', 'scope', 'api', ...CONTEXT_FIELDS] as const;

/**
 * Longest page address a content script may report (record, hello). CRM addresses run to a few
 * hundred characters (ServiceNow's encoded `nav_to.do` ones the longest); a page's own must not
 * make the worker store and pass around megabytes on every report.
 */
export const MAX_PAGE_URL_LENGTH = 16_384;

/**
 * The one form of a record's id, for apps that show a record under two: Salesforce's 15- and
 * 18-character ids become the 18-character one. The extension keys and hashes records by it and
 * the collector's CX import hashes by it, so a CSAT export with 15-character ids joins the
 * interactions recorded on Lightning pages (18-character ids).
 */
export function canonicalRecordId(app: string, recordId: string): string {
  return app === 'salesforce' ? toSalesforceId18(recordId) : recordId;
}

/**
 * The record a page shows, as its page knows it: `app:type:id`. Enough within one page, whose
 * host never changes; across pages use `recordKeyOf`.
 */
export function pageRecordKeyOf(context: { app: string; recordType: string; recordId: string }) {
  return `${context.app}:${context.recordType}:${context.recordId}`;
}

/**
 * Hosts every customer of an app shares, with the customer's own account in the first segments of
 * the path: HubSpot's portal (/contacts/{portalId}/…, /help-desk/{portalId}/…) and Intercom's
 * workspace (/a/inbox/{workspaceId}/…, /a/apps/{workspaceId}/…). HubSpot numbers each portal's
 * records from 1, so two clients' contact 51 are two people.
 */
const TENANT_IN_PATH = [
  { host: /^app(?:-[a-z]{2}\d)?\.hubspot\.com$/, path: /^\/[a-z-]+\/(\d+)(?:[/?#]|$)/ },
  {
    host: /^app(?:\.eu|\.au)?\.intercom\.com$/,
    path: /^\/a\/(?:inbox|apps)\/([0-9a-z]+)(?:[/?#]|$)/,
  },
];

/**
 * The domains under which each customer of an app has a host of its own, named by the first label
 * (acme.zendesk.com): the wildcard hosts of the built-in adapters (registry.test.ts checks that
 * they are the same).
 */
export const CUSTOMER_SUBDOMAINS_OF = [
  'zendesk.com',
  'lightning.force.com',
  'my.salesforce.com',
  'freshdesk.com',
  'service-now.com',
  'dynamics.com',
  'gorgias.com',
  'kustomerapp.com',
] as const;

/**
 * Which of an app's instances a page belongs to. Agents of an outsourcer work several customers'
 * Zendesk or Salesforce, each with its own ticket 42.
 * - Under a domain of `CUSTOMER_SUBDOMAINS_OF`: the customer's label, which one instance keeps
 *   under every host it answers at (acme.lightning.force.com and acme.my.salesforce.com are both
 *   `acme`).
 * - On a shared host with the account in the path (`TENANT_IN_PATH`): its label and the account,
 *   `app/4412345`.
 * - Anywhere else (a self-hosted helpdesk, a custom domain, an address with a port): the whole
 *   host with its port. Its first label alone made support.acme.com and support.globex.com, or
 *   two installs on one address's ports, one instance, and their ticket 1 one record.
 */
export function instanceOf(url: string): string {
  const { host, hostname, pathname } = new URL(url);
  const label = hostname.split('.')[0]!;
  if (CUSTOMER_SUBDOMAINS_OF.some((domain) => hostname.endsWith(`.${domain}`))) return label;
  const shared = TENANT_IN_PATH.find((tenantHost) => tenantHost.host.test(hostname));
  const tenant = shared?.path.exec(pathname.toLowerCase())?.[1];
  if (tenant) return `${label}/${tenant}`;
  return shared ? label : host;
}

/**
 * Whether text starts as a key stored without an instance does: `app:type:`. Built on first use:
 * a regular expression built at the module's top stays in every bundle that imports the module,
 * the content script's included, used or not.
 */
let pageKeyStart: RegExp | undefined;
const startsAsPageKey = (text: string) =>
  (pageKeyStart ??= new RegExp(`^[^:]+:(?:${RECORD_TYPES.join('|')}):`)).test(text);

/** The key that identifies one record across observations: `instance|app:type:id`. */
export function recordKeyOf(context: {
  app: string;
  recordType: string;
  recordId: string;
  url: string;
}) {
  return `${instanceOf(context.url)}|${pageRecordKeyOf(context)}`;
}

/**
 * A record key → its parts (the id may itself hold colons). Keys stored before instances were
 * told apart have none: their instance is ''.
 */
export function parseRecordKey(recordKey: string) {
  const bar = recordKey.indexOf('|');
  // An instance may hold colons (a port, an IPv6 address); a key without one starts `app:type:`,
  // and its id may hold the bar.
  const hasInstance = bar >= 0 && !startsAsPageKey(recordKey.slice(0, bar));
  const pageKey = hasInstance ? recordKey.slice(bar + 1) : recordKey;
  const [app = '', recordType = '', ...rest] = pageKey.split(':');
  return {
    instance: hasInstance ? recordKey.slice(0, bar) : '',
    app,
    recordType: recordType as RecordType,
    recordId: rest.join(':'),
    pageKey,
  };
}
