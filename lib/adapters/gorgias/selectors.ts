import type { AdapterInput } from '../definition';

// Gorgias. CRM-FACTS.md: Gorgias row, "no public selectors: URL only". Nothing is read from the
// page until a stable attribute is known.
export const GORGIAS_FIELDS: AdapterInput['fields'] = {};
