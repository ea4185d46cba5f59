import { defineAdapter } from '../definition';
import { SERVICENOW_FIELDS } from './selectors';

// Any host: the adapter runs only where its hosts allow (*.service-now.com, and an instance's
// custom URL the admin names in adapterHosts, e.g. itsm.services.sap in public code).
const host = '^https://[^/]+';
// CRM-FACTS.md: the record's 32-hex sys_id (a new record's form has sys_id=-1: not a record).
const sysId = '([a-f0-9]{32})';

export const servicenow = defineAdapter({
  id: 'servicenow',
  name: 'ServiceNow',
  hosts: ['https://*.service-now.com/*'],
  records: [
    // CRM-FACTS.md: classic form, /incident.do?sys_id={sys_id} (parameters in any order).
    { type: 'incident', url: `${host}/incident\\.do\\?(?:[^#]*&)?sys_id=${sysId}` },
    // CRM-FACTS.md: Service Operations Workspace (/now/sow/), the Agent Workspace
    // (/now/workspace/agent/) and the CSM/FSM configurable workspace (/now/cwf/agent/), same
    // record path (the last two added to crm-facts.md from SN Utils slash commands and community
    // posts). A new record's is -1_uid_1.
    {
      type: 'incident',
      url: `${host}/now/(?:sow|workspace/agent|cwf/agent)/record/incident/${sysId}`,
    },
    // CRM-FACTS.md: /nav_to.do?uri=incident.do?sys_id=…, the uri parameter usually
    // percent-encoded. The form itself is read in the gsft_main frame (below); this pattern names
    // the record while the frame cannot be read (not loaded yet).
    {
      type: 'incident',
      url: `${host}/nav_to\\.do\\?(?:[^#]*&)?uri=(?:%2F|/)?incident\\.do(?:%3F|\\?)(?:[^#&]*?(?:%26|&))?sys_id(?:%3D|=)${sysId}`,
    },
    // Not in CRM-FACTS.md: the Next Experience shell's address for a classic form,
    // /now/nav/ui/classic/params/target/incident.do%3Fsys_id%3D…, with the form in the same frame.
    {
      type: 'incident',
      url: `${host}/now/nav/ui/classic/params/target/incident\\.do(?:%3F|\\?)(?:[^#/]*?(?:%26|&))?sys_id(?:%3D|=)${sysId}`,
    },
    // Not in CRM-FACTS.md: a form opened by its number, as links in mail and knowledge articles
    // do (incident.do?sysparm_query=number=INC0010042, the query often percent-encoded), names
    // no sys_id in its address. The classic form keeps the record's sys_id in the hidden input
    // `sys_uniqueValue` (read by ServiceNow's own scripts as gel('sys_uniqueValue').value, and by
    // public test code as @FindBy(id="sys_uniqueValue")). Under nav_to.do and the Next Experience
    // shell this is the address of the form's frame, which is read. A new record's form
    // (sys_id=-1, whose sysparm_query fills in its fields) is not a record yet.
    {
      type: 'incident',
      url: `${host}/incident\\.do\\?(?![^#]*\\bsys_id=-1)(?:[^#]*&)?sysparm_query=`,
      idFrom: { selector: 'input#sys_uniqueValue', read: 'value', pattern: `^${sysId}$` },
    },
  ],
  // CRM-FACTS.md: under nav_to.do the form is inside the `gsft_main` iframe (same origin); the
  // Next Experience shell holds it in a frame of the same id inside its components.
  frame: 'iframe#gsft_main',
  // Classic forms are server-rendered, and Update leaves the form for the list it came from.
  rereadOnLeave: true,
  fields: SERVICENOW_FIELDS,
  note: 'Written from CRM-FACTS.md (UI16 field ids used by public userscripts), not from a saved ServiceNow page.',
});
