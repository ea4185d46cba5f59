import type { TouchpointDb } from '../storage/db';
import { UNKNOWN_IDENTITY } from './recorded-identity';

/**
 * Sends dead-lettered events back to the outbox (after the admin fixed the collector or the
 * extension), remembering how often each was dead-lettered. Returns how many moved.
 */
export async function retryDeadLetters(db: TouchpointDb, ids: readonly string[]): Promise<number> {
  return db.transaction('rw', [db.deadLetters, db.outbox], async () => {
    const letters = (await db.deadLetters.bulkGet([...ids])).filter(
      (letter) => letter !== undefined,
    );
    await db.outbox.bulkPut(
      letters.map((letter) => ({
        ...letter.event,
        synced: 0 as const,
        deadLetterCount: letter.attempts,
        // As it was recorded: a retry never makes it go as a more revealing identity.
        recordedAs: letter.recordedAs ?? UNKNOWN_IDENTITY,
      })),
    );
    await db.deadLetters.bulkDelete(letters.map((letter) => letter.id));
    return letters.length;
  });
}

/** Deletes dead-lettered events for good (the agent or admin confirmed). Returns how many. */
export async function deleteDeadLetters(db: TouchpointDb, ids: readonly string[]): Promise<number> {
  return db.transaction('rw', db.deadLetters, async () => {
    const existing = (await db.deadLetters.bulkGet([...ids])).filter(
      (letter) => letter !== undefined,
    );
    await db.deadLetters.bulkDelete(existing.map((letter) => letter.id));
    return existing.length;
  });
}
