import type { AdapterInput } from '../definition';

// Kustomer. CRM-FACTS.md: Kustomer row, "no public selectors: URL only". The customer id is in
// the URL, but extractors read only the page, so customerId stays empty too.
export const KUSTOMER_FIELDS: AdapterInput['fields'] = {};
