import { describe, expect, it } from 'vitest';
import { outboxEventSchema } from '../contract/events';
import { createSeededIds, generateDemoData, toCxRow, toOutboxEvents } from './report-data';

describe('generateDemoData', () => {
  const rows = generateDemoData({ seed: 3, interactions: 2_000 });

  it('gives the same data for the same seed and different data for another', () => {
    expect(generateDemoData({ seed: 3, interactions: 2_000 })).toEqual(rows);
    expect(generateDemoData({ seed: 4, interactions: 2_000 })).not.toEqual(rows);
  });

  it('spreads interactions over teams, agents and whole ISO weeks with plausible figures', () => {
    expect(new Set(rows.map((row) => row.team)).size).toBe(3);
    expect(new Set(rows.map((row) => row.agentId)).size).toBe(24);
    expect(new Set(rows.map((row) => row.week))).toEqual(
      new Set([
        '2025-W02',
        '2025-W03',
        '2025-W04',
        '2025-W05',
        '2025-W06',
        '2025-W07',
        '2025-W08',
        '2025-W09',
      ]),
    );
    expect(new Set(rows.map((row) => row.recordHash)).size).toBe(rows.length);
    for (const row of rows) {
      expect(row.recordHash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.appsUsed[0]).toBe(row.app);
      expect(row.awayMs === 0).toBe(row.switchCount === 0);
      if (row.effortScore !== null) expect(row.effortScore).toBeGreaterThanOrEqual(1);
      if (row.csat !== null) expect([1, 2, 3, 4, 5]).toContain(row.csat);
    }
    const answered = rows.filter((row) => row.effortScore !== null).length / rows.length;
    const withCsat = rows.filter((row) => row.csat !== null).length / rows.length;
    expect(answered).toBeGreaterThan(0.45);
    expect(answered).toBeLessThan(0.55);
    expect(withCsat).toBeGreaterThan(0.55);
    expect(withCsat).toBeLessThan(0.65);
  });

  it('emits outbox events the collector accepts, and CX rows joined on the record hash', () => {
    const newId = createSeededIds(3);
    for (const row of rows.slice(0, 300)) {
      const events = toOutboxEvents(row, newId);
      expect(events.map((event) => event.type)).toEqual(['interaction.summary', 'prompt.outcome']);
      for (const event of events) {
        const parsed = outboxEventSchema.safeParse(event);
        expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
      }
      const outcome = events[1]!;
      if (outcome.type !== 'prompt.outcome') throw new Error('expected a prompt outcome');
      expect(outcome.payload.score).toBe(row.effortScore);
      expect(outcome.payload.interaction.recordHash).toBe(row.recordHash);
      const cx = toCxRow(row);
      if (row.csat === null) expect(cx).toBeNull();
      else expect(cx).toMatchObject({ recordHash: row.recordHash, csat: row.csat, scale: '1-5' });
    }
  });

  it('refuses an effect that leaves no room for noise', () => {
    expect(() =>
      generateDemoData({
        seed: 1,
        interactions: 1,
        effect: { switchesOnCsat: -0.9, effortOnCsat: 0.9 },
      }),
    ).toThrow(/effect too strong/);
  });
});
