import { defineAdapter } from '../definition';
import { SERVICENOW_FIELDS } from './selectors';

const host = '^https://[^/]+\\.service-now\\.com';
// CRM-FACTS.md: the record's 32-hex sys_id (a new record's form has sys_id=-1: not a record).
const sysId = '([a-f0-9]{32})';

export const servicenow = defineAdapter({
  id: 'servicenow',
  name: 'ServiceNow',
  hosts: ['https://*.service-now.com/*'],
  records: [
    // CRM-FACTS.md: classic form, /incident.do?sys_id={sys_id} (parameters in any order).
    { type: 'incident', url: `${host}/incident\\.do\\?(?:[^#]*&)?sys_id=${sysId}` },
    // CRM-FACTS.md: Service Operations Workspace.
    { type: 'incident', url: `${host}/now/sow/record/incident/${sysId}` },
    // CRM-FACTS.md: /nav_to.do?uri=incident.do?sys_id=… (the form is in the gsft_main iframe, so
    // only the id is read); the uri parameter is usually percent-encoded.
    {
      type: 'incident',
      url: `${host}/nav_to\\.do\\?(?:[^#]*&)?uri=(?:%2F|/)?incident\\.do(?:%3F|\\?)(?:[^#&]*?(?:%26|&))?sys_id(?:%3D|=)${sysId}`,
    },
  ],
  fields: SERVICENOW_FIELDS,
  note: 'Written from CRM-FACTS.md (UI16 field ids used by public userscripts), not from a saved ServiceNow page.',
});
