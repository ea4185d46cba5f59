import { queueEvents } from '../sync/outbox-admission';
import {
  decidePrompt,
  EMPTY_PROMPT_HISTORY,
  PROMPT_HISTORY_KEY,
  promptHistorySchema,
  pruneHistory,
  recordShown,
  recordSnooze,
  type AgentState,
  type EffortScale,
  type PromptHistory,
  type PromptSettings,
} from '../feedback';
import type { StoredPrompt, TouchpointDb } from '../storage/db';
import { parseRecordKey } from '../../contract/record-fields';
import { interactionSummaryOf } from '../sync/interaction-summary';
import type { OutboxEvent, PromptOutcome } from '../../contract/events';
import { END_REASON, type InteractionEndedOutput } from '../tracking/outputs';

const HISTORY_KEY = PROMPT_HISTORY_KEY;
/** After a tap the agent may add reason chips; the answer is final after this (or "Done"). */
export const REASONS_WINDOW_MS = 15_000;
const NOT_OPEN = 'this prompt is no longer open';

export type FeedbackDeps = {
  db: TouchpointDb;
  settings: () => Promise<PromptSettings>;
  /** Typing, editable focus and calls, read when the policy is asked. */
  agentState: () => Promise<AgentState>;
  hashRecord: (app: string, recordId: string) => Promise<string | null>;
  newId: (now: number) => string;
  now: () => number;
  /** Wake the service at this time (a timer while the worker lives; an alarm sweeps as backup). */
  wakeAt: (at: number) => void;
  /** Something the sidebar shows changed. */
  onChange: () => void;
};

/** The prompt the sidebar shows, if any, on the scale it was shown with. */
export type ActivePrompt = Pick<
  StoredPrompt,
  'id' | 'recordKey' | 'app' | 'state' | 'score' | 'reasons'
> & {
  shownAt: number;
  answeredAt?: number;
  scale: EffortScale;
};

const TRIGGER_OF: Partial<Record<string, StoredPrompt['trigger']>> = {
  [END_REASON.closed]: 'closed',
  [END_REASON.superseded]: 'moved-on',
  [END_REASON.adminTrigger]: 'admin-trigger',
};

/**
 * The lifecycle of effort prompts (issue #4): an interaction ends → the pure policy decides →
 * shown in the sidebar, deferred, or skipped; then answered (final after undo and reasons),
 * dismissed, snoozed or timed out. Every outcome is written with its outbox event in one
 * transaction, once per prompt; due work survives the service worker through `dueAt` and a
 * periodic sweep.
 */
export function createFeedbackService(deps: FeedbackDeps) {
  const { db } = deps;

  async function readHistory(now: number): Promise<PromptHistory> {
    const parsed = promptHistorySchema.safeParse((await db.meta.get(HISTORY_KEY))?.value);
    return pruneHistory(parsed.success ? parsed.data : EMPTY_PROMPT_HISTORY, now);
  }

  /** What an outcome event needs from outside the database, fetched before its transaction. */
  async function outcomeFacts(prompt: StoredPrompt) {
    const { app, recordId } = parseRecordKey(prompt.recordKey);
    return { settings: await deps.settings(), recordHash: await deps.hashRecord(app, recordId) };
  }

  function outcomeEvent(
    prompt: StoredPrompt,
    outcome: PromptOutcome,
    at: number,
    { settings, recordHash }: Awaited<ReturnType<typeof outcomeFacts>>,
  ): OutboxEvent {
    return {
      id: deps.newId(at),
      type: 'prompt.outcome',
      occurredAt: at,
      schemaVersion: 1,
      payload: {
        outcome,
        trigger: prompt.trigger,
        scale: prompt.scale ?? settings.scale,
        score: outcome === 'answered' ? (prompt.score ?? null) : null,
        reasons: outcome === 'answered' ? (prompt.reasons ?? []) : [],
        skipReason: prompt.skipReason ?? null,
        shownAt: prompt.shownAt ?? null,
        // Never negative: a clock set back between showing and answering made the contract
        // refuse the outcome, and the agent's answer went to the dead letters.
        latencyMs:
          prompt.answeredAt && prompt.shownAt
            ? Math.max(0, prompt.answeredAt - prompt.shownAt)
            : null,
        interaction: interactionSummaryOf(prompt.interaction, recordHash),
      },
    };
  }

  /**
   * Moves a prompt on from the step it was read at, as one compare-and-set: the row is read again
   * in the transaction that writes it, and left alone unless still open at the same state and due
   * time. A sweep that read a prompt as shown and then waited for the settings and the record hash
   * turned the answer given meanwhile into "timed out"; a timer and the minute alarm each finished
   * the same prompt. False when the prompt had moved on.
   */
  function moveOn(
    read: StoredPrompt,
    next: (current: StoredPrompt) => StoredPrompt,
    alsoWrite: (written: StoredPrompt) => Promise<unknown> = async () => undefined,
  ): Promise<boolean> {
    return db.transaction('rw', [db.prompts, db.outbox, db.deadLetters, db.meta], async () => {
      const current = await db.prompts.get(read.id);
      if (!current || current.final) return false;
      if (current.state !== read.state || current.dueAt !== read.dueAt) return false;
      const written = next(current);
      await db.prompts.put(written);
      await alsoWrite(written);
      return true;
    });
  }

  /** Ends a prompt: its final state and its outbox event land together, once (see `moveOn`). */
  async function finish(
    prompt: StoredPrompt,
    state: PromptOutcome,
    at: number,
    extra: Partial<StoredPrompt> = {},
    alsoWrite: () => Promise<unknown> = async () => undefined,
  ): Promise<boolean> {
    const facts = await outcomeFacts(prompt);
    const finished = await moveOn(
      prompt,
      (current) => ({ ...current, ...extra, state, dueAt: null, final: true }),
      async (done) => {
        await queueEvents(db, [outcomeEvent(done, state, at, facts)], at);
        await alsoWrite();
      },
    );
    if (finished) deps.onChange();
    return finished;
  }

  /** `finish` for what the agent does: a prompt that moved on meanwhile refuses it. */
  async function finishAsked(...args: Parameters<typeof finish>) {
    if (!(await finish(...args))) throw new Error(NOT_OPEN);
  }

  async function decide(prompt: StoredPrompt) {
    const now = deps.now();
    const settings = await deps.settings();
    const history = await readHistory(now);
    const decision = decidePrompt(
      settings,
      history,
      {
        recordKey: prompt.recordKey,
        app: prompt.app,
        start: prompt.interaction.start,
        end: prompt.interaction.end,
        handleMs: prompt.interaction.handleMs,
        trigger: prompt.trigger,
      },
      await deps.agentState(),
      now,
      -new Date(now).getTimezoneOffset(),
    );
    if (decision.action === 'skip')
      return finish(prompt, 'skipped', now, { skipReason: decision.reason });
    if (decision.action === 'defer') {
      if (await moveOn(prompt, (current) => ({ ...current, dueAt: decision.until })))
        deps.wakeAt(decision.until);
      return;
    }
    const shown = await moveOn(
      prompt,
      (current) => ({
        ...current,
        state: 'shown',
        shownAt: now,
        scale: settings.scale,
        dueAt: now + settings.autoHideMs,
      }),
      async () =>
        db.meta.put({
          key: HISTORY_KEY,
          value: recordShown(await readHistory(now), { at: now, recordKey: prompt.recordKey }),
        }),
    );
    if (!shown) return;
    deps.wakeAt(now + settings.autoHideMs);
    deps.onChange();
  }

  async function update(
    id: string,
    change: (prompt: StoredPrompt, settings: PromptSettings, now: number) => Promise<void>,
  ) {
    const prompt = await db.prompts.get(id);
    if (!prompt || prompt.final) throw new Error(NOT_OPEN);
    await change(prompt, await deps.settings(), deps.now());
  }

  /** Writes `next` of the prompt as stored now, unless it was finished meanwhile. */
  async function rewrite(id: string, next: (current: StoredPrompt) => StoredPrompt) {
    await db.transaction('rw', db.prompts, async () => {
      const current = await db.prompts.get(id);
      if (!current || current.final) throw new Error(NOT_OPEN);
      await db.prompts.put(next(current));
    });
    deps.onChange();
  }

  return {
    /** The tracker ended an interaction: closed or another record took over may prompt. */
    async interactionEnded(output: InteractionEndedOutput) {
      const trigger = TRIGGER_OF[output.endReason];
      if (!trigger) return;
      const now = deps.now();
      const prompt: StoredPrompt = {
        id: deps.newId(now),
        recordKey: output.recordKey,
        app: output.app,
        trigger,
        interaction: output,
        state: 'pending',
        createdAt: now,
        dueAt: now,
        final: false,
      };
      await db.prompts.add(prompt);
      await decide(prompt);
    },

    /** Does what is due: deferred prompts asked again, unanswered ones timed out, answers made final. */
    async sweep() {
      const now = deps.now();
      const due = await db.prompts.where('dueAt').belowOrEqual(now).toArray();
      // Shown or answered "after now": the clock was set back since, and the times it set are
      // that much further away (an hour back kept a prompt on screen for an hour, not 45 s).
      const overtaken = await db.prompts
        .where('state')
        .anyOf('shown', 'answered')
        .filter((prompt) => !prompt.final && (prompt.answeredAt ?? prompt.shownAt ?? 0) > now)
        .toArray();
      for (const prompt of [...due, ...overtaken]) {
        if (prompt.final) continue;
        if (prompt.state === 'pending') await decide(prompt);
        else if (prompt.state === 'shown') await finish(prompt, 'timed-out', now);
        else if (prompt.state === 'answered')
          await finish(prompt, 'answered', Math.min(prompt.answeredAt ?? now, now));
      }
    },

    /** The prompt to show: the latest shown or just-answered one. */
    async active(): Promise<ActivePrompt | null> {
      const open = await db.prompts
        .where('state')
        .anyOf('shown', 'answered')
        .filter((p) => !p.final)
        .toArray();
      const latest = open.sort((a, b) => (b.shownAt ?? 0) - (a.shownAt ?? 0))[0];
      if (!latest?.shownAt) return null;
      const { id, recordKey, app, state, score, reasons, shownAt, answeredAt } = latest;
      const scale = latest.scale ?? (await deps.settings()).scale;
      return { id, recordKey, app, state, score, reasons, shownAt, answeredAt, scale };
    },

    answer(id: string, score: number) {
      return update(id, async (prompt, settings, now) => {
        // The scale the prompt shows, not one the team chose since: 6 on a 1–5 prompt went to
        // the dead letters, a 3 of 7 was counted as a 3 of 5.
        const scale = prompt.scale ?? settings.scale;
        const max = scale === 'ces-7' ? 7 : 5;
        if (!Number.isInteger(score) || score < 1 || score > max)
          throw new Error(`score must be 1–${max}`);
        const final = now + Math.max(settings.undoMs, REASONS_WINDOW_MS);
        await rewrite(id, (current) => ({
          ...current,
          state: 'answered',
          scale: current.scale ?? scale,
          score,
          answeredAt: now,
          dueAt: final,
        }));
        deps.wakeAt(final);
      });
    },

    setReasons(id: string, reasons: string[]) {
      return update(id, async (_prompt, settings) => {
        const allowed = reasons.filter((reason) => (settings.reasons as string[]).includes(reason));
        await rewrite(id, (current) => ({ ...current, reasons: allowed }));
      });
    },

    /** Within the undo window the answer is taken back and the prompt is open again. */
    undo(id: string) {
      return update(id, (_prompt, settings, now) =>
        rewrite(id, (current) => {
          if (current.state !== 'answered' || now - (current.answeredAt ?? 0) > settings.undoMs) {
            throw new Error('the answer can no longer be undone');
          }
          return {
            ...current,
            state: 'shown',
            score: undefined,
            answeredAt: undefined,
            reasons: undefined,
            dueAt: now + settings.autoHideMs,
          };
        }),
      );
    },

    /** "Done" after the chips, or closing an answered prompt: the answer is final now. */
    done(id: string) {
      return update(id, async (prompt, _settings, now) => {
        if (prompt.state !== 'answered') throw new Error('answer the prompt first');
        await finishAsked(prompt, 'answered', prompt.answeredAt ?? now);
      });
    },

    /** Closing a prompt: an answer already given stays the answer (Esc on the thank-you card). */
    dismiss(id: string) {
      return update(id, (prompt, _settings, now) =>
        prompt.state === 'answered'
          ? finishAsked(prompt, 'answered', prompt.answeredAt ?? now)
          : finishAsked(prompt, 'dismissed', now),
      );
    },

    snooze(id: string) {
      return update(id, (prompt, settings, now) =>
        finishAsked(prompt, 'snoozed', now, {}, async () =>
          db.meta.put({
            key: HISTORY_KEY,
            value: recordSnooze(await readHistory(now), now + settings.snoozeMs),
          }),
        ),
      );
    },
  };
}
export type FeedbackService = ReturnType<typeof createFeedbackService>;
