import { afterEach, describe, expect, it } from 'vitest';
import { openTouchpointDb, type TouchpointDb } from '../storage/db';
import { createTrackingStore, type TrackingStore } from '../storage/tracking-store';
import { outboxEventSchema } from '../../contract/events';
import { createUuidV7 } from '../../contract/uuidv7';
import { DEFAULT_TRACKER_CONFIG } from '../tracking/config';
import type { TrackerEvent } from '../tracking/events';
import { createMemoryStore, type KeyValueStore } from './key-value';
import { createTrackerService, type TrackerService } from './tracker-service';

const T0 = Date.UTC(2026, 10, 25, 9);
const zendesk = { id: 'zendesk', category: 'crm' };
const gmail = { id: 'gmail', category: 'mail' };
const day: [number, TrackerEvent][] = [
  [0, { type: 'tab.activated', tabId: 1, windowId: 1, app: zendesk }],
  [0, { type: 'window.focused', windowId: 1 }],
  [1_000, { type: 'record.seen', tabId: 1, recordKey: 'zendesk:ticket:42', app: 'zendesk' }],
  [61_000, { type: 'tab.activated', tabId: 2, windowId: 1, app: gmail }],
  [91_000, { type: 'tab.activated', tabId: 1, windowId: 1, app: zendesk }],
  [
    151_000,
    {
      type: 'record.seen',
      tabId: 1,
      recordKey: 'zendesk:ticket:42',
      app: 'zendesk',
      status: 'solved',
    },
  ],
  [181_000, { type: 'tab.activated', tabId: 2, windowId: 1, app: gmail }],
];

const dbs: TouchpointDb[] = [];
afterEach(async () => {
  await Promise.all(dbs.splice(0).map((db) => db.delete()));
});

/** Zendesk tab `tabId` in front of focused window 1, showing `recordKey`. */
async function openTicket(tracker: TrackerService, tabId: number, recordKey: string) {
  await tracker.handle({ type: 'tab.activated', tabId, windowId: 1, app: zendesk });
  await tracker.handle({ type: 'window.focused', windowId: 1 });
  await tracker.handle({ type: 'record.seen', tabId, recordKey, app: 'zendesk' });
}

function service(db: TouchpointDb, session: KeyValueStore, clock: { now: number }) {
  return createTrackerService({
    store: createTrackingStore(db, { newId: createUuidV7(), hashRecord: async () => null }),
    session,
    config: async () => DEFAULT_TRACKER_CONFIG,
    now: () => clock.now,
    onNewSession: () => undefined,
  });
}

async function runDay(stopAfter: number | null) {
  const db = openTouchpointDb(`tracker-${Math.random()}`);
  dbs.push(db);
  const session = createMemoryStore();
  const clock = { now: T0 };
  let tracker = service(db, session, clock);
  for (const [index, [offset, event]] of day.entries()) {
    clock.now = T0 + offset;
    await tracker.handle(event);
    // The worker is stopped: its memory is gone, IndexedDB and storage.session remain.
    if (index === stopAfter) tracker = service(db, session, clock);
  }
  clock.now = T0 + 200_000;
  await tracker.flush();
  return {
    interactions: await db.interactions.toArray(),
    spans: (await db.spans.toArray()).map(({ id: _id, ...span }) => span),
    switches: (await db.switches.toArray()).map(({ id: _id, ...entry }) => entry),
    outbox: (await db.outbox.toArray()).map((event) => event.payload),
  };
}

describe('tracker service', () => {
  it('writes an interaction summary to the outbox with the figures of the day', async () => {
    const { interactions, outbox } = await runDay(null);
    expect(interactions).toHaveLength(1);
    expect(interactions[0]).toMatchObject({
      handleMs: 120_000,
      awayMs: 30_000,
      switchCount: 2,
      endReason: 'closed',
    });
    expect(outbox).toEqual([
      expect.objectContaining({
        app: 'zendesk',
        recordType: 'ticket',
        recordHash: null,
        handleMs: 120_000,
        switchCount: 2,
      }),
    ]);
    expect(JSON.stringify(outbox)).not.toContain('42');
  });

  it.each([1, 3, 4, 5])(
    'gives the same figures when the worker is stopped after event %i',
    async (stopAfter) => {
      expect(await runDay(stopAfter)).toEqual(await runDay(null));
    },
  );
});

/** The wiring's one-minute flush alarm, from `clock.now` up to `until` (the clock ends there). */
async function minuteAlarmsUntil(
  tracker: ReturnType<typeof service>,
  clock: { now: number },
  until: number,
) {
  while (clock.now + 60_000 < until) {
    clock.now += 60_000;
    await tracker.flush();
  }
  clock.now = until;
}

describe('tracker service and a clock set back', () => {
  /** An agent in Zendesk from T0, in Gmail from `gmailAt`: the database, clock and tracker. */
  async function zendeskThenGmail(gmailAt: number) {
    const db = openTouchpointDb(`tracker-${Math.random()}`);
    dbs.push(db);
    const clock = { now: T0 };
    const tracker = service(db, createMemoryStore(), clock);
    await tracker.handle({ type: 'tab.activated', tabId: 1, windowId: 1, app: zendesk });
    await tracker.handle({ type: 'window.focused', windowId: 1 });
    await minuteAlarmsUntil(tracker, clock, gmailAt);
    await tracker.handle({ type: 'tab.activated', tabId: 2, windowId: 1, app: gmail });
    return { db, clock, tracker };
  }

  it('measures the work after time sync sets the clock back an hour, not nothing until it catches up', async () => {
    const { db, clock, tracker } = await zendeskThenGmail(T0 + 600_000);
    // The clock was an hour fast; time sync sets it right. Five minutes in Zendesk follow.
    clock.now = T0 + 600_000 - 3_600_000 + 60_000;
    await tracker.handle({ type: 'tab.activated', tabId: 1, windowId: 1, app: zendesk });
    clock.now += 300_000;
    await tracker.flush({ endInteractions: true });
    const spans = await db.spans.toArray();
    const secondsInZendesk = (onNewClock: boolean) =>
      spans
        .filter((span) => span.type === 'segment' && span.app === 'zendesk')
        .filter((span) => span.start < T0 === onNewClock)
        .reduce((total, span) => total + (span.end - span.start) / 1000, 0);
    expect([secondsInZendesk(false), secondsInZendesk(true)]).toEqual([600, 300]);
    // Nothing measured twice, nothing negative.
    expect(spans.every((span) => span.end >= span.start)).toBe(true);
  });

  it('takes a focus stamped a moment before the last step as in order', async () => {
    const { db, clock, tracker } = await zendeskThenGmail(T0 + 60_000);
    await tracker.handle({ type: 'window.focused', windowId: 1 }, T0 + 59_500);
    clock.now = T0 + 120_000;
    await tracker.flush({ endInteractions: true });
    const segments = (await db.spans.toArray()).filter((span) => span.type === 'segment');
    expect(segments.map((span) => [span.app, (span.end - span.start) / 1000])).toEqual([
      ['zendesk', 60],
      ['gmail', 60],
    ]);
  });
});

describe('tracker service ticks', () => {
  it('supersedes on time when another ticket stays in front and no event follows', async () => {
    const db = openTouchpointDb(`tracker-${Math.random()}`);
    dbs.push(db);
    const clock = { now: T0 };
    const scheduled: { ms: number; run: () => void }[] = [];
    const tracker = createTrackerService({
      store: createTrackingStore(db, { newId: createUuidV7(), hashRecord: async () => null }),
      session: createMemoryStore(),
      config: async () => DEFAULT_TRACKER_CONFIG,
      now: () => clock.now,
      onNewSession: () => undefined,
      schedule: (ms, run) => {
        const task = { ms, run };
        scheduled.push(task);
        return () => {
          if (scheduled.includes(task)) scheduled.splice(scheduled.indexOf(task), 1);
        };
      },
    });
    const seen = (tabId: number, id: number): TrackerEvent => ({
      type: 'record.seen',
      tabId,
      recordKey: `zendesk:ticket:${id}`,
      app: 'zendesk',
    });
    await tracker.handle({ type: 'tab.activated', tabId: 1, windowId: 1, app: zendesk });
    await tracker.handle({ type: 'window.focused', windowId: 1 });
    await tracker.handle(seen(1, 42));
    clock.now = T0 + 60_000;
    await tracker.handle(seen(2, 43));
    await tracker.handle({ type: 'tab.activated', tabId: 2, windowId: 1, app: zendesk });
    expect(scheduled.map((task) => task.ms)).toEqual([2_001]);
    expect((await tracker.live())?.recordKey).toBe('zendesk:ticket:42');

    clock.now = T0 + 62_001;
    scheduled.pop()!.run();
    // The tick alone, with no browser event: ticket 43 is the interaction in progress.
    expect((await tracker.live())?.recordKey).toBe('zendesk:ticket:43');
    await tracker.flush();
    expect(await db.interactions.toArray()).toEqual([
      expect.objectContaining({
        recordKey: 'zendesk:ticket:42',
        endReason: 'superseded',
        end: T0 + 62_000,
      }),
    ]);
    expect(scheduled).toEqual([]);
  });

  it('arms the tick again in a worker woken while a record was waiting to take over', async () => {
    const db = openTouchpointDb(`tracker-${Math.random()}`);
    dbs.push(db);
    const session = createMemoryStore();
    const clock = { now: T0 };
    const scheduled: number[] = [];
    const start = () =>
      createTrackerService({
        store: createTrackingStore(db, { newId: createUuidV7(), hashRecord: async () => null }),
        session,
        config: async () => DEFAULT_TRACKER_CONFIG,
        now: () => clock.now,
        onNewSession: () => undefined,
        schedule: (ms) => {
          scheduled.push(ms);
          return () => undefined;
        },
      });
    const first = start();
    await openTicket(first, 1, 'zendesk:ticket:42');
    clock.now = T0 + 60_000;
    await first.handle({
      type: 'record.seen',
      tabId: 1,
      recordKey: 'zendesk:ticket:43',
      app: 'zendesk',
    });
    expect(scheduled).toEqual([2_001]);
    // The worker stops half a second later; the next one wakes with the state from IndexedDB.
    clock.now = T0 + 60_500;
    await start().wake();
    expect(scheduled).toEqual([2_001, 1_501]);
  });
});

describe('tracker service and a computer that slept', () => {
  /** Zendesk ticket 42 in front from T0: the database, clock and tracker. */
  async function ticketInFront() {
    const db = openTouchpointDb(`tracker-${Math.random()}`);
    dbs.push(db);
    const clock = { now: T0 };
    const tracker = service(db, createMemoryStore(), clock);
    await tracker.handle({ type: 'tab.activated', tabId: 1, windowId: 1, app: zendesk });
    await tracker.handle({ type: 'window.focused', windowId: 1 });
    await tracker.handle({
      type: 'record.seen',
      tabId: 1,
      recordKey: 'zendesk:ticket:42',
      app: 'zendesk',
    });
    return { db, clock, tracker };
  }

  it('does not count the hours a computer slept with the CRM in front as time in it', async () => {
    const { db, clock, tracker } = await ticketInFront();
    // Ten minutes of work, the minute's alarm flushing as it does.
    await minuteAlarmsUntil(tracker, clock, T0 + 10 * 60_000);
    await tracker.flush();
    // The lid is closed without locking: no event, no alarm for eight hours. On waking, the
    // overdue alarm fires first, then the browser reports idle (no input since before sleep).
    clock.now = T0 + 10 * 60_000 + 8 * 3_600_000;
    await tracker.flush();
    clock.now += 15_000;
    await tracker.handle({ type: 'idle.changed', state: 'idle' });
    clock.now += 60_000;
    await tracker.handle({ type: 'idle.changed', state: 'active' });
    clock.now += 120_000;
    await tracker.flush({ endInteractions: true });
    const inZendesk = (await db.spans.toArray())
      .filter((span) => span.type === 'segment' && span.app === 'zendesk')
      .reduce((total, span) => total + (span.end - span.start), 0);
    // Ten minutes before, two after; the code before counted the night: 491 minutes.
    expect(inZendesk / 60_000).toBe(12);
    const [interaction] = await db.interactions.toArray();
    expect(interaction).toMatchObject({ endReason: 'idle', end: T0 + 10 * 60_000 });
  });

  it('does not count the ten minutes a clock set forward skipped, and keeps the interaction', async () => {
    const { db, clock, tracker } = await ticketInFront();
    await minuteAlarmsUntil(tracker, clock, T0 + 3 * 60_000);
    await tracker.flush();
    // Time sync moves a clock that ran slow ten minutes forward between two of the minute's
    // alarms. (Over interactionIdleEndMs, 30 minutes, it would end the interaction, as a night
    // asleep does: nothing tells the two apart.)
    clock.now += 10 * 60_000 + 60_000;
    await tracker.flush();
    await minuteAlarmsUntil(tracker, clock, clock.now + 2 * 60_000);
    await tracker.flush({ endInteractions: true });
    const [interaction] = await db.interactions.toArray();
    expect(interaction).toMatchObject({ endReason: 'flush', handleMs: 5 * 60_000 });
  });
});

describe('tracker service and a pause', () => {
  it('keeps the pause over a browser restart or an update: only the agent resumes', async () => {
    const db = openTouchpointDb(`tracker-${Math.random()}`);
    dbs.push(db);
    const clock = { now: T0 };
    const before = service(db, createMemoryStore(), clock);
    await before.handle({ type: 'tab.activated', tabId: 1, windowId: 1, app: zendesk });
    await before.handle({ type: 'window.focused', windowId: 1 });
    await before.handle({ type: 'paused.changed', paused: true });
    // The browser restarts (storage.session is empty again); the agent works in Zendesk.
    clock.now = T0 + 60 * 60_000;
    const after = service(db, createMemoryStore(), clock);
    await after.wake();
    expect(await after.paused()).toBe(true);
    await openTicket(after, 7, 'zendesk:ticket:9');
    clock.now += 10 * 60_000;
    await after.flush();
    const segments = await db.spans.filter((span) => span.type === 'segment').toArray();
    expect(segments.filter((span) => span.start >= T0 + 60 * 60_000)).toEqual([]);
    expect(await db.interactions.count()).toBe(0);
  });
});

describe('tracker service and tracking switched off and on', () => {
  it('asks for the open tabs’ records again once tracking is back on, and measures their work', async () => {
    const db = openTouchpointDb(`tracker-${Math.random()}`);
    dbs.push(db);
    const clock = { now: T0 };
    let enabled = true;
    let resumed = 0;
    const ticket = {
      type: 'record.seen',
      tabId: 1,
      recordKey: 'zendesk:ticket:42',
      app: 'zendesk',
    } as const;
    const tracker = createTrackerService({
      store: createTrackingStore(db, { newId: createUuidV7(), hashRecord: async () => null }),
      session: createMemoryStore(),
      config: async () => ({ ...DEFAULT_TRACKER_CONFIG, enabled }),
      now: () => clock.now,
      onNewSession: () => undefined,
      // As the wiring does: the tabs' records, told again.
      onResumed: () => {
        resumed += 1;
        void tracker.handle(ticket);
      },
    });
    await openTicket(tracker, 1, ticket.recordKey);
    // The supervisor switches tracking off, then on again; ticket 42 stays open throughout.
    enabled = false;
    clock.now = T0 + 60_000;
    await tracker.flush();
    expect(await tracker.live()).toBeNull();
    enabled = true;
    clock.now = T0 + 120_000;
    await tracker.flush();
    expect(resumed).toBe(1);
    expect(await tracker.live()).toMatchObject({ recordKey: 'zendesk:ticket:42' });
  });
});

describe('tracker service and a write that fails', () => {
  /** The tracking store, but its next `failing.writes` writes fail as a full disk does. */
  function storeFailing(db: TouchpointDb, failing: { writes: number }): TrackingStore {
    const store = createTrackingStore(db, { newId: createUuidV7(), hashRecord: async () => null });
    return {
      ...store,
      async applyStep(...args) {
        if (failing.writes > 0) {
          failing.writes -= 1;
          throw new DOMException('disk full', 'QuotaExceededError');
        }
        return store.applyStep(...args);
      },
    };
  }

  /**
   * The day of `runDay`, its writes failing `writes` times from event `failAt` on; the worker is
   * stopped after each event `stopAfter` says (its memory is gone, storage.session remains).
   */
  async function runDayFailing(
    failAt: number,
    writes: number,
    stopAfter: (index: number, failed: readonly number[]) => boolean = () => false,
    session = createMemoryStore(),
  ) {
    const db = openTouchpointDb(`tracker-${Math.random()}`);
    dbs.push(db);
    const clock = { now: T0 };
    const failing = { writes: 0 };
    const start = () =>
      createTrackerService({
        store: storeFailing(db, failing),
        session,
        config: async () => DEFAULT_TRACKER_CONFIG,
        now: () => clock.now,
        onNewSession: () => undefined,
      });
    let tracker = start();
    const failed: number[] = [];
    for (const [index, [offset, event]] of day.entries()) {
      clock.now = T0 + offset;
      if (index === failAt) failing.writes = writes;
      await tracker.handle(event).catch(() => failed.push(index));
      if (stopAfter(index, failed)) tracker = start();
    }
    clock.now = T0 + 200_000;
    await tracker.flush();
    return {
      failed,
      interactions: await db.interactions.toArray(),
      spans: (await db.spans.toArray()).map(({ id: _id, ...span }) => span),
      switches: (await db.switches.toArray()).map(({ id: _id, ...entry }) => entry),
      outbox: await db.outbox.toArray(),
    };
  }

  const withoutIds = ({ outbox, ...day }: Awaited<ReturnType<typeof runDayFailing>>) => ({
    ...day,
    outbox: outbox.map((event) => event.payload),
  });

  it('keeps the steps of a write that failed and writes them with the next step', async () => {
    // Event 3 (to Gmail) closes the ticket's first minute and counts a switch; event 5 ends it.
    for (const failAt of [3, 5]) {
      const { failed, ...measured } = withoutIds(await runDayFailing(failAt, 1));
      expect(failed).toEqual([failAt]);
      const { failed: _none, ...expected } = withoutIds(await runDayFailing(-1, 0));
      expect(measured).toEqual(expected);
    }
  });

  it('keeps them over a stopped worker (storage.session) and writes them once', async () => {
    const { failed: _none, ...expected } = withoutIds(await runDayFailing(-1, 0));
    // The worker stops right after the failed write.
    const stopped = withoutIds(
      await runDayFailing(3, 1, (index, failed) => failed.includes(index)),
    );
    expect(stopped).toEqual({ failed: [3], ...expected });
    // It stops after the next write took them, before storage.session forgot them.
    const session = createMemoryStore();
    const forgetsNothing = { ...session, remove: async () => undefined };
    const late = withoutIds(await runDayFailing(3, 1, (index) => index === 4, forgetsNothing));
    expect(late).toEqual({ failed: [3], ...expected });
  });

  it('counts what it finally cannot store in an events.dropped report instead of losing it', async () => {
    // Events 3, 4 and 5 cannot be written (Zendesk and Gmail's minutes, the two switches, the
    // ticket's end); the step after writes the state and their count.
    const { failed, spans, switches, interactions, outbox } = await runDayFailing(3, 3);
    expect(failed).toEqual([3, 4, 5]);
    expect(interactions).toEqual([]);
    expect(switches.map((entry) => entry.at)).toEqual([T0 + 181_000]);
    expect(spans.filter((span) => span.end <= T0 + 151_000)).toEqual([
      expect.objectContaining({ start: T0, end: T0 + 1_000 }),
    ]);
    expect(outbox.map((event) => outboxEventSchema.parse(event))).toEqual([
      expect.objectContaining({
        type: 'events.dropped',
        payload: {
          count: 5,
          reason: 'quota',
          byType: { segment: 2, switch: 2, 'interaction.summary': 1 },
          oldestOccurredAt: T0 + 61_000,
          newestOccurredAt: T0 + 151_000,
        },
      }),
    ]);
  });
});
