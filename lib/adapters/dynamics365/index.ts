import { defineAdapter } from '../definition';
import { DYNAMICS365_FIELDS } from './selectors';

// CRM-FACTS.md: main.aspx?appid=…&pagetype=entityrecord&etn={entity}&id={guid}. Query parameters
// come in any order, so the entity is checked with a lookahead over the whole query; the id may
// be wrapped in encoded braces (%7B…%7D).
const guid = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const record = (entity: string) =>
  `^https://[^/]+\\.dynamics\\.com/main\\.aspx\\?(?=(?:[^#]*&)?etn=${entity}(?:[&#]|$))(?:[^#]*&)?id=(?:%7[Bb]|\\{)?(${guid})`;

export const dynamics365 = defineAdapter({
  id: 'dynamics365',
  name: 'Dynamics 365',
  hosts: ['https://*.dynamics.com/*'],
  records: [
    // Dataverse's `incident` table is Dynamics 365 Customer Service's Case.
    { type: 'case', url: record('incident') },
    { type: 'contact', url: record('contact') },
    { type: 'account', url: record('account') },
  ],
  fields: DYNAMICS365_FIELDS,
  note: 'Written from CRM-FACTS.md and public Unified Interface test locators, not from a saved Dynamics 365 page.',
});
