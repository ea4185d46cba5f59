import { Dexie } from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openTouchpointDb, type TouchpointDb } from '../storage/db';
import { ingestRequestSchema, type EventResult } from '../../contract/api';
import { outboxEventSchema, type OutboxEvent } from '../../contract/events';
import type { SenderSource } from './enrolment';
import { retryDeadLetters } from './dead-letters';
import { queueEvents } from './outbox-admission';
import type { ReadyTarget } from './sync-target';
import { createSyncEngine, type SyncConfig } from './sync-engine';
import { readSyncState } from './sync-state-store';
import { createUuidV7 } from '../../contract/uuidv7';

const T0 = Date.UTC(2026, 10, 2, 9, 0, 0);
const URL_ = 'https://collector.example.com';
const TOKEN = 'tok_abcdefghijklmnopqrstuvwxyz';
const configured = (fingerprint = 'fp-1'): SyncConfig => ({
  target: {
    ok: true,
    url: URL_,
    token: TOKEN,
    identityMode: 'identified',
    agentId: 'agent-7',
    fingerprint,
  },
  backoffCapMs: 300_000,
});

let dbs: TouchpointDb[] = [];
afterEach(async () => {
  for (const db of dbs) {
    db.close();
    await Dexie.delete(db.name);
  }
  dbs = [];
});

function hourly(id: string, occurredAt: number, app = 'zendesk'): OutboxEvent {
  return {
    id,
    type: 'app.hourly',
    occurredAt,
    schemaVersion: 1,
    payload: {
      hourStart: Math.floor(occurredAt / 3_600_000) * 3_600_000 - 3_600_000,
      app,
      ms: 1000,
    },
  };
}

/** An event of a type added after the collector was last updated (issue #16). */
function health(id: string, occurredAt: number): OutboxEvent {
  return {
    id,
    type: 'adapter.health',
    occurredAt,
    schemaVersion: 1,
    payload: {
      hourStart: Math.floor(occurredAt / 3_600_000) * 3_600_000 - 3_600_000,
      app: 'zendesk',
      records: 0,
      fields: {},
    },
  };
}

async function setup(count = 0, start = T0) {
  const db = openTouchpointDb(`sync-${Math.random()}`);
  dbs.push(db);
  const newId = createUuidV7();
  const events = Array.from({ length: count }, (_, i) => hourly(newId(start + i), start + i));
  if (events.length > 0) await db.outbox.bulkAdd(events);
  return { db, events };
}

type Reply = { status: number; body?: unknown; headers?: Record<string, string> };
type Scripted = (events: OutboxEvent[], call: number) => Reply | Promise<Reply> | 'network';

/**
 * A collector in memory: stores events by id (a set, so duplicates are visible), answers by
 * script, and fails the test when called inside a Dexie transaction.
 */
function fakeCollector(script?: Scripted) {
  const stored = new Map<string, OutboxEvent>();
  const requests: { events: OutboxEvent[]; agentId: string | null; auth: string | null }[] = [];
  let insideTransaction = 0;
  const ingest = (events: OutboxEvent[]): Reply => {
    const results: EventResult[] = events.map((event, index) => {
      const duplicate = stored.has(event.id);
      stored.set(event.id, event);
      return { index, id: event.id, status: duplicate ? 'duplicate' : 'stored' };
    });
    return {
      status: 200,
      body: {
        results,
        stored: results.filter((r) => r.status === 'stored').length,
        duplicates: results.filter((r) => r.status === 'duplicate').length,
        rejected: 0,
      },
    };
  };
  const fetch = (async (url: string, init: RequestInit) => {
    if (Dexie.currentTransaction) insideTransaction += 1;
    expect(url).toBe(`${URL_}/v1/events`);
    const request = ingestRequestSchema.parse(JSON.parse(init.body as string));
    const events = request.events.map((event) => outboxEventSchema.parse(event));
    requests.push({
      events,
      agentId: request.agentId,
      auth: new Headers(init.headers).get('authorization'),
    });
    const reply = script ? await script(events, requests.length) : ingest(events);
    if (reply === 'network') throw new TypeError('Failed to fetch');
    return new Response(reply.body === undefined ? '' : JSON.stringify(reply.body), {
      status: reply.status,
      headers: reply.headers,
    });
  }) as typeof globalThis.fetch;
  return {
    fetch,
    stored,
    requests,
    ingest,
    get insideTransaction() {
      return insideTransaction;
    },
  };
}

const CREDENTIAL = 'install_credential_0123456789';

/** An install already enrolled; `credentials` are handed out in turn, one per enrolment. */
function enrolledAs(agentId: string | null, credentials = [CREDENTIAL]) {
  let enrolments = 0;
  let current: string | undefined;
  return {
    forgotten: 0,
    get enrolments() {
      return enrolments;
    },
    async senderFor() {
      current ??= credentials[Math.min(enrolments++, credentials.length - 1)]!;
      return { ok: true as const, sender: { credential: current, agentId } };
    },
    async forget() {
      this.forgotten += 1;
      current = undefined;
    },
  };
}

function engineFor(
  db: TouchpointDb,
  fetch: typeof globalThis.fetch,
  options: {
    now?: () => number;
    random?: () => number;
    config?: () => SyncConfig;
    limits?: { maxEvents: number; maxBytes: number };
    ownerId?: string;
    timeoutMs?: number;
    senders?: SenderSource;
  } = {},
) {
  return createSyncEngine({
    db,
    fetch,
    now: options.now ?? (() => T0 + 60_000),
    random: options.random ?? (() => 0.5),
    config: async () => (options.config ?? (() => configured()))(),
    senders: options.senders ?? enrolledAs('agent-7'),
    ownerId: options.ownerId ?? 'worker-1',
    limits: options.limits,
    timeoutMs: options.timeoutMs,
  });
}

const unsynced = (db: TouchpointDb) => db.outbox.where('synced').equals(0).count();
const pendingCount = (db: TouchpointDb) =>
  db.outbox.where('[synced+occurredAt]').between([0, Dexie.minKey], [0, Dexie.maxKey]).count();

describe('sync engine: batching and order', () => {
  it('sends every event once, oldest first, in batches of at most the count limit', async () => {
    const { db, events } = await setup(25);
    const collector = fakeCollector();
    const result = await engineFor(db, collector.fetch, {
      limits: { maxEvents: 10, maxBytes: 1_000_000 },
    }).run();
    expect(result).toMatchObject({ outcome: 'drained', synced: 25 });
    expect(collector.requests.map((r) => r.events.length)).toEqual([10, 10, 5]);
    expect(collector.requests.flatMap((r) => r.events.map((e) => e.id))).toEqual(
      events.map((e) => e.id),
    );
    expect(collector.requests[0]).toMatchObject({
      agentId: 'agent-7',
      auth: `Bearer ${CREDENTIAL}`,
    });
    expect(await pendingCount(db)).toBe(0);
    expect(collector.insideTransaction).toBe(0);
    expect((await readSyncState(db)).syncedCount).toBe(25);
  });

  it('sends in order of occurrence, not of writing', async () => {
    const { db } = await setup();
    const newId = createUuidV7();
    const late = hourly(newId(T0 + 5000), T0 + 5000);
    const early = hourly(newId(T0 + 6000), T0 + 1000);
    await db.outbox.bulkAdd([late, early]);
    const collector = fakeCollector();
    await engineFor(db, collector.fetch).run();
    expect(collector.requests[0]!.events.map((e) => e.id)).toEqual([early.id, late.id]);
  });

  it('keeps each request under the byte limit, and sends no local bookkeeping', async () => {
    const { db } = await setup(40);
    const collector = fakeCollector();
    const maxBytes = 2_000;
    await engineFor(db, collector.fetch, { limits: { maxEvents: 500, maxBytes } }).run();
    expect(collector.requests.length).toBeGreaterThan(1);
    for (const request of collector.requests) {
      const body = JSON.stringify({ agentId: request.agentId, events: request.events });
      expect(new TextEncoder().encode(body).length).toBeLessThanOrEqual(maxBytes);
      expect(JSON.stringify(request.events)).not.toContain('synced');
    }
    expect(collector.stored.size).toBe(40);
  });

  it('dead-letters an event no request could carry, and sends the rest', async () => {
    const { db, events } = await setup(3);
    const collector = fakeCollector();
    const wide = { ...events[0]!, payload: { ...events[0]!.payload, app: 'x'.repeat(40) } };
    await db.outbox.put(wide);
    const single = new TextEncoder().encode(JSON.stringify(events[1])).length;
    await engineFor(db, collector.fetch, {
      limits: { maxEvents: 500, maxBytes: single + 40 },
    }).run();
    expect(await db.deadLetters.get(wide.id)).toMatchObject({
      reason: expect.stringContaining('larger'),
    });
    expect([...collector.stored.keys()]).toEqual([events[1]!.id, events[2]!.id]);
  });

  it('existing rows are found as unsynced after the upgrade to version 4', async () => {
    const name = `upgrade-${Math.random()}`;
    const v3 = new Dexie(name);
    v3.version(3).stores({ outbox: '&id, type, occurredAt', meta: '&key' });
    await v3
      .table('outbox')
      .bulkAdd([
        { ...hourly('018f0000-0000-7000-8000-000000000001', T0) },
        { ...hourly('018f0000-0000-7000-8000-000000000002', T0 + 1), syncedAt: T0 + 5 },
      ]);
    v3.close();
    const db = openTouchpointDb(name);
    dbs.push(db);
    expect(await pendingCount(db)).toBe(1);
    expect(await unsynced(db)).toBe(1);
  });
});

const SIX_HOURS = 6 * 3_600_000;

/**
 * A collector older than the extension until `updated()`: it does not know `adapter.health` yet
 * and defers those events by six hours, as its validation does.
 */
function outdatedCollector(updated: () => boolean) {
  const collector = fakeCollector((batch) => {
    const results: EventResult[] = batch.map((event, index) => {
      const known = updated() || event.type !== 'adapter.health';
      if (known) {
        collector.stored.set(event.id, event);
        return { index, id: event.id, status: 'stored' };
      }
      const reason = 'type: unknown event type';
      return {
        index,
        id: event.id,
        status: 'rejected',
        reason,
        retryAfterMs: SIX_HOURS,
        deferredBecause: 'version',
      };
    });
    const stored = results.filter((result) => result.status === 'stored').length;
    return {
      status: stored === batch.length ? 200 : 422,
      body: { results, stored, duplicates: 0, rejected: batch.length - stored },
    };
  });
  return collector;
}

describe('sync engine: status policy', () => {
  it('retries network errors with full-jitter backoff, growing per attempt up to the cap', async () => {
    const { db } = await setup(2);
    let now = T0;
    const collector = fakeCollector(() => 'network');
    const engine = engineFor(db, collector.fetch, {
      now: () => now,
      random: () => 0.999,
      config: () => ({ ...configured(), backoffCapMs: 10_000 }),
    });
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      expect((await engine.run()).outcome).toBe('retry-later');
      const state = await readSyncState(db);
      delays.push(state.nextAttemptAt! - now);
      expect(state.lastError).toMatchObject({ kind: 'network' });
      expect(await engine.run()).toMatchObject({ outcome: 'waiting' });
      now = state.nextAttemptAt!;
    }
    // random → 1: the ceiling itself: 1 s, 2 s, 4 s, 8 s, then the 10 s cap.
    expect(delays).toEqual([999, 1998, 3996, 7992, 9990, 9990]);
    expect(collector.requests).toHaveLength(6);
    expect(await pendingCount(db)).toBe(2);
  });

  it('draws the jitter between 0 and the ceiling', async () => {
    const { db } = await setup(1);
    const engine = engineFor(db, fakeCollector(() => ({ status: 503 })).fetch, {
      random: () => 0,
    });
    await engine.run();
    const state = await readSyncState(db);
    expect(state.nextAttemptAt).toBe(T0 + 60_000);
    expect(state.lastError).toMatchObject({ kind: 'server', status: 503 });
  });

  it.each([408, 425, 429, 500, 502, 503, 504])('retries HTTP %i later', async (status) => {
    const { db } = await setup(3);
    const collector = fakeCollector(() => ({ status }));
    expect((await engineFor(db, collector.fetch).run()).outcome).toBe('retry-later');
    expect(await pendingCount(db)).toBe(3);
    expect(await db.deadLetters.count()).toBe(0);
  });

  it('waits out Retry-After in seconds and as an HTTP date, then the jittered backoff', async () => {
    const { db } = await setup(1);
    const now = T0 + 60_000;
    await engineFor(
      db,
      fakeCollector(() => ({ status: 429, headers: { 'retry-after': '120' } })).fetch,
    ).run();
    // random 0.5: half of backoff's ceiling, 1 s at the first attempt and 2 s at the second.
    expect((await readSyncState(db)).nextAttemptAt).toBe(now + 120_000 + 500);
    const date = new Date(now + 45_000).toUTCString();
    await engineFor(
      db,
      fakeCollector(() => ({ status: 503, headers: { 'retry-after': date } })).fetch,
    ).run({ ignoreBackoff: true });
    expect((await readSyncState(db)).nextAttemptAt).toBe(now + 45_000 + 1_000);
  });

  it('Retry-After: 0 (or a date already past) does not make a retry at once', async () => {
    for (const retryAfter of ['0', new Date(T0).toUTCString()]) {
      const { db } = await setup(1);
      const collector = fakeCollector(() => ({
        status: 503,
        headers: { 'retry-after': retryAfter },
      }));
      const engine = engineFor(db, collector.fetch, { random: () => 0 });
      expect((await engine.run()).outcome).toBe('retry-later');
      expect((await readSyncState(db)).nextAttemptAt).toBe(T0 + 60_000 + 1_000);
      expect((await engine.run()).outcome).toBe('waiting');
      expect(collector.requests).toHaveLength(1);
    }
  });

  it('a run that finds nothing left to send leaves no retry time behind, which the service would retry at once, again and again', async () => {
    const { db } = await setup(2);
    let now = T0 + 60_000;
    const engine = engineFor(db, fakeCollector(() => 'network').fetch, { now: () => now });
    expect((await engine.run()).outcome).toBe('retry-later');
    // The events leave unsent (dead-lettered by a change of identity mode, or evicted).
    await db.outbox.clear();
    now = (await readSyncState(db)).nextAttemptAt! + 1;
    expect((await engine.run()).outcome).toBe('drained');
    expect((await readSyncState(db)).nextAttemptAt).toBeNull();
  });

  it('times out a request that hangs and retries it later', async () => {
    const { db } = await setup(1);
    const hanging = ((_url: string, init: RequestInit) =>
      new Promise((_resolve, reject) => {
        init.signal!.addEventListener('abort', () =>
          reject(new DOMException('aborted', 'AbortError')),
        );
      })) as typeof fetch;
    const result = await engineFor(db, hanging, { timeoutMs: 20 }).run();
    expect(result.outcome).toBe('retry-later');
    expect((await readSyncState(db)).lastError).toMatchObject({ kind: 'timeout' });
  });

  it('splits a batch the collector finds too large (413) and dead-letters a lone event still too large', async () => {
    const { db, events } = await setup(8);
    const tooBig = events[5]!.id;
    const collector = fakeCollector((batch) =>
      batch.length > 2 || batch.some((e) => e.id === tooBig)
        ? { status: 413, body: { error: 'too_large', message: 'body too large' } }
        : collector.ingest(batch),
    );
    const result = await engineFor(db, collector.fetch).run();
    expect(result).toMatchObject({ outcome: 'drained', synced: 7, deadLettered: 1 });
    expect(await db.deadLetters.get(tooBig)).toMatchObject({
      reason: expect.stringContaining('413'),
      attempts: 1,
    });
    expect([...collector.stored.keys()]).toEqual(
      events.map((e) => e.id).filter((id) => id !== tooBig),
    );
  });

  it('422: marks stored and duplicate events synced and dead-letters the rejected with the reason', async () => {
    const { db, events } = await setup(3);
    const collector = fakeCollector((batch) => ({
      status: 422,
      body: {
        results: [
          { index: 0, id: batch[0]!.id, status: 'stored' },
          { index: 1, id: batch[1]!.id, status: 'rejected', reason: 'occurredAt: too old' },
          { index: 2, id: batch[2]!.id, status: 'duplicate' },
        ],
        stored: 1,
        duplicates: 1,
        rejected: 1,
      },
    }));
    const result = await engineFor(db, collector.fetch).run();
    expect(result).toMatchObject({ outcome: 'drained', synced: 2, deadLettered: 1 });
    expect(await db.deadLetters.toArray()).toEqual([
      expect.objectContaining({
        id: events[1]!.id,
        reason: 'occurredAt: too old',
        event: events[1],
      }),
    ]);
    expect(await db.outbox.get(events[1]!.id)).toBeUndefined();
    expect(await pendingCount(db)).toBe(0);
  });

  it('a clock 17 minutes fast: events the collector calls early wait and go later, none dead-lettered', async () => {
    const MINUTE = 60_000;
    const SKEW = 5 * MINUTE;
    // One event a minute on the agent's clock, which is 17 minutes ahead of the collector's.
    const { db, events } = await setup(0);
    const newId = createUuidV7();
    for (let minute = 0; minute < 10; minute++)
      events.push(hourly(newId(T0 + minute * MINUTE), T0 + minute * MINUTE));
    await db.outbox.bulkAdd(events);
    let now = T0 + 10 * MINUTE;
    const collectorNow = () => now - 17 * MINUTE;
    const collector = fakeCollector((batch) => {
      const results: EventResult[] = batch.map((event, index) => {
        const lead = event.occurredAt - collectorNow();
        if (lead <= SKEW) {
          collector.stored.set(event.id, event);
          return { index, id: event.id, status: 'stored' };
        }
        const reason = `occurredAt: ${lead} ms in the future`;
        return {
          index,
          id: event.id,
          status: 'rejected',
          reason,
          retryAfterMs: lead - SKEW + 1000,
        };
      });
      const stored = results.filter((result) => result.status === 'stored').length;
      return {
        status: stored === batch.length ? 200 : 422,
        body: { results, stored, duplicates: 0, rejected: batch.length - stored },
      };
    });
    const engine = engineFor(db, collector.fetch, { now: () => now });

    const first = await engine.run();
    expect(first).toMatchObject({ outcome: 'retry-later', synced: 0, deadLettered: 0 });
    expect(collector.requests).toHaveLength(1); // one answer, not a loop over the same events
    const state = await readSyncState(db);
    expect(state.lastError?.kind).toBe('clock-ahead');
    expect(state.nextAttemptAt).toBe(now + 2 * MINUTE + 1000); // when the oldest may go
    expect(state.lastSuccessAt).toBeNull();
    expect(await engine.run()).toMatchObject({ outcome: 'waiting' });

    now += 5 * MINUTE;
    expect(await engine.run()).toMatchObject({ outcome: 'retry-later', synced: 4 });
    now += 10 * MINUTE;
    expect(await engine.run()).toMatchObject({ outcome: 'drained', synced: 6, deadLettered: 0 });
    expect(await db.deadLetters.count()).toBe(0);
    expect(new Set(collector.stored.keys())).toEqual(new Set(events.map((event) => event.id)));
    expect((await readSyncState(db)).lastError).toBeNull();
  });

  it('events newer than the collector wait for its update; every other event goes, none dead-lettered', async () => {
    // 25 events of a kind the collector does not know yet come first, more than a batch holds.
    const { db } = await setup(0);
    const newId = createUuidV7();
    const events = Array.from({ length: 30 }, (_, i) =>
      (i < 25 || i % 2 === 0 ? health : hourly)(newId(T0 + i), T0 + i),
    );
    await db.outbox.bulkAdd(events);
    let now = T0 + 60_000;
    let updated = false;
    const collector = outdatedCollector(() => updated);
    const engine = engineFor(db, collector.fetch, {
      now: () => now,
      limits: { maxEvents: 10, maxBytes: 1_000_000 },
    });

    const first = await engine.run();
    expect(first).toMatchObject({ outcome: 'retry-later', synced: 3, deadLettered: 0 });
    expect([...collector.stored.values()].map((event) => event.occurredAt - T0)).toEqual([
      25, 27, 29,
    ]);
    expect(collector.requests.length).toBeLessThanOrEqual(4); // each event sent once in the run
    const state = await readSyncState(db);
    expect(state.lastError?.kind).toBe('collector-outdated');
    expect(state.nextAttemptAt).toBe(now + SIX_HOURS);
    expect(await pendingCount(db)).toBe(27);

    // The collector is updated; six hours on, the rest go.
    updated = true;
    now += SIX_HOURS;
    expect(await engine.run()).toMatchObject({ outcome: 'drained', synced: 27, deadLettered: 0 });
    expect(collector.stored.size).toBe(30);
    expect(await db.deadLetters.count()).toBe(0);
    expect((await readSyncState(db)).lastError).toBeNull();
  });

  it('events newer than the collector wait their six hours alone: events queued after them go at the next trigger', async () => {
    const { db } = await setup(0);
    const newId = createUuidV7();
    await db.outbox.bulkAdd(Array.from({ length: 3 }, (_, i) => health(newId(T0 + i), T0 + i)));
    const heldAt = T0 + 60_000;
    let now = heldAt;
    let updated = false;
    const collector = outdatedCollector(() => updated);
    // Each trigger in a new worker, as the periodic alarm or a prompt answer (syncSoon) wakes it.
    const wake = () => engineFor(db, collector.fetch, { now: () => now }).run();
    const healthSent = () =>
      collector.requests
        .flatMap((request) => request.events)
        .filter((e) => e.type === 'adapter.health').length;
    expect(await wake()).toMatchObject({ synced: 0, deadLettered: 0 });
    expect(healthSent()).toBe(3);

    for (let minute = 1; minute <= 3; minute++) {
      now = heldAt + minute * 60_000;
      const answer = hourly(newId(now), now);
      await db.outbox.add(answer);
      expect(await wake()).toMatchObject({ synced: 1 });
      expect(collector.stored.has(answer.id)).toBe(true);
    }
    expect(healthSent()).toBe(3); // not offered again before their time
    // The popup still says why three events wait, and until when.
    expect(await readSyncState(db)).toMatchObject({
      lastError: { kind: 'collector-outdated' },
      nextAttemptAt: heldAt + SIX_HOURS,
    });
    expect(await pendingCount(db)).toBe(3);

    updated = true;
    now = heldAt + SIX_HOURS;
    expect(await wake()).toMatchObject({ outcome: 'drained', synced: 3 });
    expect(await pendingCount(db)).toBe(0);
    expect((await readSyncState(db)).lastError).toBeNull();
  });

  it('"Sync now" once the collector is updated sends the held events, and that type is held no longer', async () => {
    const { db } = await setup(0);
    const newId = createUuidV7();
    await db.outbox.add(health(newId(T0), T0));
    let now = T0 + 60_000;
    let updated = false;
    const collector = outdatedCollector(() => updated);
    const engine = engineFor(db, collector.fetch, { now: () => now });
    await engine.run();
    updated = true;
    now += 60_000;
    expect(await engine.run({ ignoreBackoff: true })).toMatchObject({
      outcome: 'drained',
      synced: 1,
    });
    now += 60_000;
    await db.outbox.add(health(newId(now), now));
    expect(await engine.run()).toMatchObject({ outcome: 'drained', synced: 1 });
    expect(await pendingCount(db)).toBe(0);
  });

  it('400 without per-event results: isolates the bad event by halving, dead-letters it with the message', async () => {
    const { db, events } = await setup(9);
    const bad = events[6]!.id;
    const collector = fakeCollector((batch) =>
      batch.some((e) => e.id === bad)
        ? { status: 400, body: { error: 'bad_request', message: 'payload.app: invalid' } }
        : collector.ingest(batch),
    );
    const result = await engineFor(db, collector.fetch).run();
    expect(result).toMatchObject({ outcome: 'drained', synced: 8, deadLettered: 1 });
    expect(await db.deadLetters.get(bad)).toMatchObject({
      reason: expect.stringContaining('payload.app: invalid'),
    });
    expect([...collector.stored.keys()]).toEqual(
      events.map((e) => e.id).filter((id) => id !== bad),
    );
  });

  it.each([401, 403])(
    '%i enrols again once, then stops syncing until the collector URL or token changes',
    async (status) => {
      const { db } = await setup(4);
      let config = configured('fp-old');
      let refuse = true;
      const senders = enrolledAs('agent-7', ['credential_first_000000', 'credential_second_00000']);
      const collector = fakeCollector((batch) => (refuse ? { status } : collector.ingest(batch)));
      const engine = engineFor(db, collector.fetch, { config: () => config, senders });
      expect((await engine.run()).outcome).toBe('blocked');
      expect(collector.requests.map((request) => request.auth)).toEqual([
        'Bearer credential_first_000000',
        'Bearer credential_second_00000',
      ]);
      expect(await readSyncState(db)).toMatchObject({
        blockedFor: 'fp-old',
        lastError: { kind: 'unauthorised', status },
      });
      refuse = false;
      expect((await engine.run({ ignoreBackoff: true })).outcome).toBe('blocked');
      expect(collector.requests).toHaveLength(2);
      config = configured('fp-new');
      expect(await engine.run()).toMatchObject({ outcome: 'drained', synced: 4 });
      expect(await readSyncState(db)).toMatchObject({ blockedFor: null, lastError: null });
    },
  );

  it('a revoked install credential is replaced by enrolling again, and the same events go with the new one', async () => {
    const { db, events } = await setup(3);
    const senders = enrolledAs('agent-7', ['credential_revoked_0000', 'credential_fresh_000000']);
    const collector = fakeCollector((batch, call) =>
      call === 1
        ? { status: 401, body: { error: 'install_revoked', message: 'revoked' } }
        : collector.ingest(batch),
    );
    const result = await engineFor(db, collector.fetch, { senders }).run();
    expect(result).toMatchObject({ outcome: 'drained', synced: 3 });
    expect(senders.forgotten).toBe(1);
    expect(collector.requests.at(-1)!.auth).toBe('Bearer credential_fresh_000000');
    expect([...collector.stored.keys()]).toEqual(events.map((event) => event.id));
  });

  it('sends no event while the install cannot enrol: blocked when the token is refused, retried when unreachable', async () => {
    const { db } = await setup(2);
    const collector = fakeCollector();
    const refusing: SenderSource = {
      senderFor: async () => ({
        ok: false,
        problem: 'unauthorised',
        status: 401,
        retryAfterMs: null,
        block: true,
      }),
      forget: async () => {},
    };
    expect((await engineFor(db, collector.fetch, { senders: refusing }).run()).outcome).toBe(
      'blocked',
    );
    const unreachable: SenderSource = {
      senderFor: async () => ({
        ok: false,
        problem: 'network',
        status: null,
        retryAfterMs: null,
        block: false,
      }),
      forget: async () => {},
    };
    const other = await setup(2);
    const result = await engineFor(other.db, collector.fetch, { senders: unreachable }).run();
    expect(result.outcome).toBe('retry-later');
    expect((await readSyncState(other.db)).lastError).toMatchObject({ kind: 'network' });
    expect(collector.requests).toHaveLength(0);
  });

  it('does not enrol while there is nothing to send', async () => {
    const { db } = await setup(0);
    const senders = enrolledAs('agent-7');
    expect((await engineFor(db, fakeCollector().fetch, { senders }).run()).outcome).toBe('drained');
    expect(senders.enrolments).toBe(0);
  });

  it('a 2xx with an invalid body marks nothing synced and retries', async () => {
    const { db } = await setup(3);
    for (const body of [
      undefined,
      { ok: true },
      { results: [], stored: 0, duplicates: 0, rejected: 0 },
    ]) {
      const collector = fakeCollector(() => ({ status: 200, body }));
      const result = await engineFor(db, collector.fetch).run({ ignoreBackoff: true });
      expect(result.outcome).toBe('retry-later');
      expect(await pendingCount(db)).toBe(3);
      expect((await readSyncState(db)).lastError).toMatchObject({ kind: 'invalid-response' });
    }
  });

  it('sends nothing and says why when not configured', async () => {
    const { db } = await setup(2);
    const collector = fakeCollector();
    const result = await engineFor(db, collector.fetch, {
      config: () => ({ target: { ok: false, problem: 'not-configured' }, backoffCapMs: 1000 }),
    }).run();
    expect(result.outcome).toBe('not-configured');
    expect(collector.requests).toHaveLength(0);
    expect((await readSyncState(db)).lastError).toMatchObject({ kind: 'not-configured' });
  });
});

describe('sync engine: a clock set back (a fast clock put right)', () => {
  const HOURS_FAST = 5 * 3_600_000;

  it('a retry chosen on the fast clock does not keep uploads waiting for hours', async () => {
    const { db } = await setup(2);
    let now = T0 + HOURS_FAST;
    let down = true;
    const collector = fakeCollector((batch) =>
      down ? { status: 503, headers: { 'retry-after': '120' } } : collector.ingest(batch),
    );
    const engine = engineFor(db, collector.fetch, { now: () => now });
    expect((await engine.run()).outcome).toBe('retry-later');
    expect((await readSyncState(db)).nextAttemptAt).toBe(T0 + HOURS_FAST + 120_500);

    now = T0 + 3 * 60_000;
    down = false;
    expect(await engine.run()).toMatchObject({ outcome: 'drained', synced: 2 });
    expect(await readSyncState(db)).toMatchObject({ nextAttemptAt: null, lastError: null });
  });

  it('a lease taken on the fast clock does not keep the next worker out for hours', async () => {
    const { db } = await setup(3);
    let now = T0 + HOURS_FAST;
    const hung = (() => new Promise<Response>(() => undefined)) as typeof fetch;
    void engineFor(db, hung, { now: () => now, ownerId: 'worker-1' }).run();
    await new Promise((resolve) => setTimeout(resolve, 50));

    // The worker died mid-upload; the browser restarts with its clock put right.
    now = T0 + 60_000;
    const collector = fakeCollector();
    const next = engineFor(db, collector.fetch, { now: () => now, ownerId: 'worker-2' });
    expect(await next.run()).toMatchObject({ outcome: 'drained', synced: 3 });
  });

  it("events held for the collector's update on the fast clock wait six hours from now, not eleven", async () => {
    const { db } = await setup(0);
    const newId = createUuidV7();
    await db.outbox.add(health(newId(T0), T0));
    let now = T0 + HOURS_FAST;
    const collector = outdatedCollector(() => false);
    const engine = engineFor(db, collector.fetch, { now: () => now });
    await engine.run();
    expect(collector.requests).toHaveLength(1);

    now = T0 + 60_000;
    await engine.run();
    expect(collector.requests).toHaveLength(2); // offered again, and held again from now
    expect(await readSyncState(db)).toMatchObject({
      lastError: { kind: 'collector-outdated' },
      nextAttemptAt: now + SIX_HOURS,
    });
  });
});

describe('sync engine: single flight and worker death', () => {
  it('two triggers at once make one upload', async () => {
    const { db } = await setup(30);
    let concurrent = 0;
    let maxConcurrent = 0;
    const collector = fakeCollector(async (batch) => {
      concurrent += 1;
      maxConcurrent = Math.max(maxConcurrent, concurrent);
      await new Promise((resolve) => setTimeout(resolve, 5));
      concurrent -= 1;
      return collector.ingest(batch);
    });
    const engine = engineFor(db, collector.fetch, { limits: { maxEvents: 10, maxBytes: 1e6 } });
    const other = engineFor(db, collector.fetch, {
      limits: { maxEvents: 10, maxBytes: 1e6 },
      ownerId: 'worker-2',
    });
    const results = await Promise.all([engine.run(), engine.run(), other.run()]);
    expect(maxConcurrent).toBe(1);
    expect(results.map((r) => r.outcome)).toEqual(['drained', 'drained', 'busy']);
    expect(collector.requests).toHaveLength(3);
  });

  it('a worker that dies after the collector committed loses nothing: the next one resends, the collector dedupes', async () => {
    const { db, events } = await setup(12);
    let now = T0 + 60_000;
    const collector = fakeCollector();
    // The first worker's upload reaches the collector, then the worker is stopped: its answer never arrives.
    const dying = ((url: string, init: RequestInit) => {
      void collector.fetch(url, init);
      return new Promise<Response>(() => undefined);
    }) as typeof fetch;
    void engineFor(db, dying, { now: () => now, ownerId: 'worker-1', timeoutMs: 30_000 }).run();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(collector.stored.size).toBe(12);
    expect(await pendingCount(db)).toBe(12);

    now += 60_000; // the next wake, after the dead worker's lease lapsed
    const result = await engineFor(db, collector.fetch, {
      now: () => now,
      ownerId: 'worker-2',
    }).run();
    expect(result).toMatchObject({ outcome: 'drained', synced: 12 });
    const last = collector.requests.at(-1)!;
    expect(last.events.map((e) => e.id)).toEqual(events.map((e) => e.id));
    expect(collector.stored.size).toBe(12);
    expect(await pendingCount(db)).toBe(0);
  });

  it('a lease left by a worker that died mid-upload sets the next attempt to when it lapses, and that attempt drains', async () => {
    const { db } = await setup(12);
    let now = T0 + 60_000;
    const collector = fakeCollector();
    const hung = (() => new Promise<Response>(() => undefined)) as typeof fetch;
    void engineFor(db, hung, { now: () => now, ownerId: 'worker-1', timeoutMs: 4_000 }).run();
    await new Promise((resolve) => setTimeout(resolve, 50));

    // The browser restarts within seconds: the old worker's lease is still in the database.
    now += 2_000;
    const next = engineFor(db, collector.fetch, { now: () => now, ownerId: 'worker-2' });
    expect((await next.run()).outcome).toBe('busy');
    const { nextAttemptAt } = await readSyncState(db);
    expect(nextAttemptAt).toBe(T0 + 60_000 + 4_000 + 5_000);
    expect((await readSyncState(db)).lastError).toBeNull();

    now = nextAttemptAt!;
    expect(await next.run()).toMatchObject({ outcome: 'drained', synced: 12 });
    expect(await pendingCount(db)).toBe(0);
  });

  it('drains a backlog of 50,000 events', async () => {
    const { db } = await setup(50_000);
    const collector = fakeCollector();
    const started = performance.now();
    const result = await engineFor(db, collector.fetch).run();
    const seconds = (performance.now() - started) / 1000;
    console.info(
      `drained 50,000 events in ${seconds.toFixed(1)} s (${collector.requests.length} requests)`,
    );
    expect(result).toMatchObject({ outcome: 'drained', synced: 50_000 });
    expect(collector.stored.size).toBe(50_000);
    expect(await pendingCount(db)).toBe(0);
  }, 120_000);
});

describe('sync engine: an event goes only as an identity no more revealing than when recorded', () => {
  type Mode = ReadyTarget['identityMode'];
  const as = (identityMode: Mode, agentId: string | null = null): SyncConfig => ({
    target: {
      ok: true,
      url: URL_,
      token: TOKEN,
      identityMode,
      agentId: identityMode === 'identified' ? agentId : null,
      fingerprint: `${identityMode}:${agentId ?? ''}`,
    },
    backoffCapMs: 300_000,
  });

  /** Enrols per target as the collector would: the admin's id, a pseudonym, or nobody. */
  function sendersPerTarget(): SenderSource {
    return {
      async senderFor(target) {
        const agentId =
          target.identityMode === 'identified'
            ? target.agentId
            : target.identityMode === 'pseudonymous'
              ? 'pseudonym-1'
              : null;
        return { ok: true, sender: { credential: `credential_${target.fingerprint}`, agentId } };
      },
      forget: async () => {},
    };
  }

  /** An engine whose settings and reachability the test changes between runs. */
  async function scenario(first: SyncConfig) {
    const { db } = await setup();
    let online = true;
    let config = first;
    // Requests that reached the collector (a network failure sends nothing).
    const delivered: number[] = [];
    const collector = fakeCollector((batch, call) => {
      if (!online) return 'network';
      delivered.push(call - 1);
      return collector.ingest(batch);
    });
    const engine = engineFor(db, collector.fetch, {
      config: () => config,
      senders: sendersPerTarget(),
    });
    const newId = createUuidV7();
    let clock = T0;
    return {
      db,
      collector,
      engine,
      setConfig: (next: SyncConfig) => (config = next),
      setOnline: (value: boolean) => (online = value),
      /** Queues events the way the tracker does, under the settings in force now. */
      async record(count: number) {
        // The settings in force are what the engine learns at each trigger (a change of
        // settings triggers a run); a run with nothing to send still learns them.
        await engine.run({ ignoreBackoff: true });
        const events = Array.from({ length: count }, () => hourly(newId(++clock), clock));
        await queueEvents(db, events, clock);
        return events;
      },
      sentAs: () =>
        delivered.flatMap((index) => {
          const request = collector.requests[index]!;
          return request.events.map((event) => ({ id: event.id, agentId: request.agentId }));
        }),
    };
  }

  it('anonymous events still queued when the team switches to identified never go with the agent id', async () => {
    const s = await scenario(as('anonymous'));
    s.setOnline(false);
    const recorded = await s.record(3);
    expect((await s.engine.run({ ignoreBackoff: true })).outcome).toBe('retry-later');
    s.setConfig(as('identified', 'emea-0042'));
    s.setOnline(true);
    await s.engine.run({ ignoreBackoff: true });
    expect(s.sentAs().filter((sent) => sent.agentId !== null)).toEqual([]);
    expect(await pendingCount(s.db)).toBe(0);
    const letters = await s.db.deadLetters.toArray();
    expect(letters.map((letter) => letter.id).sort()).toEqual(recorded.map((e) => e.id).sort());
    expect(letters[0]!.reason).toMatch(/anonymous/);
    // Pseudonymous is more revealing than anonymous too.
    const p = await scenario(as('anonymous'));
    p.setOnline(false);
    await p.record(2);
    p.setConfig(as('pseudonymous'));
    p.setOnline(true);
    await p.engine.run({ ignoreBackoff: true });
    expect(p.sentAs()).toEqual([]);
    expect(await p.db.deadLetters.count()).toBe(2);
  });

  it('events recorded as agent A never go as agent B after the agent id changes, not even when retried', async () => {
    const s = await scenario(as('identified', 'agent-a'));
    s.setOnline(false);
    const mine = await s.record(3);
    await s.engine.run({ ignoreBackoff: true });
    s.setConfig(as('identified', 'agent-b'));
    s.setOnline(true);
    const theirs = await s.record(2);
    await s.engine.run({ ignoreBackoff: true });
    expect(s.sentAs()).toEqual(theirs.map((event) => ({ id: event.id, agentId: 'agent-b' })));
    const letters = await s.db.deadLetters.toArray();
    expect(letters.map((letter) => letter.id).sort()).toEqual(mine.map((e) => e.id).sort());
    expect(letters[0]!.reason).toMatch(/agent-a/);
    // "Retry" on the options page puts them back as they were recorded: still not B's.
    await retryDeadLetters(
      s.db,
      mine.map((event) => event.id),
    );
    await s.engine.run({ ignoreBackoff: true });
    expect(s.sentAs().filter((sent) => mine.some((event) => event.id === sent.id))).toEqual([]);
    expect(await s.db.deadLetters.count()).toBe(3);
    // Back as A, a retry sends them as A.
    s.setConfig(as('identified', 'agent-a'));
    await s.engine.run({ ignoreBackoff: true });
    await retryDeadLetters(
      s.db,
      mine.map((event) => event.id),
    );
    await s.engine.run({ ignoreBackoff: true });
    expect(s.sentAs().slice(2)).toEqual(
      mine.map((event) => ({ id: event.id, agentId: 'agent-a' })),
    );
  });

  it('events recorded and sent under the same identity all go, exactly once, in order', async () => {
    for (const [config, agentId] of [
      [as('identified', 'agent-a'), 'agent-a'],
      [as('pseudonymous'), 'pseudonym-1'],
      [as('anonymous'), null],
    ] as const) {
      const s = await scenario(config);
      s.setOnline(false);
      const early = await s.record(3);
      // Each row keeps the identity it was queued under (local bookkeeping, never sent).
      expect((await s.db.outbox.get(early[0]!.id))?.recordedAs).toEqual({
        mode: config.target.ok && config.target.identityMode,
        agentId: agentId === 'agent-a' ? 'agent-a' : null,
      });
      await s.engine.run({ ignoreBackoff: true });
      s.setOnline(true);
      const late = await s.record(2);
      await s.engine.run({ ignoreBackoff: true });
      expect(s.sentAs()).toEqual([...early, ...late].map((event) => ({ id: event.id, agentId })));
      expect(s.collector.stored.size).toBe(5);
      expect(await s.db.deadLetters.count()).toBe(0);
    }
  });

  it('identified events still queued when the team moves to anonymous go anonymously, also from a run in progress', async () => {
    const { db } = await setup();
    let config = as('identified', 'agent-a');
    const newId = createUuidV7();
    let clock = T0;
    const record = async (count: number) => {
      const events = Array.from({ length: count }, () => hourly(newId(++clock), clock));
      await queueEvents(db, events, clock);
      return events;
    };
    let engine: ReturnType<typeof engineFor> | undefined = undefined;
    let later: OutboxEvent[] = [];
    const collector = fakeCollector(async (batch, call) => {
      if (call === 1) {
        // While the first batch is on its way, the team moves to anonymous; the change of
        // settings triggers sync (it joins the run in progress) and the tracker records more.
        config = as('anonymous');
        void engine!.run({ ignoreBackoff: true });
        await vi.waitFor(() => expect(db.recordingIdentity.current?.mode).toBe('anonymous'));
        later = await record(2);
      }
      return collector.ingest(batch);
    });
    engine = engineFor(db, collector.fetch, {
      config: () => config,
      senders: sendersPerTarget(),
      limits: { maxEvents: 2, maxBytes: 1_000_000 },
    });
    await engine.run();
    const before = await record(6);
    const result = await engine.run({ ignoreBackoff: true });
    await engine.run({ ignoreBackoff: true });
    expect(result.deadLettered).toBe(0);
    const sent = collector.requests.flatMap((request) =>
      request.events.map((event) => ({ id: event.id, agentId: request.agentId })),
    );
    // The first batch left before the change, as A; nothing after it goes as A.
    expect(sent.slice(0, 2)).toEqual(
      before.slice(0, 2).map((e) => ({ id: e.id, agentId: 'agent-a' })),
    );
    expect(sent.slice(2).map((s) => s.agentId)).toEqual(sent.slice(2).map(() => null));
    expect(sent.map((s) => s.id).sort()).toEqual([...before, ...later].map((e) => e.id).sort());
    expect(collector.stored.size).toBe(8);
    expect(await pendingCount(db)).toBe(0);
  });

  it('events queued before this version are treated as recorded under the less revealing of the enrolment and the settings', async () => {
    // Legacy rows carry no identity. The install last enrolled anonymously; identified now.
    const { db, events } = await setup(3);
    const collector = fakeCollector();
    const senders: SenderSource = {
      ...sendersPerTarget(),
      enrolledAs: async () => ({ mode: 'anonymous', agentId: null }),
    };
    await engineFor(db, collector.fetch, {
      config: () => as('identified', 'emea-0042'),
      senders,
    }).run();
    expect(collector.requests).toHaveLength(0);
    expect((await db.deadLetters.toArray()).map((letter) => letter.id).sort()).toEqual(
      events.map((e) => e.id).sort(),
    );
    // Enrolled and configured alike: nothing changed, they go as before.
    const same = await setup(3);
    const sameCollector = fakeCollector();
    await engineFor(same.db, sameCollector.fetch, {
      config: () => as('identified', 'emea-0042'),
      senders: {
        ...senders,
        enrolledAs: async () => ({ mode: 'identified', agentId: 'emea-0042' }),
      },
    }).run();
    expect(sameCollector.stored.size).toBe(3);
    expect(sameCollector.requests[0]!.agentId).toBe('emea-0042');
  });
});
