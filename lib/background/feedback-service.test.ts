import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_PROMPT_SETTINGS, type AgentState, type PromptSettings } from '../feedback';
import { openTouchpointDb, type TouchpointDb } from '../storage/db';
import { outboxEventSchema } from '../../contract/events';
import { createUuidV7 } from '../../contract/uuidv7';
import type { InteractionEndedOutput } from '../tracking/outputs';
import { storedPrompt } from '../../tests/support/feedback/stored-prompt';
import { createFeedbackService, REASONS_WINDOW_MS } from './feedback-service';

const T0 = Date.UTC(2026, 10, 25, 10);
const dbs: TouchpointDb[] = [];
afterEach(async () => {
  await Promise.all(dbs.splice(0).map((db) => db.delete()));
});

function ended(
  recordId: string,
  end: number,
  endReason: InteractionEndedOutput['endReason'] = 'closed',
): InteractionEndedOutput {
  return {
    type: 'interaction.ended',
    recordKey: `zendesk:ticket:${recordId}`,
    app: 'zendesk',
    start: end - 5 * 60_000,
    end,
    endReason,
    handleMs: 4 * 60_000,
    awayMs: 60_000,
    outsideMs: 0,
    switchCount: 3,
    inAppTabSwitches: 0,
    returns: 1,
    distinctApps: 2,
    appsUsed: ['zendesk', 'gmail'],
  };
}

/** Holds the next call of a dependency until `open()`, to interleave two calls of the service. */
function gate() {
  let armed = false;
  let release = () => undefined as void;
  return {
    arm: () => void (armed = true),
    open: () => release(),
    pass: async () => {
      if (!armed) return;
      armed = false;
      await new Promise<void>((resolve) => (release = resolve));
    },
  };
}

function setup(agent: Partial<AgentState> = {}) {
  const db = openTouchpointDb(`feedback-${Math.random()}`);
  dbs.push(db);
  const clock = { now: T0 };
  const settings: PromptSettings = { ...DEFAULT_PROMPT_SETTINGS, samplingRate: 1 };
  const settingsGate = gate();
  const hashGate = gate();
  const state: AgentState = {
    lastKeystrokeAt: null,
    editableFocused: false,
    onCall: false,
    ...agent,
  };
  const feedback = createFeedbackService({
    db,
    settings: async () => {
      await settingsGate.pass();
      return settings;
    },
    agentState: async () => state,
    hashRecord: async () => {
      await hashGate.pass();
      return 'f'.repeat(64);
    },
    newId: createUuidV7(),
    now: () => clock.now,
    wakeAt: () => undefined,
    onChange: () => undefined,
  });
  const outcomes = async () =>
    (await db.outbox.toArray()).flatMap((event) => {
      const parsed = outboxEventSchema.parse(event);
      return parsed.type === 'prompt.outcome' ? [parsed.payload] : [];
    });
  return { db, clock, state, settings, settingsGate, hashGate, feedback, outcomes };
}

/** Lets the service run up to its next wait on a gate. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('effort prompt lifecycle', () => {
  it('shows a prompt when a ticket is solved, and records the final answer with the interaction’s figures', async () => {
    const { clock, feedback, outcomes } = setup();
    await feedback.interactionEnded(ended('42', T0));
    const shown = await feedback.active();
    expect(shown).toMatchObject({ recordKey: 'zendesk:ticket:42', state: 'shown' });

    clock.now = T0 + 2_000;
    await feedback.answer(shown!.id, 4);
    await feedback.setReasons(shown!.id, ['too-many-tools', 'not-a-reason']);
    expect(await outcomes()).toEqual([]); // not final during undo and reasons

    clock.now = T0 + 2_000 + REASONS_WINDOW_MS;
    await feedback.sweep();
    const [outcome] = await outcomes();
    expect(outcome).toMatchObject({
      outcome: 'answered',
      score: 4,
      reasons: ['too-many-tools'],
      latencyMs: 2_000,
      interaction: {
        recordHash: 'f'.repeat(64),
        switchCount: 3,
        awayMs: 60_000,
        handleMs: 240_000,
      },
    });
    expect(JSON.stringify(outcome)).not.toContain(':42');
    expect(await feedback.active()).toBeNull();
  });

  it('takes an answer back within the undo window', async () => {
    const { clock, feedback } = setup();
    await feedback.interactionEnded(ended('42', T0));
    const { id } = (await feedback.active())!;
    await feedback.answer(id, 2);
    clock.now += 3_000;
    await feedback.undo(id);
    expect(await feedback.active()).toMatchObject({ state: 'shown', score: undefined });
    await feedback.answer(id, 5);
    clock.now += 6_000;
    await expect(feedback.undo(id)).rejects.toThrow('can no longer be undone');
  });

  it('keeps the answer when the agent closes the thank-you card (Esc)', async () => {
    const { feedback, outcomes } = setup();
    await feedback.interactionEnded(ended('42', T0));
    const { id } = (await feedback.active())!;
    await feedback.answer(id, 4);
    await feedback.dismiss(id);
    expect((await outcomes()).map(({ outcome, score }) => [outcome, score])).toEqual([
      ['answered', 4],
    ]);
  });

  it('sends the answer given after the clock was set back while the prompt showed', async () => {
    const { db, clock, feedback, outcomes } = setup();
    await feedback.interactionEnded(ended('42', T0));
    const { id } = (await feedback.active())!;
    // Time sync steps the clock back a minute, then the agent answers.
    clock.now = T0 - 60_000;
    await feedback.answer(id, 4);
    clock.now += REASONS_WINDOW_MS;
    await feedback.sweep();
    expect(await outcomes()).toEqual([
      expect.objectContaining({ outcome: 'answered', score: 4, latencyMs: 0 }),
    ]);
    expect(await db.deadLetters.count()).toBe(0);
  });

  it('takes a prompt down at the next sweep when the clock went an hour back while it showed', async () => {
    const { clock, feedback, outcomes } = setup();
    await feedback.interactionEnded(ended('43', T0));
    expect(await feedback.active()).toMatchObject({ recordKey: 'zendesk:ticket:43' });
    clock.now = T0 - 60 * 60_000;
    await feedback.sweep();
    expect(await feedback.active()).toBeNull();
    expect((await outcomes()).map(({ outcome }) => outcome)).toEqual(['timed-out']);
  });

  it('skips a second interaction inside the minimum gap, and says why', async () => {
    const { clock, feedback, outcomes } = setup();
    await feedback.interactionEnded(ended('42', T0));
    await feedback.dismiss((await feedback.active())!.id);
    clock.now = T0 + 5 * 60_000;
    await feedback.interactionEnded(ended('43', clock.now));
    expect(await feedback.active()).toBeNull();
    expect((await outcomes()).map((o) => [o.outcome, o.skipReason])).toEqual([
      ['dismissed', null],
      ['skipped', 'min-gap'],
    ]);
  });

  it('waits while the agent types, then shows the prompt', async () => {
    const { clock, state, feedback } = setup({ editableFocused: true });
    await feedback.interactionEnded(ended('42', T0));
    expect(await feedback.active()).toBeNull();
    state.editableFocused = false;
    clock.now = T0 + DEFAULT_PROMPT_SETTINGS.deferStepMs;
    await feedback.sweep();
    expect(await feedback.active()).toMatchObject({ state: 'shown' });
  });

  it('times out an unanswered prompt and honours "not now" for the snooze period', async () => {
    const { clock, feedback, outcomes } = setup();
    await feedback.interactionEnded(ended('42', T0));
    clock.now = T0 + DEFAULT_PROMPT_SETTINGS.autoHideMs;
    await feedback.sweep();
    clock.now = T0 + 25 * 60_000;
    await feedback.interactionEnded(ended('43', clock.now));
    await feedback.snooze((await feedback.active())!.id);
    clock.now += 10 * 60_000;
    await feedback.interactionEnded(ended('44', clock.now));
    expect((await outcomes()).map((o) => [o.outcome, o.skipReason])).toEqual([
      ['timed-out', null],
      ['snoozed', null],
      ['skipped', 'snoozed'],
    ]);
  });

  it('prompts when an admin trigger ended the interaction, and says so in the outcome', async () => {
    const { clock, feedback, outcomes } = setup();
    await feedback.interactionEnded(ended('42', T0, 'admin-trigger'));
    const shown = await feedback.active();
    expect(shown).toMatchObject({ recordKey: 'zendesk:ticket:42', state: 'shown' });
    await feedback.dismiss(shown!.id);
    clock.now += 1000;
    expect((await outcomes()).map(({ outcome, trigger }) => [outcome, trigger])).toEqual([
      ['dismissed', 'admin-trigger'],
    ]);
  });

  it('does not prompt for interactions that ended by idleness or a closed tab', async () => {
    const { feedback, db } = setup();
    await feedback.interactionEnded(ended('42', T0, 'idle'));
    await feedback.interactionEnded(ended('43', T0, 'tab-removed'));
    expect(await db.prompts.count()).toBe(0);
  });
});

describe('one outcome per prompt', () => {
  it('keeps the answer the agent gave while a sweep was timing the prompt out', async () => {
    const { clock, hashGate, feedback, outcomes } = setup();
    await feedback.interactionEnded(ended('42', T0));
    const { id } = (await feedback.active())!;
    clock.now = T0 + DEFAULT_PROMPT_SETTINGS.autoHideMs;
    hashGate.arm();
    const sweeping = feedback.sweep(); // read the prompt as shown, waits for the record hash
    await settle();
    await feedback.answer(id, 2); // the agent sees "thanks"
    hashGate.open();
    await sweeping;
    expect(await feedback.active()).toMatchObject({ state: 'answered', score: 2 });
    clock.now += REASONS_WINDOW_MS;
    await feedback.sweep();
    expect((await outcomes()).map(({ outcome, score }) => [outcome, score])).toEqual([
      ['answered', 2],
    ]);
  });

  it('refuses an answer that comes after the timeout was written, instead of reopening the prompt', async () => {
    const { clock, settingsGate, feedback, outcomes } = setup();
    await feedback.interactionEnded(ended('42', T0));
    const { id } = (await feedback.active())!;
    clock.now = T0 + DEFAULT_PROMPT_SETTINGS.autoHideMs;
    settingsGate.arm();
    const answering = feedback.answer(id, 2); // read the prompt as shown, waits for the settings
    await settle();
    await feedback.sweep();
    settingsGate.open();
    await expect(answering).rejects.toThrow('no longer open');
    clock.now += REASONS_WINDOW_MS;
    await feedback.sweep();
    expect((await outcomes()).map(({ outcome }) => outcome)).toEqual(['timed-out']);
    expect(await feedback.active()).toBeNull();
  });

  it('times a prompt out once when the timer and the minute alarm sweep together', async () => {
    const { clock, feedback, outcomes } = setup();
    await feedback.interactionEnded(ended('42', T0));
    clock.now = T0 + DEFAULT_PROMPT_SETTINGS.autoHideMs;
    await Promise.all([feedback.sweep(), feedback.sweep()]);
    expect((await outcomes()).map(({ outcome }) => outcome)).toEqual(['timed-out']);
  });
});

describe('the scale of an answer', () => {
  it('sends an answer on the scale the prompt was shown with when the team changes it before the answer is final', async () => {
    const { db, clock, settings, feedback, outcomes } = setup();
    settings.scale = 'ces-7';
    await feedback.interactionEnded(ended('42', T0));
    const { id } = (await feedback.active())!;
    await feedback.answer(id, 6);
    // The supervisor moves the team to 1–5; the browser was closed until the next morning.
    settings.scale = '1-5';
    clock.now = T0 + 16 * 60 * 60_000;
    await feedback.sweep();
    expect((await outcomes()).map(({ scale, score }) => [scale, score])).toEqual([['ces-7', 6]]);
    expect(await db.deadLetters.count()).toBe(0);
  });

  it('checks an answer against the scale the prompt shows, not one set since', async () => {
    const { settings, feedback } = setup();
    await feedback.interactionEnded(ended('42', T0));
    const { id } = (await feedback.active())!;
    settings.scale = 'ces-7';
    expect(await feedback.active()).toMatchObject({ scale: '1-5' });
    await expect(feedback.answer(id, 6)).rejects.toThrow('score must be 1–5');
    await feedback.answer(id, 3);
    await feedback.done(id);
  });

  it('sends an answer kept before prompts recorded their scale on the scale in force', async () => {
    const { db, clock, settings, feedback, outcomes } = setup();
    settings.scale = 'ces-7';
    await db.prompts.add({
      ...storedPrompt('p1', 'zendesk:ticket:42', T0, {
        state: 'answered',
        final: false,
        dueAt: T0,
      }),
      shownAt: T0 - 5_000,
      answeredAt: T0 - 2_000,
      score: 6,
    });
    clock.now = T0 + 1;
    await feedback.sweep();
    expect((await outcomes()).map(({ scale, score }) => [scale, score])).toEqual([['ces-7', 6]]);
  });
});
