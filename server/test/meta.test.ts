import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  API_PATHS,
  errorResponseSchema,
  healthSchema,
  INGEST_LIMITS,
  whoamiSchema,
} from '../../contract/api';
import { buildApp } from '../src/app';
import { createLogger } from '../src/log';
import { createRateLimiter, DEFAULT_RATE_LIMIT } from '../src/rate-limit';
import { DEMO_TEAM, ensureDemoTeam, ensureDemoTeamPolicy } from '../../demo/demo-team';
import { collectorSuite, send, testDatabases, tokenFor, uniqueTeam } from './helpers';

/** OpenAPI writes a path parameter as {id} where Fastify writes :id. */
const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

describe.each(testDatabases())('health, whoami, OpenAPI and routing on $name', (database) => {
  const suite = collectorSuite(database);

  it('reports health without a token, naming the database engine', async () => {
    const response = await send(suite.collector.url, API_PATHS.health);
    expect(response.status).toBe(200);
    expect(healthSchema.parse(response.json)).toEqual({ status: 'ok', database: database.name });
  });

  it('lets the extension read its answers across origins (CORS), and no web page', async () => {
    const extension = 'chrome-extension://mnhpccngjlhlinobahgjighafcicokdm';
    const preflight = await send(suite.collector.url, API_PATHS.events, {
      method: 'OPTIONS',
      headers: {
        origin: extension,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(extension);
    expect(preflight.headers['access-control-allow-headers']).toMatch(/Authorization/);

    const refused = await send(suite.collector.url, API_PATHS.whoami, {
      token: 'tp_no-such-token-0000000000',
      headers: { origin: extension },
    });
    expect(refused.status).toBe(401);
    expect(refused.headers['access-control-allow-origin']).toBe(extension);
    expect(refused.headers['access-control-expose-headers']).toMatch(/ETag/);

    const page = await send(suite.collector.url, API_PATHS.health, {
      headers: { origin: 'https://evil.example' },
    });
    expect(page.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('tells a token its team, role and name', async () => {
    const team = uniqueTeam();
    const token = await tokenFor(suite.collector.db, team, 'supervisor', 'Sam');
    const response = await send(suite.collector.url, API_PATHS.whoami, { token });
    expect(whoamiSchema.parse(response.json)).toEqual({
      team,
      role: 'supervisor',
      tokenName: 'Sam',
    });
  });

  it('serves an OpenAPI 3.1 document with every registered route, its request and response schemas', async () => {
    const response = await send(suite.collector.url, API_PATHS.openapi);
    expect(response.status).toBe(200);
    const operationSchema = z.object({
      parameters: z
        .array(z.object({ in: z.string(), name: z.string(), schema: z.unknown() }))
        .optional(),
      requestBody: z
        .object({ content: z.record(z.string(), z.object({ schema: z.unknown() })) })
        .optional(),
      responses: z.record(
        z.string(),
        z.object({ content: z.record(z.string(), z.object({ schema: z.unknown() })).optional() }),
      ),
    });
    const doc = z
      .object({
        openapi: z.string(),
        paths: z.record(z.string(), z.record(z.string(), operationSchema)),
      })
      .parse(response.json);
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual(Object.values(API_PATHS).map(openApiPath).sort());

    // The routes as a fresh app registers them, against the document the collector serves.
    const app = await buildApp({
      db: suite.collector.db,
      log: createLogger({ level: 'silent' }),
      now: Date.now,
      rateLimit: createRateLimiter(DEFAULT_RATE_LIMIT),
      webhookFailures: createRateLimiter(DEFAULT_RATE_LIMIT),
      maxBodyBytes: INGEST_LIMITS.maxBodyBytes,
      projector: { kick: () => {} },
      isShuttingDown: () => false,
    });
    const routes = app.registeredRoutes.map((route) => ({ ...route, url: openApiPath(route.url) }));
    await app.close();
    expect(routes.map((route) => `${route.method} ${route.url}`).sort()).toEqual(
      Object.entries(doc.paths)
        .flatMap(([path, operations]) =>
          Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
        )
        .sort(),
    );
    for (const route of routes) {
      const where = `${route.method} ${route.url}`;
      const operation = doc.paths[route.url]![route.method.toLowerCase()]!;
      const schema = (route.schema ?? {}) as Record<string, unknown>;
      if (schema.body) {
        expect(Object.keys(operation.requestBody?.content ?? {}), where).not.toHaveLength(0);
        for (const { schema: body } of Object.values(operation.requestBody!.content)) {
          expect(body, where).toBeTruthy();
        }
      } else {
        expect(operation.requestBody, where).toBeUndefined();
      }
      for (const part of ['querystring', 'headers'] as const) {
        const declared = schema[part] as z.ZodObject | undefined;
        const located = part === 'querystring' ? 'query' : 'header';
        const names = (operation.parameters ?? [])
          .filter((parameter) => parameter.in === located)
          .map((parameter) => parameter.name);
        expect(names.sort(), `${where} ${part}`).toEqual(Object.keys(declared?.shape ?? {}).sort());
      }
      const statuses = Object.keys((schema.response ?? {}) as object);
      expect(statuses.length, where).toBeGreaterThan(1);
      expect(Object.keys(operation.responses).sort(), where).toEqual(statuses.sort());
      for (const status of statuses.filter((status) => status !== '304')) {
        const content = operation.responses[status]!.content ?? {};
        expect(Object.keys(content), `${where} ${status}`).not.toHaveLength(0);
      }
      // Every error answer is documented as the contract's error shape (a 422 ingest answer
      // is the batch's result, per event).
      for (const status of statuses.filter((status) => Number(status) >= 400 && status !== '422')) {
        expect(
          operation.responses[status]!.content!['application/json']!.schema,
          `${where} ${status}`,
        ).toMatchObject({ required: ['error', 'message'] });
      }
    }

    const ingest = doc.paths[API_PATHS.events]!.post!;
    expect(ingest.requestBody!.content['application/json']!.schema).toMatchObject({
      required: ['agentId', 'events'],
      additionalProperties: false,
      properties: { events: { type: 'array', maxItems: INGEST_LIMITS.maxEventsPerBatch } },
    });
    expect(Object.keys(ingest.responses)).toEqual(expect.arrayContaining(['200', '422', '413']));
    const reports = doc.paths[API_PATHS.reportsCsv]!.get!;
    expect(Object.keys(reports.responses['200']!.content!)).toEqual(['text/csv']);
  });

  it('answers unknown paths with 404 and wrong methods with 405, both as JSON errors', async () => {
    const missing = await send(suite.collector.url, '/v1/nothing-here');
    expect(missing.status).toBe(404);
    expect(errorResponseSchema.parse(missing.json).error).toBe('not_found');
    const wrong = await send(suite.collector.url, API_PATHS.events, { method: 'GET' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.allow).toBe('POST');
    expect(errorResponseSchema.parse(wrong.json).error).toBe('method_not_allowed');
  });

  it('creates the demo team once, with working agent and supervisor tokens', async () => {
    const first = await ensureDemoTeam(suite.collector.db);
    const second = await ensureDemoTeam(suite.collector.db);
    expect(second.hashSecret).toBe(first.hashSecret);
    expect(await suite.collector.db.listTokens('demo')).toHaveLength(2);
    const agent = await send(suite.collector.url, API_PATHS.whoami, {
      token: DEMO_TEAM.agentToken,
    });
    expect(whoamiSchema.parse(agent.json)).toMatchObject({ team: 'demo', role: 'agent' });
    const supervisor = await send(suite.collector.url, API_PATHS.whoami, {
      token: DEMO_TEAM.supervisorToken,
    });
    expect(whoamiSchema.parse(supervisor.json)).toMatchObject({ team: 'demo', role: 'supervisor' });
  });

  it('gives the demo team its prompt settings once; a supervisor’s later change is kept (issue #17)', async () => {
    const db = suite.collector.db;
    const before = await db.getPolicy('demo');
    const set = await ensureDemoTeamPolicy(db);
    // Another test of this suite may have set it first; either way it is set exactly once.
    expect(set).toBe(before.version === 0);
    const policy = await db.getPolicy('demo');
    expect(policy.policy).toMatchObject({ prompts: { samplingRate: 1, minHandleMs: 10_000 } });
    await db.updatePolicy('demo', {
      policy: { ...policy.policy, allowPause: false },
      actor: 'supervisor',
      at: new Date(),
    });
    expect(await ensureDemoTeamPolicy(db)).toBe(false);
    expect((await db.getPolicy('demo')).policy).toMatchObject({ allowPause: false });
  });
});
