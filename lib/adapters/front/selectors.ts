import type { AdapterInput } from '../definition';

// Front. CRM-FACTS.md: Front row, "only generated class names: rely on the URL". Front's class
// names carry a build hash that changes on deploys, and no stable data-* or ARIA attribute of the
// conversation or contact is known, so nothing is read from the page.
export const FRONT_FIELDS: AdapterInput['fields'] = {};
