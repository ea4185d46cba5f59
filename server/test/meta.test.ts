import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  API_PATHS,
  errorResponseSchema,
  healthSchema,
  INGEST_LIMITS,
  ingestRequestSchema,
  whoamiSchema,
} from '../../contract/api';
import { ROUTES } from '../src/app';
import { DEMO_TEAM, ensureDemoTeam } from '../src/demo-team';
import { collectorSuite, send, testDatabases, tokenFor, uniqueTeam } from './helpers';

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

  it('serves an OpenAPI 3.1 document listing every path, with the contract ingest schema', async () => {
    const response = await send(suite.collector.url, API_PATHS.openapi);
    expect(response.status).toBe(200);
    const doc = z
      .object({
        openapi: z.string(),
        paths: z.record(z.string(), z.record(z.string(), z.unknown())),
        components: z.object({ schemas: z.record(z.string(), z.unknown()) }),
      })
      .parse(response.json);
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual(Object.values(API_PATHS).sort());
    for (const route of ROUTES) {
      expect(Object.keys(doc.paths[route.path] ?? {})).toContain(route.method.toLowerCase());
    }
    const { $schema: _dialect, ...expected } = z.toJSONSchema(ingestRequestSchema, { io: 'input' });
    expect(doc.components.schemas.IngestRequest).toEqual(expected);
    expect(doc.components.schemas.IngestRequest).toMatchObject({
      required: ['agentId', 'events'],
      properties: { events: { type: 'array', maxItems: INGEST_LIMITS.maxEventsPerBatch } },
    });
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
});
