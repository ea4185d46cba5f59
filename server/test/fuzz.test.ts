import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { errorResponseSchema, INGEST_LIMITS, ingestResponseSchema } from '../../contract/api';
import {
  collectorSuite,
  makeEvent,
  send,
  testDatabases,
  type TestRequest,
  installCredentialFor,
  tokenFor,
  uniqueTeam,
} from './helpers';
import { inspectDatabase } from '../../tests/support/collector-inspector';

/** mulberry32: a tiny seeded PRNG, so that a failing run can be replayed exactly. */
function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (max: number) => Math.floor(next() * max);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const bytes = (length: number) => Buffer.from(Array.from({ length }, () => int(256)));
  return { next, int, pick, bytes };
}
type Random = ReturnType<typeof createRandom>;

const SEED = 20_261_125;
const BAD_REQUESTS = 1_000;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type ValidEvent = ReturnType<typeof makeEvent> | ReturnType<typeof makeDroppedEvent>;

function makeDroppedEvent(now = Date.now()) {
  const base = makeEvent(now);
  return {
    id: base.id,
    type: 'events.dropped' as const,
    occurredAt: base.occurredAt,
    schemaVersion: 1 as const,
    payload: {
      count: 3,
      reason: 'quota' as const,
      byType: { 'app.hourly': 2, 'prompt.outcome': 1 },
      oldestOccurredAt: base.occurredAt - 5_000,
      newestOccurredAt: base.occurredAt,
    },
  };
}

const validEvent = (random: Random): ValidEvent =>
  random.next() < 0.5 ? makeEvent() : makeDroppedEvent();

/** A value of another JSON type than `original`: these events have no field that accepts two. */
function otherType(random: Random, original: Json): Json {
  const kind = (value: Json) =>
    Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
  const candidates: Json[] = [
    null,
    true,
    -1.5,
    'x'.repeat(random.pick([0, 1, 50, 5_000])),
    [],
    [1, 'two'],
    {},
    { nested: { deeper: 1 } },
  ];
  return random.pick(candidates.filter((candidate) => kind(candidate) !== kind(original)));
}

/** A copy of a valid event with one value at a random path replaced by a wrong type, or removed. */
function breakEvent(random: Random, event: ValidEvent): Json {
  const copy = JSON.parse(JSON.stringify(event)) as { [key: string]: Json };
  let parent: { [key: string]: Json } = copy;
  let key = random.pick(Object.keys(parent));
  while (random.next() < 0.6) {
    const child = parent[key];
    if (child === null || typeof child !== 'object' || Array.isArray(child)) break;
    const keys = Object.keys(child);
    if (keys.length === 0) break;
    parent = child;
    key = random.pick(keys);
  }
  // Removing a key of the `byType` record leaves a valid event, so only replace inside it.
  if (random.next() < 0.2 && parent !== (copy.payload as { byType?: Json }).byType)
    delete parent[key];
  else parent[key] = otherType(random, parent[key] ?? null);
  return copy;
}

/** An event valid in shape but refused for its content: time window, id or type. */
function refusedEvent(random: Random): Json {
  const event = makeEvent() as unknown as { [key: string]: Json };
  switch (random.int(4)) {
    case 0:
      return { ...event, occurredAt: Date.now() + INGEST_LIMITS.maxFutureSkewMs + 3_600_000 };
    case 1:
      return { ...event, occurredAt: Date.now() - INGEST_LIMITS.maxAgeMs - 86_400_000 };
    case 2:
      return {
        ...event,
        id: random.pick(['', 'not-a-uuid', crypto.randomUUID(), 'x'.repeat(300)]),
      };
    default:
      return { ...event, type: random.pick(['keystrokes', 'app.HOURLY', '', 'interaction']) };
  }
}

type Case = { request: TestRequest & { path: string }; expect: readonly number[]; label: string };

describe.each(testDatabases())('fuzzing the collector on $name', (database) => {
  const suite = collectorSuite(database, { rateLimit: { perSecond: 100_000, burst: 100_000 } });

  it(`survives ${BAD_REQUESTS} bad requests among valid ones and stores exactly the valid events`, async () => {
    const random = createRandom(SEED);
    const teamA = uniqueTeam('a');
    const teamB = uniqueTeam('b');
    const agentA = await installCredentialFor(suite.collector.db, teamA, 'agent-1');
    const supervisorA = await tokenFor(suite.collector.db, teamA, 'supervisor');
    const agentB = await installCredentialFor(suite.collector.db, teamB, 'agent-1');
    const revoked = await installCredentialFor(suite.collector.db, teamA, 'agent-1');
    const revokedRecord = (await suite.collector.db.listInstalls(teamA)).at(-1)!;
    await suite.collector.db.revokeInstall(teamA, revokedRecord.id, 'test', new Date());
    const expected = { [teamA]: new Set<string>(), [teamB]: new Set<string>() };
    const sentByA: ValidEvent[] = [];

    const batch = (events: Json[], agentId: Json = 'agent-1') => ({ agentId, events });
    const validBatch = (): Case => {
      const events = Array.from({ length: 1 + random.int(20) }, () => validEvent(random));
      // Resending earlier events must only ever yield duplicates.
      if (sentByA.length > 0 && random.next() < 0.3) events.push(random.pick(sentByA));
      for (const event of events) expected[teamA]!.add(event.id);
      sentByA.push(...events);
      return {
        label: 'valid batch',
        request: {
          path: '/v1/events',
          token: agentA,
          body: batch(events),
          gzip: random.next() < 0.3,
        },
        expect: [200],
      };
    };

    const badGenerators: (() => Case)[] = [
      () => ({
        label: 'random bytes',
        request: { path: '/v1/events', token: agentA, body: random.bytes(1 + random.int(2_000)) },
        expect: [400],
      }),
      () => {
        const text = JSON.stringify(batch([validEvent(random), validEvent(random)]));
        return {
          label: 'truncated JSON',
          request: {
            path: '/v1/events',
            token: agentA,
            body: text.slice(0, random.int(text.length - 1)),
          },
          expect: [400],
        };
      },
      () => {
        const good = validEvent(random);
        expected[teamA]!.add(good.id);
        const broken = Array.from({ length: 1 + random.int(3) }, () =>
          breakEvent(random, validEvent(random)),
        );
        const events = [...broken, good as unknown as Json, refusedEvent(random)];
        return {
          label: 'wrong types at random paths',
          request: { path: '/v1/events', token: agentA, body: batch(events) },
          expect: [422],
        };
      },
      () => ({
        label: 'bad envelope',
        request: {
          path: '/v1/events',
          token: agentA,
          body: random.pick<Json>([
            batch([], null),
            batch([makeEvent() as unknown as Json], 'a'.repeat(101)),
            batch([makeEvent() as unknown as Json], 42),
            { events: [makeEvent() as unknown as Json] },
            { agentId: null, events: 'all of them' },
            [makeEvent() as unknown as Json],
            'a string',
            12,
            null,
            '['.repeat(20_000) + ']'.repeat(20_000),
          ]),
        },
        expect: [400],
      }),
      () => ({
        label: 'huge body',
        request: {
          path: '/v1/events',
          token: agentA,
          body: batch([{ ...makeEvent(), payload: 'x'.repeat(INGEST_LIMITS.maxBodyBytes) }]),
          gzip: random.next() < 0.5,
        },
        expect: [413],
      }),
      () => ({
        label: 'gzip bomb',
        request: {
          path: '/v1/events',
          token: agentA,
          body: gzipSync(
            Buffer.alloc(INGEST_LIMITS.maxBodyBytes + 1 + random.int(1_000_000), 0x20),
          ),
          headers: { 'content-encoding': 'gzip' },
        },
        expect: [413],
      }),
      () => ({
        label: 'not gzip despite the header',
        request: {
          path: '/v1/events',
          token: agentA,
          body: random.bytes(10 + random.int(500)),
          headers: { 'content-encoding': 'gzip' },
        },
        expect: [400],
      }),
      () => ({
        label: 'wrong content headers',
        request: {
          path: '/v1/events',
          token: agentA,
          body: batch([makeEvent() as unknown as Json]),
          headers: random.pick<Record<string, string>>([
            { 'content-type': 'text/plain' },
            { 'content-type': 'application/x-www-form-urlencoded' },
            { 'content-type': '' },
            { 'content-encoding': 'br' },
            { 'content-encoding': 'deflate, gzip' },
          ]),
        },
        expect: [415],
      }),
      () => ({
        label: 'missing or bad token',
        request: {
          path: random.pick(['/v1/events', '/v1/policy', '/v1/whoami', '/v1/policy/audit']),
          method: random.pick(['GET', 'POST', 'PUT']),
          body: batch([makeEvent() as unknown as Json]),
          headers: random.pick<Record<string, string>>([
            {},
            { authorization: `Bearer ${revoked}` },
            { authorization: 'Bearer ' },
            { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` },
            { authorization: `Bearer tp_${random.bytes(32).toString('base64url')}` },
            { authorization: `bearer ${agentA}x` },
          ]),
        },
        // 405 wins for a path that does not take the method.
        expect: [401, 405],
      }),
      () => ({
        label: 'wrong method or path',
        request: {
          path: random.pick([
            '/v1/events',
            '/v1/health',
            '/v1/openapi.json',
            '/',
            '/v1',
            '/v2/events',
            '/v1/events/1',
            '/%zz',
            '/v1/policy/../events',
            `/v1/${'x'.repeat(6_000)}`,
          ]),
          method: random.pick(['DELETE', 'PATCH', 'OPTIONS', 'PUT', 'GET']),
          token: agentA,
        },
        expect: [200, 404, 405],
      }),
      () => ({
        label: "another team's events and policy",
        request: random.pick<TestRequest & { path: string }>([
          {
            path: '/v1/policy',
            method: 'PUT',
            token: agentB,
            body: { policy: { trackingEnabled: false } },
          },
          { path: '/v1/policy/audit', token: agentB },
        ]),
        expect: [403],
      }),
      () => {
        // Team B may send the same ids as team A: they are B's own rows.
        const copies = sentByA.length > 0 ? [random.pick(sentByA)] : [validEvent(random)];
        for (const event of copies) expected[teamB]!.add(event.id);
        return {
          label: "team A's ids sent by team B",
          request: { path: '/v1/events', token: agentB, body: batch(copies) },
          expect: [200],
        };
      },
      () => ({
        label: 'garbage policy',
        request: {
          path: '/v1/policy',
          method: 'PUT',
          token: supervisorA,
          body: random.pick<Json>([
            { policy: { idleThresholdSeconds: 'soon' } },
            { policy: { recordHashSecret: 'x'.repeat(40) } },
            { policy: [] },
            { policy: { prompts: { enabled: 'yes', samplingRate: 2 } } },
            {},
            'policy',
          ]),
          headers:
            random.next() < 0.3 ? { 'if-match': '"garbage' } : ({} as Record<string, string>),
        },
        expect: [400],
      }),
    ];

    const cases: Case[] = [];
    for (let bad = 0; bad < BAD_REQUESTS; bad++) {
      cases.push(random.pick(badGenerators)());
      if (random.next() < 0.3) cases.push(validBatch());
    }
    // Valid batches must arrive in order after their events were generated: send a few at a time.
    const outcomes: string[] = [];
    for (let start = 0; start < cases.length; start += 8) {
      const slice = cases.slice(start, start + 8);
      const responses = await Promise.all(
        slice.map(({ request }) =>
          send(suite.collector.url, request.path, { ...request, timeoutMs: 10_000 }),
        ),
      );
      responses.forEach((response, index) => {
        const { label, expect: statuses } = slice[index]!;
        const shape =
          response.status === 200 && response.json !== undefined
            ? true
            : response.status === 422
              ? ingestResponseSchema.safeParse(response.json).success
              : errorResponseSchema.safeParse(response.json).success;
        if (!statuses.includes(response.status) || !shape) {
          outcomes.push(`${label}: ${response.status} ${response.text.slice(0, 200)}`);
        }
      });
    }
    expect(outcomes).toEqual([]);
    expect(cases.length - BAD_REQUESTS).toBeGreaterThan(200);

    const health = await send(suite.collector.url, '/v1/health');
    expect(health.status).toBe(200);
    expect(await inspectDatabase(suite.collector.db).listEventIds(teamA)).toEqual(
      [...expected[teamA]!].sort(),
    );
    expect(await inspectDatabase(suite.collector.db).listEventIds(teamB)).toEqual(
      [...expected[teamB]!].sort(),
    );
    expect((await suite.collector.db.getPolicy(teamA)).version).toBe(0);
    expect((await suite.collector.db.getPolicy(teamB)).version).toBe(0);
  }, 60_000);
});
