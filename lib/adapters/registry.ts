import type { AdapterDefinition } from './definition';
import { dynamics365 } from './dynamics365';
import { freshdesk } from './freshdesk';
import { front } from './front';
import { gorgias } from './gorgias';
import { helpscout } from './helpscout';
import { hubspot } from './hubspot';
import { intercom } from './intercom';
import { kustomer } from './kustomer';
import { osticket } from './osticket';
import { salesforce } from './salesforce';
import { servicenow } from './servicenow';
import { zendesk } from './zendesk';
import { zohoDesk } from './zoho-desk';

/** Built-in adapters, in the order they are tried. */
export const BUILTIN_ADAPTERS: readonly AdapterDefinition[] = [
  zendesk,
  salesforce,
  hubspot,
  freshdesk,
  servicenow,
  intercom,
  dynamics365,
  zohoDesk,
  helpscout,
  front,
  gorgias,
  kustomer,
  // Self-hosted: no built-in hosts, runs where the admin's policy says.
  osticket,
];
