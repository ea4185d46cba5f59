import { afterEach, describe, expect, it } from 'vitest';
import { outboxEventSchema } from '../../contract/events';
import { createUuidV7 } from '../../contract/uuidv7';
import { DEFAULT_TRACKER_CONFIG } from '../tracking/config';
import type { TrackerEvent } from '../tracking/events';
import { flushTracker, reduceTracker } from '../tracking/reducer';
import { initialTrackerState, type TrackerState } from '../tracking/state';
import type { TrackerOutput } from '../tracking/outputs';
import { openTouchpointDb, type TouchpointDb } from './db';
import { createTrackingStore } from './tracking-store';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 25, 9);

const dbs: TouchpointDb[] = [];
afterEach(async () => {
  await Promise.all(dbs.splice(0).map((db) => db.delete()));
});

function setup() {
  const db = openTouchpointDb(`store-${Math.random()}`);
  dbs.push(db);
  const store = createTrackingStore(db, {
    newId: createUuidV7(),
    hashRecord: async () => 'a'.repeat(64),
  });
  return { db, store };
}

const segment = (app: string, start: number, end: number): TrackerOutput => ({
  type: 'segment',
  app,
  category: 'crm',
  tabId: 1,
  start,
  end,
});

describe('tracking store', () => {
  it('queues per-app totals of each finished hour exactly once', async () => {
    const { db, store } = setup();
    // The state these outputs lead to: its open span starts where they end.
    await store.applyStep(initialTrackerState(T0 + 80 * 60_000), [
      segment('zendesk', T0 + 10 * 60_000, T0 + 70 * 60_000),
      segment('gmail', T0 + 70 * 60_000, T0 + 80 * 60_000),
    ]);
    expect(await store.emitHourlyTotals(T0 + HOUR + 30 * 60_000)).toBe(1);
    expect(await store.emitHourlyTotals(T0 + HOUR + 45 * 60_000)).toBe(0);
    // 11:00, but what followed 10:20 is not stored yet: the hour waits for it.
    expect(await store.emitHourlyTotals(T0 + 2 * HOUR + 1)).toBe(0);
    await store.applyStep(initialTrackerState(T0 + 2 * HOUR), []);
    expect(await store.emitHourlyTotals(T0 + 2 * HOUR + 1)).toBe(2);
    const hourly = (await db.outbox.toArray()).map((event) => event.payload);
    expect(hourly).toEqual([
      { hourStart: T0, app: 'zendesk', ms: 50 * 60_000 },
      { hourStart: T0 + HOUR, app: 'gmail', ms: 10 * 60_000 },
      { hourStart: T0 + HOUR, app: 'zendesk', ms: 10 * 60_000 },
    ]);
  });

  it('gives each hour all its time when a span crosses the hour, though a flush stores it late', async () => {
    const { db, store } = setup();
    const config = DEFAULT_TRACKER_CONFIG;
    let state: TrackerState = initialTrackerState(T0);
    let now = T0 + 50 * 60_000;
    const step = async (event: TrackerEvent) => {
      const next = reduceTracker(state, event, now, config);
      await store.applyStep(next.state, next.outputs);
      state = next.state;
    };
    // Zendesk in front 09:50–10:20, then another program; the wiring's minute alarm throughout:
    // the flush stores time up to a minute (the idle threshold) before now, then hours are queued.
    await step({
      type: 'tab.activated',
      tabId: 1,
      windowId: 1,
      app: { id: 'zendesk', category: 'crm' },
    });
    await step({ type: 'window.focused', windowId: 1 });
    for (; now <= T0 + 2 * HOUR + 5 * 60_000; now += 60_000) {
      if (now === T0 + 80 * 60_000) await step({ type: 'window.focused', windowId: -1 });
      const flushed = flushTracker(state, now, config, { holdBackIdleWindow: true });
      await store.applyStep(flushed.state, flushed.outputs);
      state = flushed.state;
      await store.emitHourlyTotals(now);
    }
    const hourly = (await db.outbox.toArray()).map((event) => event.payload);
    expect(hourly).toEqual([
      { hourStart: T0, app: 'zendesk', ms: 10 * 60_000 },
      { hourStart: T0 + HOUR, app: 'zendesk', ms: 20 * 60_000 },
    ]);
  });

  it('writes an interaction summary without the raw record id, with its keyed hash', async () => {
    const { db, store } = setup();
    await store.applyStep(initialTrackerState(T0), [
      {
        type: 'interaction.ended',
        recordKey: 'zendesk:ticket:90210',
        app: 'zendesk',
        start: T0,
        end: T0 + 60_000,
        endReason: 'closed',
        handleMs: 50_000,
        awayMs: 10_000,
        outsideMs: 0,
        switchCount: 2,
        inAppTabSwitches: 0,
        returns: 1,
        distinctApps: 2,
        appsUsed: ['zendesk', 'gmail'],
      },
    ]);
    const [event] = await db.outbox.toArray();
    expect(event).toMatchObject({
      type: 'interaction.summary',
      schemaVersion: 1,
      occurredAt: T0 + 60_000,
    });
    expect(event!.payload).toMatchObject({ recordType: 'ticket', recordHash: 'a'.repeat(64) });
    expect(JSON.stringify(event)).not.toContain('90210');
    expect(outboxEventSchema.safeParse(event).success).toBe(true);
  });

  it('keeps raw spans only for the retention period', async () => {
    const { db, store } = setup();
    await store.applyStep(initialTrackerState(T0), [segment('zendesk', T0, T0 + 1000)]);
    await store.prune(T0 + 8 * 24 * HOUR, 7);
    expect(await db.spans.count()).toBe(0);
  });
});
