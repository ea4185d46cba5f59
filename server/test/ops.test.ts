import { afterEach, describe, expect, it } from 'vitest';
import { API_PATHS, errorResponseSchema, readySchema } from '../../contract/api';
import { startCollector } from '../src/collector';
import type { Database } from '../src/db/database';
import { projectAll } from '../src/db/events-repository';
import { applyMigrations, LATEST_MIGRATION, MIGRATIONS } from '../src/db/migrations';
import { openPgliteClient } from '../src/db/pglite';
import { createSqlDatabase } from '../src/db/sql-database';
import { sampleEvents } from '../../tests/support/sample-events';
import { createUuidV7 } from '../../contract/uuidv7';
import {
  collectorSuite,
  ingest,
  makeEvent,
  send,
  installCredentialFor,
  testDatabases,
  uniqueTeam,
} from './helpers';

// Issue #13, "Built to run in production": liveness, readiness and the Prometheus metrics an
// ops team watches.

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The value of one sample of the text exposition format; undefined when it is absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}) {
  for (const line of text.split('\n')) {
    const match = /^([a-z_:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((pair) => [pair[1], pair[2]]),
    );
    if (Object.entries(labels).every(([key, value]) => found[key] === value)) {
      return Number(match[3]);
    }
  }
  return undefined;
}

const uuid = createUuidV7();

describe.each(testDatabases())('readiness and metrics on $name', (database) => {
  const suite = collectorSuite(database, { metrics: { port: 0 } });
  const scrape = async () => {
    const response = await send(suite.collector.metricsUrl!, '/metrics');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return response.text;
  };

  it('is ready when the database answers and has every migration', async () => {
    const response = await send(suite.collector.url, API_PATHS.ready);
    expect(response.status).toBe(200);
    expect(readySchema.parse(response.json)).toEqual({
      status: 'ready',
      database: database.name,
      schemaVersion: LATEST_MIGRATION,
    });
  });

  it('counts stored, duplicate and rejected events and each request by route and status', async () => {
    const before = await scrape();
    const count = (text: string, outcome: string) =>
      sample(text, 'touchpoint_events_total', { outcome }) ?? 0;
    const token = await installCredentialFor(suite.collector.db, uniqueTeam(), 'agent-1');
    const events = [makeEvent(), makeEvent(), makeEvent()];
    expect((await ingest(suite.collector.url, token, events)).status).toBe(200);
    const tooOld = makeEvent(Date.now(), 200 * 86_400_000);
    expect((await ingest(suite.collector.url, token, [...events, tooOld])).status).toBe(422);

    const after = await scrape();
    expect(count(after, 'stored') - count(before, 'stored')).toBe(3);
    expect(count(after, 'duplicate') - count(before, 'duplicate')).toBe(3);
    expect(count(after, 'rejected') - count(before, 'rejected')).toBe(1);
    const requests = (text: string, status: string) =>
      sample(text, 'touchpoint_http_requests_total', {
        method: 'POST',
        route: API_PATHS.events,
        status,
      }) ?? 0;
    expect(requests(after, '200') - requests(before, '200')).toBe(1);
    expect(requests(after, '422') - requests(before, '422')).toBe(1);
    const latencyCount = (text: string) =>
      sample(text, 'touchpoint_http_request_duration_seconds_count', {
        method: 'POST',
        route: API_PATHS.events,
      }) ?? 0;
    expect(latencyCount(after) - latencyCount(before)).toBe(2);
    expect(
      sample(after, 'touchpoint_http_request_duration_seconds_bucket', {
        route: API_PATHS.events,
        le: '+Inf',
      }),
    ).toBe(latencyCount(after));
    // Unrouted paths share one label instead of one series per URL.
    await send(suite.collector.url, '/v1/no-such-path-12345');
    const unrouted = await scrape();
    expect(unrouted).not.toContain('no-such-path-12345');
    expect(sample(unrouted, 'touchpoint_http_requests_total', { route: 'unmatched' })).toBe(1);
    expect(sample(unrouted, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('shows the projection queue and its lag, then the quarantine, as they change', async () => {
    const { db } = suite.collector;
    const team = uniqueTeam('metrics');
    await db.ensureTeam(team);
    const now = Date.now();
    const template = sampleEvents(now).find((event) => event.type === 'interaction.summary')!;
    const payload = template.payload as Record<string, unknown>;
    const summary = (end: number, switchCount: number) => ({
      id: uuid(end),
      type: 'interaction.summary',
      occurredAt: end,
      schemaVersion: 1,
      payload: { ...payload, start: end - 300_000, end, switchCount },
    });
    // Stored straight into the repository, as an older version could have: no projector kick,
    // and a switch count the interactions table cannot hold (quarantine.test.ts).
    await db.insertEvents(
      team,
      'agent-1',
      [summary(now - 600_000, 2), summary(now - 1_200_000, 3_000_000_000)],
      new Date(now - 90_000),
    );
    const queued = await scrape();
    expect(sample(queued, 'touchpoint_projection_queue_events')).toBeGreaterThanOrEqual(2);
    expect(sample(queued, 'touchpoint_projection_lag_seconds')).toBeGreaterThanOrEqual(89);
    expect(sample(queued, 'touchpoint_database_up')).toBe(1);

    await projectAll(db);
    const projected = await scrape();
    expect(sample(projected, 'touchpoint_projection_queue_events')).toBe(0);
    expect(sample(projected, 'touchpoint_projection_lag_seconds')).toBe(0);
    expect(sample(projected, 'touchpoint_projection_quarantine_events')).toBe(1);
    await db.dropQuarantined();
    expect(sample(await scrape(), 'touchpoint_projection_quarantine_events')).toBe(0);
  });

  it('reports database pool use', async () => {
    const text = await scrape();
    const total = sample(text, 'touchpoint_db_pool_connections')!;
    const idle = sample(text, 'touchpoint_db_pool_idle_connections')!;
    if (database.name === 'pglite') {
      expect([total, idle]).toEqual([1, 1]);
    } else {
      expect(total).toBeGreaterThanOrEqual(1);
      expect(total).toBeLessThanOrEqual(10);
      expect(idle).toBeLessThanOrEqual(total);
    }
    expect(sample(text, 'touchpoint_db_pool_waiting_requests')).toBe(0);
  });

  it('serves /metrics only on the metrics listener', async () => {
    expect((await send(suite.collector.url, '/metrics')).status).toBe(404);
    const elsewhere = await send(suite.collector.metricsUrl!, API_PATHS.health);
    expect(elsewhere.status).toBe(404);
    expect(errorResponseSchema.parse(elsewhere.json).error).toBe('not_found');
  });
});

describe('readiness when the database is not', { timeout: 30_000 }, () => {
  it('answers 503 naming the missing migrations until they are applied; liveness stays 200', async () => {
    const client = await openPgliteClient();
    const db = createSqlDatabase(client);
    cleanups.push(() => db.close());
    const collector = await startCollector({ db, log: { level: 'silent' } });
    cleanups.push(collector.close);

    const notReady = await send(collector.url, API_PATHS.ready);
    expect(notReady.status).toBe(503);
    expect(errorResponseSchema.parse(notReady.json)).toEqual({
      error: 'not_ready',
      message: `database lacks migrations ${MIGRATIONS.map((m) => m.version).join(', ')}: run "collector migrate"`,
    });
    expect((await send(collector.url, API_PATHS.health)).status).toBe(200);

    await applyMigrations(client);
    expect((await send(collector.url, API_PATHS.ready)).status).toBe(200);
  });

  it('answers 503 while the database does not answer, and metrics say so', async () => {
    const client = await openPgliteClient();
    await applyMigrations(client);
    const healthy = createSqlDatabase(client);
    cleanups.push(() => healthy.close());
    let down = true;
    const failing = async () => {
      if (down) throw new Error('connect ECONNREFUSED 10.0.0.7:5432');
    };
    const db: Database = {
      ...healthy,
      ping: async () => {
        await failing();
        return healthy.ping();
      },
      projectionBacklog: async () => {
        await failing();
        return healthy.projectionBacklog();
      },
    };
    const collector = await startCollector({ db, log: { level: 'silent' }, metrics: { port: 0 } });
    cleanups.push(collector.close);

    const notReady = await send(collector.url, API_PATHS.ready);
    expect(notReady.status).toBe(503);
    expect(errorResponseSchema.parse(notReady.json)).toEqual({
      error: 'not_ready',
      message: 'database unreachable',
    });
    expect((await send(collector.url, API_PATHS.health)).status).toBe(200);
    const metrics = await send(collector.metricsUrl!, '/metrics');
    expect(metrics.status).toBe(200);
    expect(sample(metrics.text, 'touchpoint_database_up')).toBe(0);

    down = false;
    expect((await send(collector.url, API_PATHS.ready)).status).toBe(200);
    expect(
      sample((await send(collector.metricsUrl!, '/metrics')).text, 'touchpoint_database_up'),
    ).toBe(1);
  });

  it('serves no metrics listener unless asked', async () => {
    const collector = await startCollector({ log: { level: 'silent' } });
    cleanups.push(collector.close);
    expect(collector.metricsUrl).toBeUndefined();
    expect((await send(collector.url, '/metrics')).status).toBe(404);
  });
});

describe('behind a reverse proxy', { timeout: 60_000 }, () => {
  // The webhook limits wrong secrets per source address (issue #13, item 3). Behind nginx every
  // request comes from 127.0.0.1: only a trusted proxy's X-Forwarded-For tells callers apart.
  const wrongSecret = (url: string, from: string) =>
    send(url, `${API_PATHS.cxWebhookZendesk}?team=acme`, {
      body: { ticket_id: '1', satisfaction_rating: { score: 'good' } },
      headers: { 'x-forwarded-for': from, 'x-touchpoint-webhook-secret': 'wrong' },
    });

  it('limits each client on its own when the proxy is trusted, and all as one when not', async () => {
    const client = await openPgliteClient();
    await applyMigrations(client);
    const db = createSqlDatabase(client);
    cleanups.push(() => db.close());
    const start = (trustProxy?: string[]) =>
      startCollector({
        db,
        log: { level: 'silent' },
        webhookFailureLimit: { perSecond: 0.001, burst: 1 },
        ...(trustProxy ? { trustProxy } : {}),
      });
    const trusting = await start(['127.0.0.1']);
    cleanups.push(trusting.close);
    expect((await wrongSecret(trusting.url, '203.0.113.1')).status).toBe(401);
    expect((await wrongSecret(trusting.url, '203.0.113.1')).status).toBe(429);
    expect((await wrongSecret(trusting.url, '203.0.113.2')).status).toBe(401);

    const direct = await start();
    cleanups.push(direct.close);
    expect((await wrongSecret(direct.url, '203.0.113.1')).status).toBe(401);
    expect((await wrongSecret(direct.url, '203.0.113.2')).status).toBe(429);
  });
});
