import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { OutboxEvent } from '../../contract/events';
import { sampleEvents } from '../../tests/support/sample-events';
import { openTouchpointDb, type TouchpointDb } from '../storage/db';
import { queueEvents } from './outbox-admission';

const NOW = Date.UTC(2026, 11, 5, 12);
const dbs: TouchpointDb[] = [];
afterEach(async () => {
  await Promise.all(dbs.splice(0).map((db) => Dexie.delete(db.name)));
});
const openDb = () => {
  const db = openTouchpointDb(`admission-${Math.random()}`);
  dbs.push(db);
  return db;
};

describe('queueing events under the collector contract', () => {
  it('queues valid events and dead-letters an out-of-range one with its reason', async () => {
    const db = openDb();
    const [summary, ...others] = sampleEvents(NOW);
    const corrupt = {
      ...summary!,
      payload: { ...(summary!.payload as object), switchCount: 3_000_000_000 },
    } as OutboxEvent;

    await db.transaction('rw', [db.outbox, db.deadLetters], () =>
      queueEvents(db, [corrupt, ...others], NOW),
    );

    expect((await db.outbox.toArray()).map((row) => row.id)).toEqual(others.map((e) => e.id));
    const [letter] = await db.deadLetters.toArray();
    expect(letter).toMatchObject({ id: corrupt.id, failedAt: NOW, attempts: 1 });
    expect(letter!.reason).toMatch(/^not sent: .*payload\.switchCount/);
  });

  it('refuses a NUL character in an app name before it can reach the collector', async () => {
    const db = openDb();
    const hourly = sampleEvents(NOW).find((event) => event.type === 'app.hourly')!;
    const bad = { ...hourly, payload: { ...(hourly.payload as object), app: 'zen\u0000desk' } };
    await queueEvents(db, [bad as OutboxEvent], NOW);
    expect(await db.outbox.count()).toBe(0);
    expect((await db.deadLetters.get(hourly.id))?.reason).toMatch(/payload\.app: app id must be/);
  });
});
