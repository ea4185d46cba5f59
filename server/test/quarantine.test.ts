import { afterEach, describe, expect, it } from 'vitest';
import type { OutboxEvent } from '../../contract/events';
import { createUuidV7 } from '../../contract/uuidv7';
import type { AcceptedEvent } from '../src/db/database';
import { projectAll } from '../src/db/events-repository';
import { sampleEvents } from '../../tests/support/sample-events';
import { testDatabases, uniqueTeam, type OpenedDatabase } from './helpers';

// Issue #13: one stored event the projector could not write (switchCount 3,000,000,000 overflows
// its integer column) made every report answer 500, for every team, until someone edited the
// database. The contract now refuses such values at ingest; events an older version let in are
// quarantined with their error instead, and everything else is projected.

const NOW = Date.UTC(2026, 11, 5, 12);
const uuid = createUuidV7();

/** `count` distinct interaction summaries; `overflow` gives the n-th one an impossible count. */
function summaries(count: number, overflow?: number): AcceptedEvent[] {
  const template = sampleEvents(NOW).find((event) => event.type === 'interaction.summary')!;
  return Array.from({ length: count }, (_, i) => {
    const end = NOW - (i + 1) * 600_000;
    const payload = template.payload as Extract<
      OutboxEvent,
      { type: 'interaction.summary' }
    >['payload'];
    return {
      id: uuid(end),
      type: 'interaction.summary',
      occurredAt: end,
      schemaVersion: 1,
      payload: {
        ...payload,
        start: end - 300_000,
        end,
        switchCount: i === overflow ? 3_000_000_000 : payload.switchCount,
      },
    };
  });
}

describe.each(testDatabases())('projection quarantine on $name', (database) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function interactionsOf(opened: OpenedDatabase, team: string) {
    const { rows } = await opened.query(
      `SELECT count(*)::integer AS n FROM interactions WHERE team = '${team}'`,
    );
    return rows[0]!.n as number;
  }

  it('quarantines the one event that cannot be projected; its chunk and other teams go on', async () => {
    const opened = await database.open();
    cleanups.push(() => opened.cleanup());
    const { db } = opened;
    const [poisoned, healthy] = [uniqueTeam('poisoned'), uniqueTeam('healthy')];
    await db.ensureTeam(poisoned);
    await db.ensureTeam(healthy);
    const bad = summaries(3, 1);
    await db.insertEvents(poisoned, 'agent-1', bad, new Date(NOW));
    await db.insertEvents(healthy, 'agent-2', summaries(2), new Date(NOW));

    await expect(projectAll(db)).resolves.toBeGreaterThan(0);
    expect(await interactionsOf(opened, poisoned)).toBe(2);
    expect(await interactionsOf(opened, healthy)).toBe(2);
    const quarantined = await db.listQuarantine();
    expect(quarantined).toEqual([expect.objectContaining({ team: poisoned, eventId: bad[1]!.id })]);
    expect(quarantined[0]!.error).toMatch(/out of range/);
    expect(await db.listQuarantine(healthy)).toEqual([]);

    // Retry queues it again (it fails again, and waits again); drop clears the entry.
    expect(await db.retryQuarantined()).toBe(1);
    expect(await db.listQuarantine()).toEqual([]);
    await projectAll(db);
    expect((await db.listQuarantine()).map((entry) => entry.eventId)).toEqual([bad[1]!.id]);
    expect(await db.dropQuarantined({ eventIds: [bad[1]!.id] })).toBe(1);
    expect(await db.listQuarantine()).toEqual([]);
    expect(await interactionsOf(opened, poisoned)).toBe(2);
  }, 30_000);

  it("retries and drops only the named team's entries, and an id only in that team", async () => {
    const opened = await database.open();
    cleanups.push(() => opened.cleanup());
    const { db } = opened;
    const [mine, theirs] = [uniqueTeam('mine'), uniqueTeam('theirs')];
    // The same event in both teams (ids are unique within a team), poisoned in each.
    const bad = summaries(2, 1);
    for (const team of [mine, theirs]) {
      await db.ensureTeam(team);
      await db.insertEvents(team, 'agent-1', bad, new Date(NOW));
    }
    await projectAll(db);
    const entriesOf = async (team: string) =>
      (await db.listQuarantine(team)).map((entry) => entry.eventId);
    expect(await entriesOf(mine)).toEqual([bad[1]!.id]);
    expect(await entriesOf(theirs)).toEqual([bad[1]!.id]);

    expect(await db.retryQuarantined({ team: mine })).toBe(1);
    expect(await entriesOf(theirs)).toEqual([bad[1]!.id]);
    await projectAll(db);
    expect(await db.dropQuarantined({ team: mine, eventIds: [bad[1]!.id] })).toBe(1);
    expect(await entriesOf(mine)).toEqual([]);
    expect(await entriesOf(theirs)).toEqual([bad[1]!.id]);
  }, 30_000);
});
