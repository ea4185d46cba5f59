import { instanceOf } from '../../contract/record-fields';
import type { StoredContext } from '../storage/db';

// An "Open in <app>" link puts the customer's email or phone in the address of one instance of
// the app. An outsourcer's agents work several clients' instances of Zendesk or Salesforce: the
// link must go to the instance this customer belongs to, or to none, never to another client's.

type SeenRecord = Pick<StoredContext, 'app' | 'url' | 'lastSeenAt'>;

const originOf = (record: SeenRecord) => new URL(record.url).origin;

function newestOf<T extends SeenRecord>(records: readonly T[]): T | undefined {
  return records.reduce<T | undefined>(
    (newest, record) => (!newest || record.lastSeenAt > newest.lastSeenAt ? record : newest),
    undefined,
  );
}

/** The origin of the customer's newest record in `app`; undefined when none of theirs is there. */
export function customerOriginIn(
  app: string,
  customerRecords: readonly SeenRecord[],
): string | undefined {
  const newest = newestOf(customerRecords.filter((record) => record.app === app));
  return newest && originOf(newest);
}

/**
 * The origin of an app's records when they are all of one instance; undefined when they span
 * several, as none of them is known to be the customer's. Instances, not origins, are compared:
 * HubSpot's portals share one origin, and one Salesforce instance answers at two hosts (its
 * newest is the one the agent uses now).
 */
export function soleInstanceOrigin(appRecords: readonly SeenRecord[]): string | undefined {
  const instances = new Set(appRecords.map((record) => instanceOf(record.url)));
  const newest = newestOf(appRecords);
  return instances.size === 1 && newest ? originOf(newest) : undefined;
}
