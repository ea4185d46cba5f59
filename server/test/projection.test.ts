import { afterEach, describe, expect, it } from 'vitest';
import type { OutboxEvent } from '../../contract/events';
import { startCollector } from '../src/collector';
import type { AcceptedEvent } from '../src/db/database';
import { toInteractionRow } from '../../demo/demo-data-seed';
import { createSeededIds, generateDemoData, toOutboxEvents } from '../../demo/report-data';
import { testDatabases, uniqueTeam, type OpenedDatabase } from './helpers';
import { inspectDatabase } from '../../tests/support/collector-inspector';

// Ingest stores events and queues them; the projector turns them into interactions later
// (server/src/ingest/projector.ts). Nothing stored may be lost to that gap, or counted twice.

const NOW = Date.parse('2026-03-02T12:00:00Z');

/** `count` demo interactions of one agent as outbox events, plus a page CSAT for the first. */
function demoEvents(count: number, seed: number) {
  const rows = generateDemoData({
    seed,
    interactions: count,
    teams: 1,
    agentsPerTeam: 1,
    weeks: 2,
  });
  const newId = createSeededIds(seed);
  const events: OutboxEvent[] = rows.flatMap((row) => toOutboxEvents(row, newId));
  events.push({
    id: newId(rows[0]!.occurredAt + 60_000),
    type: 'cx.observed',
    occurredAt: rows[0]!.occurredAt + 60_000,
    schemaVersion: 1,
    payload: { app: rows[0]!.app, recordType: 'ticket', recordHash: rows[0]!.recordHash, csat: 2 },
  });
  return { rows, events: events as AcceptedEvent[] };
}

async function count(opened: OpenedDatabase, table: string, team: string) {
  const { rows } = await opened.query(
    `SELECT count(*)::integer AS n FROM ${table} WHERE team = '${team}'`,
  );
  return rows[0]!.n as number;
}

describe.each(testDatabases())('projection of ingested events on $name', (database) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function open(options?: { persistent?: boolean }) {
    const opened = await database.open(options);
    cleanups.push(() => opened.cleanup());
    return opened;
  }

  it('projects events stored before a stop when the collector starts again, exactly once', async () => {
    const opened = await open({ persistent: true });
    const team = uniqueTeam();
    await opened.db.ensureTeam(team);
    const { rows, events } = demoEvents(300, 7);
    const half = events.length / 2;
    await opened.db.insertEvents(team, rows[0]!.agentId, events.slice(0, half), new Date(NOW));
    await opened.db.insertEvents(team, rows[0]!.agentId, events.slice(half), new Date(NOW));
    // A resent batch stores nothing and queues nothing.
    await opened.db.insertEvents(team, rows[0]!.agentId, events.slice(half), new Date(NOW));
    expect(await count(opened, 'projection_queue', team)).toBe(2);
    expect(await count(opened, 'interactions', team)).toBe(0);

    await opened.db.close();
    const db = await opened.reopen();
    const collector = await startCollector({ db, log: { level: 'silent' } });
    cleanups.push(() => collector.close());
    // No report asks: the collector's own projector catches up after the restart.
    await expect.poll(() => count(opened, 'projection_queue', team), { timeout: 10_000 }).toBe(0);
    expect(await count(opened, 'interactions', team)).toBe(300);

    const loaded = await inspectDatabase(db).loadReportRows(team, 0, NOW);
    expect(loaded).toHaveLength(300);
    const answered = rows.filter((row) => row.effortScore !== null).length;
    expect(loaded.filter((row) => row.effortScore !== null)).toHaveLength(answered);
    expect(loaded.find((row) => row.recordHash === rows[0]!.recordHash)?.csat).toBe(2);
  }, 30_000);

  it('a report sees every event stored before it, however the projector is scheduled', async () => {
    const opened = await open();
    const team = uniqueTeam();
    await opened.db.ensureTeam(team);
    const { rows, events } = demoEvents(120, 8);
    for (let at = 0; at < events.length; at += 50) {
      await opened.db.insertEvents(
        team,
        rows[0]!.agentId,
        events.slice(at, at + 50),
        new Date(NOW),
      );
    }
    expect(await count(opened, 'interactions', team)).toBe(0);
    expect(await inspectDatabase(opened.db).loadReportRows(team, 0, NOW)).toHaveLength(120);
    expect(await count(opened, 'projection_queue', team)).toBe(0);
  });

  it("a report catches up on its own team's queue only, as it stood when the report started", async () => {
    const opened = await open();
    const [team, busy] = [uniqueTeam('reported'), uniqueTeam('busy')];
    for (const id of [team, busy]) await opened.db.ensureTeam(id);
    const mine = demoEvents(60, 9);
    const theirs = demoEvents(60, 10);
    await opened.db.insertEvents(busy, theirs.rows[0]!.agentId, theirs.events, new Date(NOW));
    await opened.db.insertEvents(team, mine.rows[0]!.agentId, mine.events, new Date(NOW));
    // Another team's browsers keep sending while the report runs: it must not wait for them.
    const queuedRows = await count(opened, 'projection_queue', busy);
    expect(queuedRows).toBeGreaterThan(0);
    expect((await opened.db.loadReportColumns(team, 0, NOW)).length).toBe(60);
    expect(await count(opened, 'projection_queue', team)).toBe(0);
    expect(await count(opened, 'projection_queue', busy)).toBe(queuedRows);
    expect(await count(opened, 'interactions', busy)).toBe(0);
  });

  it('projects events into the same rows as the direct writer (demo data, benchmarks)', async () => {
    const opened = await open();
    const [viaEvents, direct] = [uniqueTeam(), uniqueTeam()];
    await opened.db.ensureTeam(viaEvents);
    await opened.db.ensureTeam(direct);
    const { rows, events } = demoEvents(200, 10);
    // Repeated apps and the record's own app in the list: time away goes to the others, once each.
    const listed = {
      ...rows[1]!,
      recordHash: 'f'.repeat(64),
      appsUsed: ['gmail', rows[1]!.app, 'slack', 'gmail'],
    };
    rows.push(listed);
    events.push(...(toOutboxEvents(listed, createSeededIds(11)) as AcceptedEvent[]));
    await opened.db.insertEvents(viaEvents, rows[0]!.agentId, events, new Date(NOW));
    await inspectDatabase(opened.db).projectAll();
    await inspectDatabase(opened.db).insertInteractions(direct, rows.map(toInteractionRow));
    const columns = `agent_id, app, record_hash, ended_at, handle_ms, away_ms, switch_count,
      apps_used, effort_score, effort_scale, reasons, away_apps`;
    const read = async (team: string) =>
      (
        await opened.query(
          `SELECT ${columns} FROM interactions WHERE team = '${team}' ORDER BY record_hash, ended_at, apps_used`,
        )
      ).rows;
    const projected = await read(viaEvents);
    expect(projected).toHaveLength(201);
    expect(projected).toEqual(await read(direct));
    expect(projected.find((row) => row.record_hash === listed.recordHash)?.away_apps).toEqual([
      'gmail',
      'slack',
    ]);
  });

  it('projectors running at once project each event once', async () => {
    const opened = await open();
    const team = uniqueTeam();
    await opened.db.ensureTeam(team);
    const { rows, events } = demoEvents(400, 9);
    for (let at = 0; at < events.length; at += 100) {
      await opened.db.insertEvents(
        team,
        rows[0]!.agentId,
        events.slice(at, at + 100),
        new Date(NOW),
      );
    }
    const projected = await Promise.all([
      inspectDatabase(opened.db).projectAll(),
      inspectDatabase(opened.db).projectAll(),
      opened.db.projectPending(150),
    ]);
    expect(projected.reduce((sum, n) => sum + n, 0)).toBe(events.length);
    expect(await count(opened, 'interactions', team)).toBe(400);
    expect(await count(opened, 'projection_queue', team)).toBe(0);
  });
});
