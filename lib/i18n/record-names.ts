import type { RecordType } from '../../contract/record-fields';
import { t, type MessageKey } from './translate';

const RECORD_TYPE_KEYS = {
  ticket: 'recordTypeTicket',
  case: 'recordTypeCase',
  contact: 'recordTypeContact',
  account: 'recordTypeAccount',
  company: 'recordTypeCompany',
  deal: 'recordTypeDeal',
  conversation: 'recordTypeConversation',
  incident: 'recordTypeIncident',
  lead: 'recordTypeLead',
  user: 'recordTypeUser',
} as const satisfies Record<RecordType, MessageKey>;

/** "ticket" / "Ticket": the kind of record in the UI language; an unknown kind as it is. */
export function recordTypeLabel(type: string): string {
  return Object.hasOwn(RECORD_TYPE_KEYS, type) ? t(RECORD_TYPE_KEYS[type as RecordType]) : type;
}

/** "Zendesk ticket 42" / "Zendesk Ticket 42". */
export function recordName(app: string, type: string, id: string): string {
  return t('recordName', app, recordTypeLabel(type), id);
}

export type NamedRecord = {
  appName: string;
  recordType: string;
  recordId: string;
  recordNumber?: string | undefined;
  subject?: string | undefined;
};

/**
 * A record as agents name it (issue #15): by the number they know, then its subject.
 * "ServiceNow INC0010042 · VPN drops every hour", "Zendesk ticket #42 · Order arrived damaged",
 * "Salesforce case 00001026";
 * by its id when the page shows no number ("HubSpot contact 51").
 */
export function recordTitle(record: NamedRecord): string {
  const { appName, recordType, recordId, recordNumber, subject } = record;
  const name = namesItself(recordNumber)
    ? t('recordNumbered', appName, recordNumber)
    : recordName(appName, recordType, recordNumber || recordId);
  return subject ? t('recordWithSubject', name, shortened(subject)) : name;
}

/** Subjects run to 500 characters; a name that must fit a heading keeps their start. */
const SUBJECT_SHOWN = 80;

const shortened = (subject: string) =>
  subject.length <= SUBJECT_SHOWN ? subject : `${subject.slice(0, SUBJECT_SHOWN - 1).trimEnd()}…`;

/** A bare number ("#42", Salesforce's "00001026") needs its kind; INC0010042 names itself. */
const namesItself = (recordNumber: string | undefined): recordNumber is string =>
  !!recordNumber && !/^#?\d+$/.test(recordNumber);

/**
 * A record where its app is named nearby, by the number agents know: "INC0010042",
 * "ticket #42"; by its id when the page showed no number ("ticket 42").
 */
export function recordShortTitle(record: Omit<NamedRecord, 'appName' | 'subject'>): string {
  const { recordType, recordId, recordNumber } = record;
  return namesItself(recordNumber)
    ? recordNumber
    : recordShortName(recordType, recordNumber || recordId);
}

/** "ticket 42" / "Ticket 42": a record where its app is named nearby. */
export function recordShortName(type: string, id: string): string {
  return t('recordShortName', recordTypeLabel(type), id);
}
