import { PROMPT_HISTORY_KEY, promptHistorySchema, pruneHistory } from '../feedback';
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
 * The prompt history without what no rule looks at any more (a day back): it names the records
 * prompted, and was rewritten only when the next prompt showed, so a week without one kept them.
 */
export function prunePromptHistory(db: TouchpointDb, now: number): Promise<void> {
  return db.transaction('rw', db.meta, async () => {
    const stored = await db.meta.get(PROMPT_HISTORY_KEY);
    if (!stored) return;
    const parsed = promptHistorySchema.safeParse(stored.value);
    // Unreadable reads as no history anyway (feedback-service).
    if (!parsed.success) return void (await db.meta.delete(PROMPT_HISTORY_KEY));
    await db.meta.put({ key: PROMPT_HISTORY_KEY, value: pruneHistory(parsed.data, now) });
  });
}

/**
 * Deletes what else names a record (instance and raw id) once it is no longer needed: final
 * effort prompts after `retentionDays`, the marks of CSAT ratings sent for records whose context
 * is gone, and the prompt history's entries past a day. Run after `ContextStore.prune`, which the
 * marks follow.
 */
export async function pruneRecordReferences(db: TouchpointDb, now: number, retentionDays: number) {
  const prompts = await pruneFinalPrompts(db, now - retentionDays * DAY_MS);
  const ratingMarks = await pruneForgottenRatingMarks(db);
  await prunePromptHistory(db, now);
  return { prompts, ratingMarks };
}
