import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { errorResponseSchema, INGEST_LIMITS, ingestResponseSchema } from '../../contract/api';
import { createUuidV7 } from '../../contract/uuidv7';
import {
  collectorSuite,
  ingest,
  makeEvent,
  send,
  testDatabases,
  installCredentialFor,
  uniqueTeam,
} from './helpers';
import { inspectDatabase } from '../../tests/support/collector-inspector';
import { sampleEvents } from '../../tests/support/sample-events';

const newId = createUuidV7();

describe.each(testDatabases())('ingest on $name', (database) => {
  const logLines: string[] = [];
  const suite = collectorSuite(database, {
    log: { level: 'info', write: (line) => logLines.push(line) },
  });

  const results = (body: unknown) => ingestResponseSchema.parse(body);

  it('stores new events, answers duplicates for ids seen before, and stores each once', async () => {
    const team = uniqueTeam();
    const token = await installCredentialFor(suite.collector.db, team, 'agent-1');
    const [a, b, c] = [makeEvent(), makeEvent(), makeEvent()];

    const first = await ingest(suite.collector.url, token, [a, b]);
    expect(first.status).toBe(200);
    expect(results(first.json)).toMatchObject({ stored: 2, duplicates: 0, rejected: 0 });

    const again = await ingest(suite.collector.url, token, [a, b, c]);
    expect(again.status).toBe(200);
    expect(results(again.json).results.map((result) => result.status)).toEqual([
      'duplicate',
      'duplicate',
      'stored',
    ]);
    expect(await inspectDatabase(suite.collector.db).listEventIds(team)).toEqual(
      [a.id, b.id, c.id].sort(),
    );
  });

  it('keeps when each event occurred and arrived, and from which agent', async () => {
    const team = uniqueTeam();
    const identified = await installCredentialFor(suite.collector.db, team, 'agent-7');
    const anonymous = await installCredentialFor(suite.collector.db, team, null);
    const now = Date.now();
    const older = makeEvent(now, 120_000);
    const newer = makeEvent(now, 60_000);
    await ingest(suite.collector.url, identified, [older], 'agent-7');
    await new Promise((resolve) => setTimeout(resolve, 5));
    await ingest(suite.collector.url, anonymous, [newer], null);
    const arrivals = await inspectDatabase(suite.collector.db).listEventArrivals(team);
    expect(arrivals.map(({ id, agentId, occurredAt }) => ({ id, agentId, occurredAt }))).toEqual([
      { id: older.id, agentId: 'agent-7', occurredAt: older.occurredAt },
      { id: newer.id, agentId: null, occurredAt: newer.occurredAt },
    ]);
    expect(arrivals[1]!.receivedAt).toBeGreaterThan(arrivals[0]!.receivedAt);
    expect(arrivals[0]!.receivedAt).toBeGreaterThanOrEqual(now - 1000);
  });

  it('stores events whose text holds quotes, backslashes, braces and non-Latin letters', async () => {
    const team = uniqueTeam();
    const token = await installCredentialFor(suite.collector.db, team, 'agent "quoted" \\ one');
    const base = makeEvent();
    const event = {
      ...base,
      type: 'events.dropped',
      payload: {
        count: 2,
        reason: 'quota',
        byType: { 'a"b\\c,{d}': 1, 'Zürich ☎ 東京': 1 },
        oldestOccurredAt: base.occurredAt - 1_000,
        newestOccurredAt: base.occurredAt,
      },
    };
    const response = await ingest(suite.collector.url, token, [event], 'agent "quoted" \\ one');
    expect(response.status).toBe(200);
    expect(results(response.json).stored).toBe(1);
    expect(await inspectDatabase(suite.collector.db).listEventIds(team)).toEqual([event.id]);
  });

  it('treats a repeated id within one batch as a duplicate', async () => {
    const team = uniqueTeam();
    const token = await installCredentialFor(suite.collector.db, team, 'agent-1');
    const event = makeEvent();
    const response = await ingest(suite.collector.url, token, [event, { ...event }, event]);
    expect(response.status).toBe(200);
    expect(results(response.json)).toMatchObject({ stored: 1, duplicates: 2, rejected: 0 });
    expect(await inspectDatabase(suite.collector.db).listEventIds(team)).toEqual([event.id]);
  });

  it('rejects bad events one by one with a reason naming the problem, and commits the rest (422)', async () => {
    const team = uniqueTeam();
    const token = await installCredentialFor(suite.collector.db, team, 'agent-1');
    const now = Date.now();
    const good = makeEvent(now);
    const future = makeEvent(now, -(INGEST_LIMITS.maxFutureSkewMs + 60_000));
    const ancient = makeEvent(now, INGEST_LIMITS.maxAgeMs + 86_400_000);
    const wrongType = { ...makeEvent(now), payload: { ...makeEvent(now).payload, ms: 'lots' } };
    const unknownType = { ...makeEvent(now), type: 'keystrokes.logged' };
    const badId = { ...makeEvent(now), id: 'not-a-uuid' };
    const newerVersion = { ...makeEvent(now), schemaVersion: 2 };

    const response = await ingest(suite.collector.url, token, [
      good,
      future,
      ancient,
      wrongType,
      unknownType,
      badId,
      'just a string',
      newerVersion,
    ]);
    expect(response.status).toBe(422);
    const body = results(response.json);
    expect(body).toMatchObject({ stored: 1, duplicates: 0, rejected: 7 });
    const reasons = body.results.map((result) => result.reason ?? '');
    expect(body.results[0]).toEqual({ index: 0, id: good.id, status: 'stored' });
    expect(reasons[1]).toMatch(/^occurredAt: .*in the future/);
    // Early, not wrong: the sender keeps it and comes back once its time is within the skew.
    expect(body.results[1]!.retryAfterMs).toBeGreaterThan(55_000);
    expect(body.results[1]!.retryAfterMs).toBeLessThanOrEqual(61_000);
    expect(body.results[1]!.deferredBecause).toBe('clock');
    // Newer than this collector (an extension updated first): kept by the sender, for later.
    expect(reasons[7]).toBe("schemaVersion: 2 is newer than this collector's 1 for app.hourly");
    for (const newer of [body.results[4]!, body.results[7]!]) {
      expect(newer).toMatchObject({
        retryAfterMs: INGEST_LIMITS.versionRetryMs,
        deferredBecause: 'version',
      });
    }
    expect(body.results.filter((result) => result.retryAfterMs !== undefined)).toHaveLength(3);
    expect(reasons[2]).toMatch(/^occurredAt: older than 90 days/);
    expect(reasons[3]).toMatch(/^payload\.ms: /);
    expect(reasons[4]).toMatch(/^type: unknown event type "keystrokes.logged"/);
    expect(reasons[5]).toMatch(/^id: /);
    expect(body.results[5]?.id).toBe('not-a-uuid');
    expect(reasons[6]).toBe('event: expected an object');
    expect(await inspectDatabase(suite.collector.db).listEventIds(team)).toEqual([good.id]);
  });

  it("files no work under a closed week: the interaction's own end and hour are held to the window too", async () => {
    const team = uniqueTeam();
    const token = await installCredentialFor(suite.collector.db, team, 'agent-1');
    const now = Date.now();
    const [summary, hourly, outcome] = sampleEvents(now);
    const longAgo = Date.UTC(2021, 2, 1, 9);
    const { start, end } = summary!.payload as { start: number; end: number };
    const thenInteraction = { ...summary!.payload, start: longAgo - (end - start), end: longAgo };
    const backdated: unknown[] = [
      { ...summary!, payload: thenInteraction },
      { ...hourly!, payload: { ...hourly!.payload, hourStart: longAgo } },
      { ...outcome!, payload: { ...outcome!.payload, interaction: thenInteraction } },
    ];

    const response = await ingest(suite.collector.url, token, [...backdated, summary!]);
    const body = results(response.json);
    expect(body).toMatchObject({ stored: 1, rejected: 3 });
    expect(body.results.map((result) => result.reason ?? 'stored')).toEqual([
      'payload.end: older than 90 days',
      'payload.hourStart: older than 90 days',
      'payload.interaction.end: older than 90 days',
      'stored',
    ]);
  });

  it("files no adapter health under an hour outside the window: its hourStart is held to it like the event's time", async () => {
    const team = uniqueTeam();
    const token = await installCredentialFor(suite.collector.db, team, 'agent-1');
    const now = Date.now();
    const health = sampleEvents(now).find((event) => event.type === 'adapter.health')!;
    const hourOf = (ms: number) => ms - (ms % 3_600_000);
    const filedUnder = (hourStart: number) => ({
      ...health,
      id: newId(now),
      payload: { ...health.payload, hourStart },
    });
    // Sent now, filed under an hour a month ahead or a year back: the first waited to count,
    // unseen, until its hour came (a field flagged broken that nobody's pages had missed).
    const response = await ingest(suite.collector.url, token, [
      filedUnder(hourOf(now + 30 * 86_400_000)),
      filedUnder(hourOf(now - 365 * 86_400_000)),
      filedUnder(hourOf(now)),
    ]);
    const body = results(response.json);
    expect(response.status).toBe(422);
    expect(body).toMatchObject({ stored: 1, rejected: 2 });
    expect(body.results[0]?.reason).toMatch(
      /^payload\.hourStart: \d+ ms in the future, more than the 300000 ms clock skew allowed$/,
    );
    expect(body.results[1]?.reason).toBe('payload.hourStart: older than 90 days');
    expect(body.results[2]?.status).toBe('stored');
  });

  it('answers a malformed body or envelope with 400 naming the problem', async () => {
    const token = await installCredentialFor(suite.collector.db, uniqueTeam(), 'agent-1');
    const malformed = await send(suite.collector.url, '/v1/events', {
      token,
      body: '{"agentId":null,',
    });
    expect(malformed.status).toBe(400);
    expect(errorResponseSchema.parse(malformed.json).message).toMatch(/^malformed JSON/);

    const noEvents = await send(suite.collector.url, '/v1/events', {
      token,
      body: { agentId: null },
    });
    expect(noEvents.status).toBe(400);
    expect(errorResponseSchema.parse(noEvents.json).message).toMatch(/events/);

    const tooMany = await ingest(
      suite.collector.url,
      token,
      Array.from({ length: INGEST_LIMITS.maxEventsPerBatch + 1 }, () => ({})),
    );
    expect(tooMany.status).toBe(400);
    expect(errorResponseSchema.parse(tooMany.json).message).toMatch(/^request body: events/);
  });

  it('refuses missing, unknown and revoked tokens with 401', async () => {
    const team = uniqueTeam();
    const token = await installCredentialFor(suite.collector.db, team, 'agent-1');
    const missing = await send(suite.collector.url, '/v1/events', {
      body: { agentId: null, events: [makeEvent()] },
    });
    expect(missing.status).toBe(401);
    expect(missing.headers['www-authenticate']).toMatch(/^Bearer/);
    const unknown = await ingest(suite.collector.url, `tp_${'x'.repeat(43)}`, [makeEvent()]);
    expect(unknown.status).toBe(401);

    const [install] = await suite.collector.db.listInstalls(team);
    await suite.collector.db.revokeInstall(team, install!.id, 'admin', new Date());
    const revoked = await ingest(suite.collector.url, token, [makeEvent()]);
    expect(revoked.status).toBe(401);
    expect(errorResponseSchema.parse(revoked.json)).toMatchObject({
      error: 'install_revoked',
      message: expect.stringMatching(/enrol again/),
    });
    expect(await inspectDatabase(suite.collector.db).listEventIds(team)).toEqual([]);
  });

  it('refuses bodies over the size limit with 413, gzip bombs included, and accepts gzip', async () => {
    const team = uniqueTeam();
    const token = await installCredentialFor(suite.collector.db, team, 'agent-1');
    const padding = 'x'.repeat(INGEST_LIMITS.maxBodyBytes);
    const big = await send(suite.collector.url, '/v1/events', {
      token,
      body: { agentId: padding, events: [makeEvent()] },
    });
    expect(big.status).toBe(413);

    // 1 KB on the wire, far over the limit once inflated.
    const bomb = gzipSync(Buffer.alloc(INGEST_LIMITS.maxBodyBytes * 20, 0x20));
    expect(bomb.length).toBeLessThan(INGEST_LIMITS.maxBodyBytes / 10);
    const bombed = await send(suite.collector.url, '/v1/events', {
      token,
      body: bomb,
      headers: { 'content-encoding': 'gzip' },
    });
    expect(bombed.status).toBe(413);
    expect(errorResponseSchema.parse(bombed.json).error).toBe('payload_too_large');

    const event = makeEvent();
    const zipped = await send(suite.collector.url, '/v1/events', {
      token,
      body: { agentId: 'agent-1', events: [event] },
      gzip: true,
    });
    expect(zipped.status).toBe(200);
    expect(await inspectDatabase(suite.collector.db).listEventIds(team)).toEqual([event.id]);
  });

  it('refuses other content types and encodings with 415', async () => {
    const token = await installCredentialFor(suite.collector.db, uniqueTeam(), 'agent-1');
    const body = JSON.stringify({ agentId: null, events: [makeEvent()] });
    const asText = await send(suite.collector.url, '/v1/events', {
      token,
      body,
      headers: { 'content-type': 'text/plain' },
    });
    expect(asText.status).toBe(415);
    const brotli = await send(suite.collector.url, '/v1/events', {
      token,
      body,
      headers: { 'content-encoding': 'br' },
    });
    expect(brotli.status).toBe(415);
    expect(errorResponseSchema.parse(brotli.json).message).toMatch(/content-encoding/);
  });

  it('keeps teams apart: the same event id is stored once per team', async () => {
    const [teamA, teamB] = [uniqueTeam('a'), uniqueTeam('b')];
    const [tokenA, tokenB] = [
      await installCredentialFor(suite.collector.db, teamA, 'agent-1'),
      await installCredentialFor(suite.collector.db, teamB, 'agent-1'),
    ];
    const event = makeEvent();
    expect(results((await ingest(suite.collector.url, tokenA, [event])).json).stored).toBe(1);
    expect(results((await ingest(suite.collector.url, tokenB, [event])).json).stored).toBe(1);
    expect(results((await ingest(suite.collector.url, tokenB, [event])).json).duplicates).toBe(1);
    expect(await inspectDatabase(suite.collector.db).listEventIds(teamA)).toEqual([event.id]);
    expect(await inspectDatabase(suite.collector.db).listEventIds(teamB)).toEqual([event.id]);
  });

  it('logs one JSON line per request with the team and counts, never the token', async () => {
    const team = uniqueTeam();
    const token = await installCredentialFor(suite.collector.db, team, 'agent-1');
    await ingest(suite.collector.url, token, [makeEvent(), makeEvent()]);
    const lines = logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toContainEqual(
      expect.objectContaining({
        msg: 'request',
        method: 'POST',
        path: '/v1/events',
        status: 200,
        team,
        stored: 2,
      }),
    );
    expect(logLines.join('\n')).not.toContain(token);
    expect(logLines.join('\n')).not.toContain(token.slice(3));
  });
});

describe.each(testDatabases())('rate limit on $name', (database) => {
  const suite = collectorSuite(database, { rateLimit: { perSecond: 0.5, burst: 3 } });

  it('answers 429 with Retry-After once a token spent its burst, without touching other tokens', async () => {
    const team = uniqueTeam();
    const token = await installCredentialFor(suite.collector.db, team, 'agent-1');
    const other = await installCredentialFor(suite.collector.db, team, 'agent-1');
    const statuses = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await ingest(suite.collector.url, token, [makeEvent()])).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await send(suite.collector.url, '/v1/whoami', { token });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(errorResponseSchema.parse(limited.json).error).toBe('rate_limited');
    expect((await send(suite.collector.url, '/v1/whoami', { token: other })).status).toBe(200);
    expect(await inspectDatabase(suite.collector.db).listEventIds(team)).toHaveLength(3);
  });
});
