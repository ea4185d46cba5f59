import { defineAdapter } from '../definition';
import { SALESFORCE_FIELDS, SALESFORCE_SCOPE } from './selectors';

// Lightning record pages: /lightning/r/{SObject}/{15- or 18-character id}/view (CRM-FACTS.md).
const host = '^https://[^/]+\\.(?:lightning\\.force|my\\.salesforce)\\.com';
const recordUrl = (sObject: string) =>
  `${host}/lightning/r/${sObject}/([A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?)/view(?:[?#]|$)`;
/**
 * Addresses that name the record by its id alone, the object being the id's first three
 * characters (its key prefix: Salesforce Help 000385203): Classic's /{id} (CRM-FACTS.md), the
 * legacy /one/one.app#/sObject/{id}[/view] (CRM-FACTS.md) and /lightning/r/{id}/view, which
 * public Console code opens subtabs with. A Classic page has none of Lightning's markup: only
 * the record's type and id are read there.
 */
const byKeyPrefix = (prefix: string) =>
  `${host}/(?:lightning/r/|one/one\\.app#/sObject/)?(${prefix}[A-Za-z0-9]{12}(?:[A-Za-z0-9]{3})?)(?:/view)?(?:[?#]|$)`;

export const salesforce = defineAdapter({
  id: 'salesforce',
  name: 'Salesforce',
  hosts: ['https://*.lightning.force.com/*', 'https://*.my.salesforce.com/*'],
  records: [
    { type: 'case', url: recordUrl('Case') },
    { type: 'contact', url: recordUrl('Contact') },
    { type: 'account', url: recordUrl('Account') },
    { type: 'lead', url: recordUrl('Lead') },
    { type: 'case', url: byKeyPrefix('500') },
    { type: 'contact', url: byKeyPrefix('003') },
    { type: 'account', url: byKeyPrefix('001') },
    { type: 'lead', url: byKeyPrefix('00Q') },
  ],
  scope: SALESFORCE_SCOPE,
  fields: SALESFORCE_FIELDS,
  // Classic's global search URL; Lightning redirects it to its own search results. The Lightning
  // search URL (`/one/one.app#/search?...`) is not documented.
  search: { email: '{origin}/_ui/search/ui/UnifiedSearchResults?str={email}' },
  // No watchAttributes: switching Console tabs changes the URL, which the watcher already follows,
  // and Lightning rewrites `class` too often to watch it.
  note: 'Written from CRM-FACTS.md and public Lightning test locators, not from a saved Salesforce page.',
});
