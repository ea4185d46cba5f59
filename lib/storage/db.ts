import { Dexie, type EntityTable } from 'dexie';
import type { RecordContext } from '../context/record-context';

/** A record context as kept locally for the customer card (customer data: never leaves the browser). */
export type StoredContext = RecordContext & {
  key: string;
  /** Identity keys (email:, phone:, id:, link:) used to find the same customer in other apps. */
  identityKeys: string[];
  firstSeenAt: number;
  lastSeenAt: number;
};

export const DATABASE_NAME = 'touchpoint';

/**
 * The one Dexie database of the extension. Opened only from the service worker and extension
 * pages, never from a content script (IndexedDB there would belong to the CRM's origin).
 * Released versions are never edited: add `version(n + 1)` with an upgrade instead.
 */
export function openTouchpointDb(name = DATABASE_NAME) {
  const db = new Dexie(name) as Dexie & {
    contexts: EntityTable<StoredContext, 'key'>;
  };
  db.version(1).stores({
    contexts: '&key, app, lastSeenAt, *identityKeys',
  });
  return db;
}
export type TouchpointDb = ReturnType<typeof openTouchpointDb>;
