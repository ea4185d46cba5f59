import type { AdapterInput } from '../definition';

// ServiceNow UI16 incident form (incident.do). CRM-FACTS.md: ServiceNow row. Element ids contain
// dots, escaped for CSS. Only the classic form is read, opened directly or inside the `gsft_main`
// frame of nav_to.do and the Next Experience shell (the adapter's `frame`): the Service
// Operations Workspace has no known selectors (the record comes from its URL).
export const SERVICENOW_FIELDS: AdapterInput['fields'] = {
  recordNumber: [
    // CRM-FACTS.md: `#sys_readonly\.incident\.number`, the read-only INC number on the form.
    { selector: '#sys_readonly\\.incident\\.number', read: 'value' },
    { selector: '#incident\\.number', read: 'value' },
  ],
  subject: [
    // CRM-FACTS.md: `#incident\.short_description` (an input).
    { selector: '#incident\\.short_description', read: 'value' },
  ],
  status: [
    // CRM-FACTS.md: `#incident\.state` is a select; its selected option carries the label.
    { selector: '#incident\\.state option[selected]' },
  ],
  priority: [
    // Not in CRM-FACTS.md: ids by analogy with `incident.state` and `sys_readonly.incident.number`
    // (priority is read-only on the default form, being computed from impact and urgency).
    { selector: '#sys_readonly\\.incident\\.priority option[selected]' },
    { selector: '#incident\\.priority option[selected]' },
  ],
  customerName: [
    // CRM-FACTS.md: the caller reference field's display input.
    { selector: '#sys_display\\.incident\\.caller_id', read: 'value' },
  ],
  customerEmail: [
    // Not on the default form: shown when the form layout adds the dot-walked Caller > Email field,
    // which UI16 renders read-only as `sys_readonly.incident.caller_id.email`.
    { selector: '#sys_readonly\\.incident\\.caller_id\\.email', read: 'value' },
    { selector: '#incident\\.caller_id\\.email', read: 'value' },
  ],
  customerId: [
    // Not in CRM-FACTS.md: a UI16 reference field keeps the referenced sys_id in the hidden input
    // named after the field, beside its `sys_display.` input.
    { selector: 'input#incident\\.caller_id', read: 'value', pattern: '^([a-f0-9]{32})$' },
  ],
};
