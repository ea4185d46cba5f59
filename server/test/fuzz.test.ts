import { deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  API_PATHS,
  errorResponseSchema,
  INGEST_LIMITS,
  ingestRequestSchema,
  ingestResponseSchema,
  type IngestResponse,
} from '../../contract/api';
import { outboxEventSchema, type OutboxEvent } from '../../contract/events';
import { isoWeekIndex, isoWeekLabel } from '../../contract/iso-week';
import { reportSchema } from '../../contract/report';
import { createRandom, type Random } from '../../contract/seeded-random';
import { createUuidV7 } from '../../contract/uuidv7';
import {
  contractFields,
  describePath,
  fieldValue,
  unionOptions,
  withField,
  withoutField,
  type ContractField,
} from '../../tests/support/contract-fields';
import { inspectDatabase } from '../../tests/support/collector-inspector';
import { sampleEvents } from '../../tests/support/sample-events';
import {
  collectorSuite,
  send,
  testDatabases,
  type TestRequest,
  type TestResponse,
  installCredentialFor,
  tokenFor,
  uniqueTeam,
} from './helpers';
import { rawRequest } from './raw-http';
import { eventTimes } from '../src/ingest/validate-batch';

// Issue #13, item 7: thousands of generated bad requests, interleaved with valid batches, on each
// database. Every answer must be a JSON 4xx within 10 s (a 422 names each rejected event), the
// collector must stay up, every valid event must be stored exactly once and every team's report
// must still answer. The fields are read from the contract's zod schemas (contract-fields.ts), so
// a field added to contract/events.ts is fuzzed without touching this file. FUZZ_SEED=<n> replays
// a run; the seed is printed with the counts.

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_205);
const BAD_REQUESTS = 5_000;
/** Requests in flight at once; a slice's valid batches only resend ids of earlier slices. */
const CONCURRENCY = 8;
/** Declared bodies and headers that never arrive, held open together from the start of the run. */
const STALLED_REQUESTS = 12;
const ANSWER_WITHIN_MS = 10_000;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Team = 'a' | 'b';

/** What one request must get back. `validIds`: events it carries that must end up stored. */
type Expectation = {
  statuses: readonly number[];
  /** For a batch: the positions of the events that must be rejected (a 422 otherwise wrong). */
  rejected?: readonly number[];
  validIds?: readonly string[];
};
type Spec = { path: string; request: TestRequest } | { raw: string | Buffer };
/** `send` may be built when it is sent, so that megabyte bodies do not wait in memory. */
type Case = { kind: string; team: Team; send: Spec | (() => Spec); expect: Expectation };

const EVENT_OPTIONS = unionOptions(outboxEventSchema);
/** Every field of every event type, with the type it belongs to. */
const EVENT_FIELDS = EVENT_OPTIONS.flatMap((option) => {
  const { type } = (option as unknown as { shape: { type: { value: OutboxEvent['type'] } } }).shape;
  return contractFields(option).map((field) => ({ type: type.value, field }));
});
const ENVELOPE_FIELDS = contractFields(ingestRequestSchema);

const isNumberField = (field: ContractField, sample: unknown) =>
  field.kind === 'number' || (field.kind === 'literal' && typeof sample === 'number');
const isStringField = (field: ContractField, sample: unknown) =>
  field.kind === 'string' ||
  field.kind === 'enum' ||
  field.kind === 'record-key' ||
  (field.kind === 'literal' && typeof sample === 'string');

/** Numbers the field must refuse: past its bounds, fractional where it takes integers, huge. */
function outOfRange(field: ContractField, sample: unknown): number[] {
  if (field.kind === 'literal') return [(sample as number) + 1, (sample as number) - 1, 1.5];
  const { min = -Infinity, max = Infinity, int = false } = field;
  const candidates = [max + 1, min - 1, 3_000_000_000, -3_000_000_000, -1, 1.5, 1e300, -1e300];
  if (int && Number.isFinite(min)) candidates.push(min + 0.5);
  return candidates.filter(
    (value) => Number.isFinite(value) && (value > max || value < min || (int && value % 1 !== 0)),
  );
}

/** Strings the field must refuse: NUL, unpaired surrogates, one character too many. */
function unstorable(field: ContractField, sample: unknown): string[] {
  const text = typeof sample === 'string' && sample.length > 0 ? sample : 'x';
  const values = [
    `${text}\u0000`,
    `\u0000${text}`,
    `${text.slice(0, -1)}\ud800`,
    `\udc00${text}`,
    `${text}\ud83d`,
  ];
  if (field.maxLength !== undefined) values.push('y'.repeat(field.maxLength + 1));
  return values;
}

/** A value of a JSON type the field does not take (null only where null is refused). */
function wrongType(random: Random, field: ContractField, sample: unknown): Json {
  const takes =
    field.kind === 'number'
      ? 'number'
      : field.kind === 'object'
        ? 'object'
        : field.kind === 'array'
          ? 'array'
          : field.kind === 'boolean'
            ? 'boolean'
            : field.kind === 'literal'
              ? typeof sample
              : 'string';
  const kind = (value: unknown) =>
    Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
  const candidates: Json[] = [true, 12, '12', [], ['a'], {}, { value: 1 }];
  if (!field.nullable) candidates.push(null);
  return random.pick(candidates.filter((candidate) => kind(candidate) !== takes));
}

/** A raw HTTP request the collector must answer with a JSON 4xx (never 2xx, never silence). */
function malformedHttp(random: Random, token: string): string {
  const path = random.pick([API_PATHS.events, API_PATHS.health, API_PATHS.policy, '/']);
  const host = 'Host: collector\r\n';
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const word = (length: number) => Array.from({ length }, () => random.pick([...letters])).join('');
  switch (random.int(0, 4)) {
    case 0:
      return `${word(random.int(3, 12))} ${path} HTTP/1.1\r\n${host}\r\n`;
    case 1:
      return random.pick([
        `POST ${path} HTTP/1.1\r\n${host}Content-Type: application/json\r\nContent-Length: -${random.int(1, 99)}\r\n\r\n`,
        `POST ${path} HTTP/1.1\r\n${host}Content-Type: application/json\r\nContent-Length: ${word(3)}\r\n\r\n`,
        `POST ${path} HTTP/1.1\r\n${host}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n`,
        `POST ${path} HTTP/1.1\r\n${host}Content-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 7\r\n\r\n{}`,
        `POST ${path} HTTP/1.1\r\n${host}Authorization: Bearer ${token}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`,
        `POST ${path} HTTP/1.1\r\n${host}Content-Type: application/json\r\nTransfer-Encoding: gzip, chunked, identity\r\n\r\n`,
      ]);
    case 2:
      return `GET /v1/${'x'.repeat(random.int(17_000, 60_000))} HTTP/1.1\r\n${host}\r\n`;
    case 3:
      return random.chance(0.5)
        ? `GET ${path} HTTP/1.1\r\n${host}X-Filler: ${'y'.repeat(random.int(17_000, 40_000))}\r\n\r\n`
        : `GET ${path} HTTP/1.1\r\n${host}${Array.from({ length: random.int(1_000, 2_000) }, (_, i) => `X-H${i}: ${word(12)}\r\n`).join('')}\r\n`;
    default:
      return random.pick([
        `GET ${path} HTTP/1.1\r\n${host}No colon here\r\n\r\n`,
        `GET ${path} HTTP/1.1\r\n${host}Bad Name: value\r\n\r\n`,
        `GET ${path}\u0000x HTTP/1.1\r\n${host}\r\n`,
        `GET ${path} HTTP/9.9\r\n${host}\r\n`,
        `GET ${path} HTTP/1.1\r\n${host}X-A: b\rc\r\n\r\n`,
        `\r\n\r\n\u0001\u0002 garbage\r\n\r\n`,
      ]);
  }
}

/** A request that stalls: a declared body that never arrives, or headers that never end. */
function stalledRequest(token: string, random: Random): string {
  return random.chance(0.5)
    ? `POST ${API_PATHS.events} HTTP/1.1\r\nHost: collector\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: ${random.int(100, 100_000)}\r\n\r\n{"agentId":`
    : `GET ${API_PATHS.health} HTTP/1.1\r\nHost: collector\r\nX-Slow: yes\r\n`;
}

describe.each(testDatabases())('fuzzing the collector on $name', (database) => {
  const suite = collectorSuite(database, { rateLimit: { perSecond: 1_000_000, burst: 1_000_000 } });

  /** The one place this file posts events: the credential a team's agent sends them with. */
  const credentialFor = (team: string, agentId: string) =>
    installCredentialFor(suite.collector.db, team, agentId);
  const postEvents = (token: string, body: unknown, options: TestRequest = {}) => ({
    path: API_PATHS.events,
    request: { ...options, token, body },
  });

  it(`answers ${BAD_REQUESTS} generated bad requests with JSON 4xx and stores every interleaved valid event once`, async () => {
    const random = createRandom(SEED);
    const uuid = createUuidV7((bytes) => {
      for (let i = 0; i < bytes.length; i++) bytes[i] = random.int(0, 255);
      return bytes;
    });
    const now = Date.now();
    const teams = { a: uniqueTeam('fuzz-a'), b: uniqueTeam('fuzz-b') };
    const agentId = 'agent-1';
    const tokens = {
      a: await credentialFor(teams.a, agentId),
      b: await credentialFor(teams.b, agentId),
    };
    const enrolmentToken = await tokenFor(suite.collector.db, teams.a, 'agent');
    const enrolled = new Set((await suite.collector.db.listInstalls(teams.a)).map((i) => i.id));
    const revoked = await credentialFor(teams.a, agentId);
    const revokedInstall = (await suite.collector.db.listInstalls(teams.a)).find(
      (install) => !enrolled.has(install.id),
    )!;
    await suite.collector.db.revokeInstall(teams.a, revokedInstall.id, 'fuzz', new Date());
    const supervisors = {
      a: await tokenFor(suite.collector.db, teams.a, 'supervisor'),
      b: await tokenFor(suite.collector.db, teams.b, 'supervisor'),
    };
    const expected: Record<Team, Set<string>> = { a: new Set(), b: new Set() };
    const sent: OutboxEvent[] = [];

    /** A valid event of `type` (any type when omitted) from up to 20 days ago, with a fresh id. */
    const validEvent = (type?: OutboxEvent['type']): OutboxEvent => {
      const at = now - random.int(120_000, 20 * 86_400_000);
      const events = sampleEvents(at);
      const template = type ? events.find((event) => event.type === type)! : random.pick(events);
      return { ...template, id: uuid(template.occurredAt) } as OutboxEvent;
    };
    const batch = (events: Json[], id: Json = agentId) => ({ agentId: id, events });

    /** A batch of bad events around one or two good ones: 422, exactly the bad ones rejected. */
    const mixedBatch = (kind: string, badEvents: Json[]): Case => {
      const good = Array.from({ length: random.int(1, 2) }, () => validEvent());
      const events: { event: Json; bad: boolean }[] = [
        ...badEvents.map((event) => ({ event, bad: true })),
        ...good.map((event) => ({ event: event as unknown as Json, bad: false })),
      ];
      for (let i = events.length - 1; i > 0; i--) {
        const j = random.int(0, i);
        [events[i], events[j]] = [events[j]!, events[i]!];
      }
      for (const event of good) expected.a.add(event.id);
      sent.push(...good);
      return {
        kind,
        team: 'a',
        send: postEvents(tokens.a, batch(events.map(({ event }) => event))),
        expect: {
          statuses: [422],
          rejected: events.flatMap(({ bad }, index) => (bad ? [index] : [])),
          validIds: good.map((event) => event.id),
        },
      };
    };

    /** Each field kind visits its fields in turn, so every field is fuzzed in every run. */
    const visits = new Map<string, number>();
    const covered = new Map<string, Set<string>>();
    const nextField = <T extends { field: ContractField }>(kind: string, fields: readonly T[]) => {
      const visit = visits.get(kind) ?? 0;
      visits.set(kind, visit + 1);
      const chosen = fields[visit % fields.length]!;
      if (!covered.has(kind)) covered.set(kind, new Set());
      covered.get(kind)!.add(describePath(chosen.field.path));
      return chosen;
    };
    const sampleOf = (type: OutboxEvent['type']) =>
      sampleEvents(now).find((event) => event.type === type)!;
    const fieldsWhere = (keep: (field: ContractField, sample: unknown) => boolean) =>
      EVENT_FIELDS.filter(({ type, field }) => keep(field, fieldValue(sampleOf(type), field)));
    const numberFields = fieldsWhere(isNumberField);
    const stringFields = fieldsWhere(isStringField);
    const typedFields = fieldsWhere((field) => field.kind !== 'record-key');
    const requiredFields = fieldsWhere(
      (field) => field.path.every((step) => typeof step === 'string') && field.path.length > 0,
    );
    const envelopeStrings = ENVELOPE_FIELDS.filter((field) => field.kind === 'string').map(
      (field) => ({ field }),
    );

    /** A bad copy of a fresh valid event of `type`, made by `spoil`. */
    const spoiled = (type: OutboxEvent['type'], spoil: (event: OutboxEvent) => unknown): Json =>
      spoil(validEvent(type)) as Json;

    const bad: Record<string, () => Case> = {
      'invalid JSON': () => {
        const text = JSON.stringify(batch([validEvent() as unknown as Json]));
        const body = random.pick<string | Buffer>([
          Buffer.from(Array.from({ length: random.int(1, 2_000) }, () => random.int(0, 255))),
          text.slice(0, random.int(1, text.length - 1)),
          `${text}${random.pick(['}', ',', ' x', '\u0000'])}`,
          text.replace(/"/g, "'"),
          text.replace(/:\s*\d+/, ': NaN'),
          `// comment\n${text}`,
          text.replace('[', '[,'),
        ]);
        return {
          kind: 'invalid JSON',
          team: 'a',
          send: postEvents(tokens.a, body),
          expect: { statuses: [400] },
        };
      },
      'wrong type': () => {
        const { type, field } = nextField('wrong type', typedFields);
        return mixedBatch('wrong type', [
          spoiled(type, (event) =>
            withField(event, field, wrongType(random, field, fieldValue(event, field))),
          ),
        ]);
      },
      'missing field': () => {
        const { type, field } = nextField('missing field', requiredFields);
        return mixedBatch('missing field', [spoiled(type, (event) => withoutField(event, field))]);
      },
      'out-of-range number': () => {
        const { type, field } = nextField('out-of-range number', numberFields);
        return mixedBatch('out-of-range number', [
          spoiled(type, (event) =>
            withField(event, field, random.pick(outOfRange(field, fieldValue(event, field)))),
          ),
        ]);
      },
      'number JSON cannot hold': () => {
        // 1e400 parses to Infinity: never a number of the contract.
        const { type, field } = nextField('number JSON cannot hold', numberFields);
        const event = spoiled(type, (valid) => withField(valid, field, '__huge__'));
        const body = JSON.stringify(batch([event, validEvent() as unknown as Json])).replace(
          '"__huge__"',
          random.pick(['1e400', '-1e400']),
        );
        const good = JSON.parse(body) as { events: OutboxEvent[] };
        expected.a.add(good.events[1]!.id);
        sent.push(good.events[1]!);
        return {
          kind: 'number JSON cannot hold',
          team: 'a',
          send: postEvents(tokens.a, body),
          expect: { statuses: [422], rejected: [0], validIds: [good.events[1]!.id] },
        };
      },
      'unstorable string': () => {
        const { type, field } = nextField('unstorable string', stringFields);
        return mixedBatch('unstorable string', [
          spoiled(type, (event) =>
            withField(event, field, random.pick(unstorable(field, fieldValue(event, field)))),
          ),
        ]);
      },
      'refused event': () =>
        mixedBatch('refused event', [
          random.pick<Json>([
            {
              ...(validEvent('app.hourly') as unknown as { [key: string]: Json }),
              occurredAt: now + INGEST_LIMITS.maxFutureSkewMs + 3_600_000,
            },
            {
              ...(validEvent('cx.observed') as unknown as { [key: string]: Json }),
              occurredAt: now - INGEST_LIMITS.maxAgeMs - 86_400_000,
            },
            // A version 4 UUID: ids must be version 7 (they sort by time).
            (({ id, ...rest }) => ({ ...rest, id: `${id.slice(0, 14)}4${id.slice(15)}` }))(
              validEvent() as unknown as { id: string } & { [key: string]: Json },
            ),
            { ...(validEvent() as unknown as { [key: string]: Json }), type: 'keystrokes' },
            random.pick<Json>([null, 7, 'event', [], {}]),
          ]),
        ]),
      'bad envelope': () => {
        const events = [validEvent() as unknown as Json];
        const { field } = nextField('bad envelope', envelopeStrings);
        const body = random.pick<Json>([
          withField(batch(events), field, random.pick(unstorable(field, agentId))) as Json,
          withField(batch(events), field, wrongType(random, field, agentId)) as Json,
          batch([]),
          { events },
          { agentId, events: 'all of them' },
          { agentId, events, extra: true },
          events,
          'a string',
          12,
          null,
        ]);
        return {
          kind: 'bad envelope',
          team: 'a',
          send: postEvents(tokens.a, body),
          expect: { statuses: [400] },
        };
      },
      'huge array': () => {
        const choice = random.int(0, 3);
        if (choice === 0) {
          const events = Array.from({ length: INGEST_LIMITS.maxEventsPerBatch + 1 }, () => ({}));
          return {
            kind: 'huge array',
            team: 'a',
            send: postEvents(tokens.a, batch(events)),
            expect: { statuses: [400] },
          };
        }
        if (choice === 1) {
          // Larger than the body limit: refused before it is parsed.
          const zeros = random.int(500_001, 900_000);
          return {
            kind: 'huge array',
            team: 'a',
            send: () =>
              postEvents(tokens.a, `{"agentId":"${agentId}","events":[${'0,'.repeat(zeros)}0]}`),
            expect: { statuses: [413] },
          };
        }
        const { type, field } = nextField(
          'huge array',
          EVENT_FIELDS.filter(({ field }) => field.kind === 'array'),
        );
        const long = Array.from({ length: random.int(101, 20_000) }, (_, i) => `app-${i % 50}`);
        const byType = Object.fromEntries(
          Array.from({ length: random.int(21, 2_000) }, (_, i) => [`type-${i}`, 1]),
        );
        return mixedBatch('huge array', [
          choice === 2
            ? spoiled(type, (event) => withField(event, field, long))
            : spoiled('events.dropped', (event) => ({
                ...event,
                payload: { ...event.payload, byType },
              })),
        ]);
      },
      'deep nesting': () => {
        const depth = random.int(1_000, 50_000);
        const nested = `${'['.repeat(depth)}${']'.repeat(depth)}`;
        const objects = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
        const good = validEvent();
        const where = random.int(0, 2);
        const body =
          where === 0
            ? nested
            : where === 1
              ? `{"agentId":"${agentId}","events":[${JSON.stringify(good)},${random.pick([nested, objects])}]}`
              : JSON.stringify(batch([good as unknown as Json])).replace(
                  /"appsUsed":\[[^\]]*\]|"byType":\{[^}]*\}|"ms":\d+|"csat":\d+|"records":\d+/,
                  (match) => `${match.slice(0, match.indexOf(':') + 1)}${objects}`,
                );
        if (where === 1) {
          expected.a.add(good.id);
          sent.push(good);
        }
        return {
          kind: 'deep nesting',
          team: 'a',
          send: postEvents(tokens.a, body),
          expect:
            where === 0
              ? { statuses: [400] }
              : where === 1
                ? { statuses: [422], rejected: [1], validIds: [good.id] }
                : { statuses: [422], rejected: [0] },
        };
      },
      'bad compression': () => {
        const body = Buffer.from(JSON.stringify(batch([validEvent() as unknown as Json])));
        const gzip = gzipSync(body);
        const cut = random.int(1, gzip.length - 1);
        const bomb = INGEST_LIMITS.maxBodyBytes + random.int(1, 3_000_000);
        const variants: [() => Buffer, string, number][] = [
          [() => gzip.subarray(0, cut), 'gzip', 400],
          [
            () => Buffer.concat([gzip.subarray(0, 10), Buffer.from('not deflate data')]),
            'gzip',
            400,
          ],
          [() => body, 'gzip', 400],
          [() => deflateSync(body), 'deflate', 415],
          [() => gzip, 'br', 415],
          // Inflates past the body limit: stopped at the limit, never inflated whole.
          [() => gzipSync(Buffer.alloc(bomb, 0x20)), 'gzip', 413],
        ];
        const [bytes, encoding, status] = random.pick(variants);
        return {
          kind: 'bad compression',
          team: 'a',
          send: () => postEvents(tokens.a, bytes(), { headers: { 'content-encoding': encoding } }),
          expect: { statuses: [status] },
        };
      },
      'wrong content type': () => ({
        kind: 'wrong content type',
        team: 'a',
        send: postEvents(tokens.a, batch([validEvent() as unknown as Json]), {
          headers: {
            'content-type': random.pick([
              'text/plain',
              'application/x-www-form-urlencoded',
              'application/json; charset=latin1',
              'multipart/form-data; boundary=x',
            ]),
          },
        }),
        expect: { statuses: [415] },
      }),
      'bad credentials': () => ({
        kind: 'bad credentials',
        team: 'a',
        send: postEvents('', batch([validEvent() as unknown as Json]), {
          headers: random.pick<Record<string, string>>([
            {},
            { authorization: 'Bearer ' },
            { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` },
            { authorization: `Bearer tp_${'A'.repeat(43)}` },
            { authorization: `Bearer ${tokens.a}x` },
            { authorization: `Bearer ${tokens.b.slice(0, -2)}` },
            { authorization: `Bearer ${revoked}` },
          ]),
        }),
        expect: { statuses: [401] },
      }),
      'forged sender': () => {
        // Events for another agent, or sent with the enrolment token itself: refused whole.
        // An id no agent may have (a space at its end, a terminal escape) is refused as malformed.
        const events = [validEvent() as unknown as Json];
        const forged = random.chance(0.5);
        const [claimed, status] = forged
          ? random.pick<[string, number]>([
              ['agent-2', 403],
              ['Agent-1', 403],
              [`${agentId} `, 400],
              [`${agentId}\u001b[0m`, 400],
            ])
          : [agentId, 403];
        return {
          kind: 'forged sender',
          team: 'a',
          send: postEvents(forged ? tokens.a : enrolmentToken, batch(events, claimed)),
          expect: { statuses: [status] },
        };
      },
      "another team's policy": () => ({
        kind: "another team's policy",
        team: 'b',
        send: {
          path: API_PATHS.policy,
          request: {
            method: 'PUT',
            token: random.pick([tokens.a, tokens.b]),
            body: { policy: { trackingEnabled: false } },
          },
        },
        expect: { statuses: [403] },
      }),
      'garbage policy': () => ({
        kind: 'garbage policy',
        team: 'a',
        send: {
          path: API_PATHS.policy,
          request: {
            method: 'PUT',
            token: supervisors.a,
            body: random.pick<Json>([
              { policy: { idleThresholdSeconds: 'soon' } },
              { policy: [] },
              { policy: { prompts: { enabled: 'yes', samplingRate: 2 } } },
              { policy: { 'x\u0000': 1 } },
              {},
              'policy',
            ]),
          },
        },
        expect: { statuses: [400] },
      }),
      'malformed HTTP': () => ({
        kind: 'malformed HTTP',
        team: 'a',
        send: { raw: malformedHttp(random, tokens.a) },
        expect: { statuses: [] },
      }),
    };
    const kinds = Object.keys(bad);

    // Values at the edge of the contract must be storable, projectable and reportable: a bound
    // looser than the collector's columns (3,000,000,000 switches) shows up as a quarantined event.
    const edgeFields = EVENT_FIELDS.filter(
      ({ field }) =>
        field.kind === 'number' || (field.kind !== 'array' && field.maxLength !== undefined),
    );
    const edgeValues = (field: ContractField): unknown[] =>
      field.kind === 'number'
        ? [field.min, field.max].filter(Number.isFinite)
        : ['y'.repeat(field.maxLength!), '\ud83d\ude00'.repeat(Math.floor(field.maxLength! / 2))];
    const edgeEvent = (): OutboxEvent => {
      const { type, field } = nextField('edge value', edgeFields);
      const valid = validEvent(type);
      const candidate = withField(valid, field, random.pick(edgeValues(field)));
      const parsed = outboxEventSchema.safeParse(candidate);
      // A timestamp at 2100 or an end before its start is refused elsewhere: keep the valid one.
      const inWindow =
        parsed.success &&
        eventTimes(parsed.data).every(
          ([, at]) =>
            at <= now + INGEST_LIMITS.maxFutureSkewMs && at >= now - INGEST_LIMITS.maxAgeMs,
        );
      return inWindow ? (candidate as OutboxEvent) : valid;
    };

    const validBatch = (): Case => {
      const team: Team = random.chance(0.15) ? 'b' : 'a';
      const events = Array.from({ length: random.int(1, 20) }, () =>
        random.chance(0.2) ? edgeEvent() : validEvent(),
      );
      // Resending earlier events (team B: team A's ids, which are B's own rows) yields duplicates
      // for A and first copies for B.
      if (sent.length > 0 && random.chance(0.3)) events.push(random.pick(sent));
      for (const event of events) expected[team].add(event.id);
      if (team === 'a') sent.push(...events);
      const compressed = random.chance(0.2);
      return {
        kind: compressed ? 'valid gzip batch' : 'valid batch',
        team,
        send: postEvents(tokens[team], batch(events as unknown as Json[]), { gzip: compressed }),
        expect: { statuses: [200], validIds: events.map((event) => event.id) },
      };
    };

    // Generated up front from the seed, in slices: a slice's resends refer to earlier slices.
    const slices: Case[][] = [];
    let slice: Case[] = [];
    let badCount = 0;
    while (badCount < BAD_REQUESTS) {
      const next = random.chance(0.25) ? validBatch() : (badCount++, bad[random.pick(kinds)]!());
      slice.push(next);
      if (slice.length === CONCURRENCY) {
        slices.push(slice);
        slice = [];
      }
    }
    if (slice.length > 0) slices.push(slice);
    const cases = slices.flat();

    const failures: string[] = [];
    const storedAnswers = new Map<string, number>();
    const check = (testCase: Case, answer: { status: number; json: unknown; ms: number }) => {
      const { status, json, ms } = answer;
      const problem = (what: string) =>
        failures.push(
          `${testCase.kind}: ${what} (HTTP ${status}, ${JSON.stringify(json)?.slice(0, 300)})`,
        );
      if (ms > ANSWER_WITHIN_MS) problem(`answered after ${Math.round(ms)} ms`);
      const { statuses, rejected, validIds = [] } = testCase.expect;
      if (statuses.length === 0 ? status < 400 || status >= 500 : !statuses.includes(status)) {
        return problem(`expected ${statuses.join('/') || '4xx'}`);
      }
      if (status === 200 || status === 422) {
        const parsed = ingestResponseSchema.safeParse(json);
        if (!parsed.success) return problem('not an ingest answer');
        const body: IngestResponse = parsed.data;
        const refused = body.results.filter((r) => r.status === 'rejected').map((r) => r.index);
        if (JSON.stringify(refused) !== JSON.stringify(rejected ?? [])) {
          return problem(`rejected ${refused.join(',')}, expected ${(rejected ?? []).join(',')}`);
        }
        for (const result of body.results) {
          if (result.status === 'stored' && result.id) {
            const key = `${testCase.team}:${result.id}`;
            storedAnswers.set(key, (storedAnswers.get(key) ?? 0) + 1);
          }
          if (result.status === 'rejected' && !result.reason) problem('a rejection without reason');
        }
        const answered = new Set(body.results.map((r) => r.id));
        for (const id of validIds) if (!answered.has(id)) problem(`no result for valid ${id}`);
      } else if (!errorResponseSchema.safeParse(json).success) {
        problem('not a JSON error');
      }
    };
    const timed = async (request: () => Promise<TestResponse>) => {
      const started = performance.now();
      const response = await request();
      return { status: response.status, json: response.json, ms: performance.now() - started };
    };
    const run = (testCase: Case) => {
      const spec = typeof testCase.send === 'function' ? testCase.send() : testCase.send;
      const timeoutMs = ANSWER_WITHIN_MS + 2_000;
      return (
        'raw' in spec
          ? rawRequest(suite.collector.url, spec.raw, timeoutMs)
          : timed(() => send(suite.collector.url, spec.path, { ...spec.request, timeoutMs }))
      ).then(
        (answer) => check(testCase, answer),
        (error: unknown) => failures.push(`${testCase.kind}: ${String(error)}`),
      );
    };

    const slow = Array.from({ length: STALLED_REQUESTS }, () => ({
      kind: 'stalled request',
      team: 'a' as const,
      send: { raw: stalledRequest(tokens.a, random) },
      expect: { statuses: [408] },
    }));
    const slowRuns = Promise.all(slow.map(run));
    for (const group of slices) await Promise.all(group.map(run));
    await slowRuns;

    const counts = new Map<string, number>();
    for (const testCase of [...cases, ...slow]) {
      counts.set(testCase.kind, (counts.get(testCase.kind) ?? 0) + 1);
    }
    const badSent = [...counts].filter(([kind]) => !kind.startsWith('valid'));
    const validEvents = expected.a.size + expected.b.size;
    console.log(
      `fuzz on ${database.name}, seed ${SEED}: ${badSent.reduce((sum, [, n]) => sum + n, 0)} bad requests (${badSent
        .map(([kind, n]) => `${kind} ${n}`)
        .join(
          ', ',
        )}); ${(counts.get('valid batch') ?? 0) + (counts.get('valid gzip batch') ?? 0)} valid batches (${counts.get('valid gzip batch') ?? 0} gzip); ${validEvents} valid events stored once`,
    );

    expect(failures.slice(0, 20)).toEqual([]);
    expect(badSent.reduce((sum, [, n]) => sum + n, 0)).toBeGreaterThanOrEqual(BAD_REQUESTS);
    // Every numeric and string field of every event type was fuzzed.
    expect(covered.get('out-of-range number')?.size).toBe(
      new Set(numberFields.map(({ field }) => describePath(field.path))).size,
    );
    expect(covered.get('unstorable string')?.size).toBe(
      new Set(stringFields.map(({ field }) => describePath(field.path))).size,
    );
    expect(numberFields.length).toBeGreaterThan(30);
    expect(stringFields.length).toBeGreaterThan(25);

    // Still up, every valid event stored once and nothing else, every report answering.
    expect((await send(suite.collector.url, API_PATHS.health)).status).toBe(200);
    const inspect = inspectDatabase(suite.collector.db);
    for (const team of ['a', 'b'] as const) {
      expect(await inspect.listEventIds(teams[team])).toEqual([...expected[team]].sort());
    }
    const storedTwice = [...storedAnswers].filter(([, n]) => n !== 1);
    expect(storedTwice).toEqual([]);
    expect(storedAnswers.size).toBe(validEvents);
    await inspect.projectAll();
    expect(await suite.collector.db.listQuarantine()).toEqual([]);
    const week = isoWeekIndex(now);
    for (const team of ['a', 'b'] as const) {
      const report = await send(
        suite.collector.url,
        `${API_PATHS.reports}?from=${isoWeekLabel(week - 4)}&to=${isoWeekLabel(week)}`,
        { token: supervisors[team] },
      );
      expect(report.status, report.text.slice(0, 300)).toBe(200);
      expect(reportSchema.safeParse(report.json).error).toBeUndefined();
      // The valid events were projected (one agent is below the report's group size: suppressed).
      const { rows } = await suite.opened.query(
        `SELECT count(*)::integer AS n FROM interactions WHERE team = '${teams[team]}'`,
      );
      expect(rows[0]!.n).toBeGreaterThan(0);
    }
    expect((await suite.collector.db.getPolicy(teams.a)).version).toBe(0);
  }, 240_000);
});
