import { defineAdapter } from '../definition';
import { SALESFORCE_FIELDS, SALESFORCE_SCOPE } from './selectors';

// Lightning record pages: /lightning/r/{SObject}/{15- or 18-character id}/view (CRM-FACTS.md).
const host = '^https://[^/]+\\.(?:lightning\\.force|my\\.salesforce)\\.com';
const recordUrl = (sObject: string) =>
  `${host}/lightning/r/${sObject}/([A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?)/view(?:[?#]|$)`;

export const salesforce = defineAdapter({
  id: 'salesforce',
  name: 'Salesforce',
  hosts: ['https://*.lightning.force.com/*', 'https://*.my.salesforce.com/*'],
  records: [
    { type: 'case', url: recordUrl('Case') },
    { type: 'contact', url: recordUrl('Contact') },
    { type: 'account', url: recordUrl('Account') },
    { type: 'lead', url: recordUrl('Lead') },
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
