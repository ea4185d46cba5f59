import { pruneForgottenRatingMarks } from '../sync/cx-observation';
import type { StoredPrompt, TouchpointDb } from './db';

const DAY_MS = 86_400_000;

/**
 * Whether an effort prompt may be deleted: its outcome is final (already in the outbox) and it was
 * created before `before`. An open prompt stays whatever its age: the sweep must still end it.
 * The row keeps no time of becoming final; that is minutes after `createdAt` (deferral ≤ 15 min,
 * then auto-hide or undo), or at the next start of a browser closed in between.
 */
export function isPromptPastRetention(prompt: StoredPrompt, before: number): boolean {
  return prompt.final && prompt.createdAt < before;
}

/** Deletes final effort prompts created before `before`; returns how many went. */
export function pruneFinalPrompts(db: TouchpointDb, before: number): Promise<number> {
  return db.prompts
    .where('createdAt')
    .below(before)
    .filter((prompt) => isPromptPastRetention(prompt, before))
    .delete();
}

/**
 * Deletes what else names a record (instance and raw id) once `retentionDays` have passed: final
 * effort prompts, and the marks of CSAT ratings sent for records whose context is gone. Run after
 * `ContextStore.prune`, which the marks follow.
 */
export async function pruneRecordReferences(db: TouchpointDb, now: number, retentionDays: number) {
  const prompts = await pruneFinalPrompts(db, now - retentionDays * DAY_MS);
  const ratingMarks = await pruneForgottenRatingMarks(db);
  return { prompts, ratingMarks };
}
