import { Dexie } from 'dexie';
import type { IdentityMode } from '../../contract/api';
import { RECORDING_IDENTITY_KEY, type RecordedIdentity, type TouchpointDb } from '../storage/db';
import type { ReadyTarget, SyncTarget } from './sync-target';

// An event goes upstream only as an identity no more revealing than the one in force when it was
// recorded (PRODUCT.md privacy rule 3: never collect more than the settings allowed). Each
// outbox row keeps that identity (`recordedAs`, stamped by storage/db.ts); the engine sends a row
// as the current identity only when `mayGoAs` says so, and dead-letters it otherwise.

export type { RecordedIdentity };

/** anonymous < pseudonymous < identified. */
const REVEALS: Record<IdentityMode, number> = { anonymous: 0, pseudonymous: 1, identified: 2 };

/**
 * What a row without `recordedAs` counts as (one written by another page's database handle, or
 * a dead letter from before recordedAs existed and never adopted): the most private mode.
 */
export const UNKNOWN_IDENTITY: RecordedIdentity = { mode: 'anonymous', agentId: null };

/**
 * The identity the settings put in force, or null when the target does not say (a test double).
 * Only `identified` names an agent: a pseudonym is the collector's, made at enrolment.
 */
export function identityOf(target: ReadyTarget): RecordedIdentity;
export function identityOf(target: SyncTarget): RecordedIdentity | null;
export function identityOf(target: SyncTarget): RecordedIdentity | null {
  return target.identityMode ? identityIn(target.identityMode, target.agentId ?? null) : null;
}

/** The identity of a mode and the id that goes with it: only `identified` names an agent. */
export function identityIn(mode: IdentityMode, id: string | null): RecordedIdentity {
  return { mode, agentId: mode === 'identified' ? id : null };
}

export const sameIdentity = (a: RecordedIdentity | null, b: RecordedIdentity | null) =>
  a !== null && b !== null && a.mode === b.mode && a.agentId === b.agentId;

/**
 * Whether an event recorded as `recorded` may go as `sender`: as the same identity, or as a less
 * revealing one (a team that moved to anonymous gets its backlog anonymously: what it chose now,
 * and no more than was allowed then). Never more revealing, and never as another agent; an
 * identified row with no known agent (`agentId: null`) goes as no identified sender.
 */
export function mayGoAs(recorded: RecordedIdentity, sender: RecordedIdentity): boolean {
  if (REVEALS[sender.mode] !== REVEALS[recorded.mode])
    return REVEALS[sender.mode] < REVEALS[recorded.mode];
  return (
    sender.mode !== 'identified' ||
    (recorded.agentId !== null && recorded.agentId === sender.agentId)
  );
}

/** The less revealing of two identities; two different agents make "identified, agent unknown". */
export function leastRevealing(a: RecordedIdentity, b: RecordedIdentity): RecordedIdentity {
  if (REVEALS[a.mode] !== REVEALS[b.mode]) return REVEALS[a.mode] < REVEALS[b.mode] ? a : b;
  return a.mode === 'identified' && a.agentId !== b.agentId ? { mode: a.mode, agentId: null } : a;
}

/** The dead-letter reason for an event that may not go as `sender`, in the agent's words. */
export function notSentReason(recorded: RecordedIdentity, sender: RecordedIdentity): string {
  const now = sender.mode === 'identified' ? `identified as ${sender.agentId ?? '?'}` : sender.mode;
  if (recorded.mode === 'identified') {
    return recorded.agentId === null
      ? `not sent: recorded in identified mode for an agent id not known now; sending it as ${now} could attribute it to the wrong person`
      : `not sent: recorded as agent ${recorded.agentId}; the identity in force is now ${now}`;
  }
  return `not sent: recorded while the identity mode was ${recorded.mode}; sending it now (${now}) would reveal more than was allowed then`;
}

/**
 * Makes `identity` the one new outbox rows are stamped with, here and in later service-worker
 * lives (it is kept in `meta`). The first time (just after the update that introduced it) the
 * rows and dead letters queued before carry no identity: they are adopted as recorded under the
 * less revealing of the identity the install last enrolled as and the one in force now, the two
 * ends of any change since the last sync (docs/sync.md). `enrolled` is read before the
 * transaction: no foreign promise may be awaited inside one.
 */
export async function noteIdentityInForce(
  db: TouchpointDb,
  identity: RecordedIdentity,
  enrolled: () => Promise<RecordedIdentity | null> = async () => null,
): Promise<void> {
  const holder = db.recordingIdentity;
  if (holder.adopted && sameIdentity(holder.current, identity)) return;
  const lastEnrolled = holder.adopted ? null : await enrolled();
  // Rows queued from here on are stamped with the new identity, and those queued before were
  // created before the transaction below, so it runs after them and adopts them. Set after it, a
  // row queued while it ran stayed without an identity for good and counted as anonymous: in
  // pseudonymous mode, dead-lettered unsent (a fresh profile lost a batch of 2,000 in CI).
  holder.current = identity;
  await db.transaction('rw', [db.meta, db.outbox, db.deadLetters], async () => {
    const kept = await db.meta.get(RECORDING_IDENTITY_KEY);
    if (kept === undefined) {
      const legacy = lastEnrolled ? leastRevealing(lastEnrolled, identity) : identity;
      // Read whole, filtered and written back in one bulkPut: a cursor (`filter`, `modify`)
      // steps row by row (measured with fake-indexeddb: 8.5 s for 5,000 rows, against 0.1 s).
      const unsynced = await db.outbox
        .where('[synced+occurredAt]')
        .between([0, Dexie.minKey], [0, Dexie.maxKey])
        .toArray();
      await db.outbox.bulkPut(
        unsynced
          .filter((row) => row.recordedAs === undefined)
          .map((row) => ({ ...row, recordedAs: legacy })),
      );
      const letters = await db.deadLetters.toArray();
      await db.deadLetters.bulkPut(
        letters
          .filter((letter) => letter.recordedAs === undefined)
          .map((letter) => ({ ...letter, recordedAs: legacy })),
      );
    }
    if (!sameIdentity((kept?.value as RecordedIdentity | undefined) ?? null, identity))
      await db.meta.put({ key: RECORDING_IDENTITY_KEY, value: identity });
  });
  // Again: a database opened meanwhile read the identity kept until now into the holder.
  holder.current = identity;
  holder.adopted = true;
}
