import { describe, expect, it } from 'vitest';
import { leavesOf, sampleEvents, withLeaf } from '../tests/support/sample-events';
import { maxSwitchesIn, outboxEventSchema, SWITCH_ALLOWANCE, SWITCH_SPACING_MS } from './events';

// Issue #13: one value a real day cannot produce (3,000,000,000 switches, a NUL in an app id)
// stored with 200 stopped every team's reports. The contract now refuses each at the door.

const NOW = Date.UTC(2026, 11, 5, 12);
const events = sampleEvents(NOW);
const pathOf = (path: (string | number)[]) => path.join('.');

describe('outbox event bounds', () => {
  it('accepts one valid event of every type', () => {
    for (const event of events) expect(outboxEventSchema.safeParse(event).error).toBeUndefined();
  });

  const numericLeaves = events.flatMap((event) =>
    leavesOf(event)
      .filter((leaf) => typeof leaf.value === 'number' && leaf.path[0] !== 'schemaVersion')
      .map((leaf) => ({ event, leaf })),
  );

  it.each([3_000_000_000, -1, 1.5])('refuses %s in every numeric field', (bad) => {
    expect(numericLeaves.length).toBeGreaterThan(25);
    for (const { event, leaf } of numericLeaves) {
      const result = outboxEventSchema.safeParse(withLeaf(event, leaf, bad));
      expect(result.success, `${event.type} ${pathOf(leaf.path)} = ${bad}`).toBe(false);
    }
  });

  const stringLeaves = events.flatMap((event) =>
    leavesOf(event)
      .filter((leaf) => typeof leaf.value === 'string')
      .map((leaf) => ({ event, leaf })),
  );

  it.each([
    ['a NUL character', '\u0000'],
    ['a lone high surrogate', '\ud800'],
    ['a lone low surrogate', '\udc00'],
  ])('refuses %s in every string field and record key', (_name, bad) => {
    expect(stringLeaves.length).toBeGreaterThan(20);
    for (const { event, leaf } of stringLeaves) {
      const value = leaf.value as string;
      const result = outboxEventSchema.safeParse(withLeaf(event, leaf, `${value}${bad}`));
      expect(result.success, `${event.type} ${pathOf(leaf.path)}`).toBe(false);
    }
  });

  it('keeps a paired surrogate (an emoji) where free text is allowed', () => {
    const dropped = events.find((event) => event.type === 'events.dropped')!;
    const leaf = leavesOf(dropped).find((candidate) => candidate.isKey)!;
    expect(outboxEventSchema.safeParse(withLeaf(dropped, leaf, 'app.hourly😀')).success).toBe(true);
  });

  it('says which field is out of range', () => {
    const summary = events.find((event) => event.type === 'interaction.summary')!;
    const leaf = leavesOf(summary).find((candidate) => candidate.path.at(-1) === 'switchCount')!;
    const result = outboxEventSchema.safeParse(withLeaf(summary, leaf, 3_000_000_000));
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain(
      'payload.switchCount',
    );
  });

  it('refuses an interaction that ends before it starts or lasts more than a day', () => {
    const summary = events.find((event) => event.type === 'interaction.summary')!;
    const payload = summary.payload as { start: number; end: number };
    const backwards = { ...summary, payload: { ...payload, end: payload.start - 1 } };
    const endless = { ...summary, payload: { ...payload, start: payload.end - 86_400_001 } };
    expect(outboxEventSchema.safeParse(backwards).success).toBe(false);
    expect(outboxEventSchema.safeParse(endless).success).toBe(false);
  });

  it('refuses handle, away and outside time that add up to more than the interaction lasted', () => {
    const summary = events.find((event) => event.type === 'interaction.summary')!;
    const payload = summary.payload as { start: number; end: number };
    const length = payload.end - payload.start;
    const times = (handleMs: number, awayMs: number, outsideMs: number) => ({
      ...summary,
      payload: { ...payload, handleMs, awayMs, outsideMs },
    });
    expect(outboxEventSchema.safeParse(times(length - 2, 1, 1)).success).toBe(true);
    const padded = outboxEventSchema.safeParse(times(length, 1, 0));
    expect(padded.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['payload.handleMs']);
    expect(padded.error?.issues[0]?.message).toMatch(/more than the interaction lasted/);
    expect(outboxEventSchema.safeParse(times(0, 0, length + 1)).success).toBe(false);
  });

  it("refuses switches, in-app tab switches and returns beyond one per 100 ms of the interaction's length", () => {
    const summary = events.find((event) => event.type === 'interaction.summary')!;
    const outcome = events.find((event) => event.type === 'prompt.outcome')!;
    const payload = summary.payload as { start: number; end: number };
    const minute = { ...payload, start: payload.end - 60_000, handleMs: 60_000, awayMs: 0 };
    const counted = (counts: object, base: object = minute) => ({
      ...summary,
      payload: { ...base, outsideMs: 0, ...counts },
    });
    // The reviewer's forgery: 50,000 switches in a minute, within the flat bound of a long day.
    const forged = outboxEventSchema.safeParse(counted({ switchCount: 50_000 }));
    expect(forged.error?.issues.map((issue) => issue.path.join('.'))).toEqual([
      'payload.switchCount',
    ]);
    expect(forged.error?.issues[0]?.message).toBe(
      "switchCount 50000 is more than one per 100 ms of the interaction's 60000 ms (at most 610)",
    );
    // One per 100 ms, and the allowance, is the limit for each of the three counts.
    const limit = maxSwitchesIn(60_000);
    expect(limit).toBe(60_000 / SWITCH_SPACING_MS + SWITCH_ALLOWANCE);
    for (const field of ['switchCount', 'inAppTabSwitches', 'returns']) {
      expect(outboxEventSchema.safeParse(counted({ [field]: limit })).success, field).toBe(true);
      const over = outboxEventSchema.safeParse(counted({ [field]: limit + 1 }));
      expect(
        over.error?.issues.map((issue) => issue.path.join('.')),
        field,
      ).toEqual([`payload.${field}`]);
      expect(over.error?.issues[0]?.message).toMatch(new RegExp(`^${field} ${limit + 1} is more`));
    }
    // An interaction of 0 ms keeps its switch (and a burst of browser events), never a hundred.
    const instant = { ...payload, start: payload.end, handleMs: 0, awayMs: 0 };
    const burst = { switchCount: SWITCH_ALLOWANCE, inAppTabSwitches: 1, returns: 1 };
    expect(outboxEventSchema.safeParse(counted(burst, instant)).success).toBe(true);
    expect(outboxEventSchema.safeParse(counted({ switchCount: 100 }, instant)).success).toBe(false);
    // The interaction inside a prompt's outcome is held to the same bound.
    const outcomePayload = outcome.payload as { interaction: object };
    const forgedOutcome = {
      ...outcome,
      payload: { ...outcomePayload, interaction: { ...minute, outsideMs: 0, returns: 50_000 } },
    };
    expect(
      outboxEventSchema.safeParse(forgedOutcome).error?.issues.map((issue) => issue.path.join('.')),
    ).toEqual(['payload.interaction.returns']);
  });

  it('refuses a score above the scale it was asked on, and list separators in ids', () => {
    const outcome = events.find((event) => event.type === 'prompt.outcome')!;
    const payload = outcome.payload as { scale: string; score: number; reasons: string[] };
    const sevenOfFive = { ...outcome, payload: { ...payload, scale: '1-5', score: 7 } };
    const sevenOfSeven = { ...outcome, payload: { ...payload, scale: 'ces-7', score: 7 } };
    const glued = { ...outcome, payload: { ...payload, reasons: ['policy\u001fslow-system'] } };
    expect(outboxEventSchema.safeParse(sevenOfFive).error?.issues[0]?.path).toEqual([
      'payload',
      'score',
    ]);
    expect(outboxEventSchema.safeParse(sevenOfSeven).success).toBe(true);
    expect(outboxEventSchema.safeParse(glued).success).toBe(false);

    const summary = events.find((event) => event.type === 'interaction.summary')!;
    const apps = { ...summary, payload: { ...summary.payload, appsUsed: ['zendesk\u001fgmail'] } };
    expect(outboxEventSchema.safeParse(apps).success).toBe(false);
  });
});
