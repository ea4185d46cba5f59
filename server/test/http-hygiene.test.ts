import { describe, expect, it } from 'vitest';
import { API_PATHS, errorResponseSchema } from '../../contract/api';
import { WEBHOOK_SECRET_HEADER } from '../src/routes/cx';
import { rawRequest } from './raw-http';
import { collectorSuite, makeEvent, send, testDatabases, tokenFor, uniqueTeam } from './helpers';

describe.each(testDatabases())('malformed HTTP and strict requests on $name', (database) => {
  const suite = collectorSuite(database, { webhookFailureLimit: { perSecond: 0.01, burst: 5 } });

  it('answers every kind of malformed HTTP with a JSON error and a 4xx within 10 s', async () => {
    const token = await tokenFor(suite.collector.db, uniqueTeam());
    const cases: { label: string; bytes: string; status: number }[] = [
      {
        label: 'unknown method',
        bytes: 'FROB /v1/health HTTP/1.1\r\nHost: collector\r\n\r\n',
        status: 400,
      },
      {
        label: 'a method HTTP knows and the collector does not take',
        bytes: 'PROPFIND /v1/health HTTP/1.1\r\nHost: collector\r\n\r\n',
        status: 405,
      },
      {
        label: 'negative Content-Length',
        bytes: `POST ${API_PATHS.events} HTTP/1.1\r\nHost: collector\r\nContent-Type: application/json\r\nContent-Length: -5\r\n\r\n`,
        status: 400,
      },
      {
        label: 'Transfer-Encoding with Content-Length',
        bytes: `POST ${API_PATHS.events} HTTP/1.1\r\nHost: collector\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n`,
        status: 400,
      },
      {
        label: 'a 20 KB URL',
        bytes: `GET /v1/${'x'.repeat(20_000)} HTTP/1.1\r\nHost: collector\r\n\r\n`,
        status: 431,
      },
      {
        label: 'a header line without a colon',
        bytes: `GET ${API_PATHS.health} HTTP/1.1\r\nHost: collector\r\nNo colon here\r\n\r\n`,
        status: 400,
      },
      {
        label: 'a declared body that never arrives',
        bytes: `POST ${API_PATHS.events} HTTP/1.1\r\nHost: collector\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"agentId":`,
        status: 408,
      },
      {
        label: 'headers that never end',
        bytes: `GET ${API_PATHS.health} HTTP/1.1\r\nHost: collector\r\n`,
        status: 408,
      },
    ];
    const answers = await Promise.all(
      cases.map(async (testCase) => ({
        ...testCase,
        answer: await rawRequest(suite.collector.url, testCase.bytes),
      })),
    );
    for (const { label, status, answer } of answers) {
      expect({ label, status: answer.status }).toEqual({ label, status });
      expect(errorResponseSchema.safeParse(answer.json).success, label).toBe(true);
      expect(answer.ms, label).toBeLessThan(10_000);
    }
    // The collector is still up and answers normal requests.
    expect((await send(suite.collector.url, API_PATHS.health)).status).toBe(200);
  }, 30_000);

  it('refuses a policy with a __proto__ key, naming it, and keeps the policy as it was', async () => {
    const team = uniqueTeam();
    const supervisor = await tokenFor(suite.collector.db, team, 'supervisor');
    const put = (body: string) =>
      send(suite.collector.url, API_PATHS.policy, { method: 'PUT', token: supervisor, body });
    expect((await put(JSON.stringify({ policy: { minGroupSize: 7 } }))).status).toBe(200);
    for (const body of [
      '{"policy":{"__proto__":{"minGroupSize":3}}}',
      '{"policy":{"\\u005f_proto__":{"minGroupSize":3}}}',
      '{"__proto__":{"policy":{}},"policy":{"minGroupSize":7}}',
    ]) {
      const refused = await put(body);
      expect(refused.status, body).toBe(400);
      expect(errorResponseSchema.parse(refused.json).message, body).toMatch(/"__proto__"/);
    }
    const stored = await suite.collector.db.getPolicy(team);
    expect(stored).toMatchObject({ version: 1, policy: { minGroupSize: 7 } });
  });

  it('names a __proto__ key beside a large array with a 400, not a 500', async () => {
    const agent = await tokenFor(suite.collector.db, uniqueTeam(), 'agent');
    // 300,000 elements, under the 1 MB body limit: a spread of them overflowed the stack.
    const body = `{"agentId":null,"events":[{"__proto__":1}${',0'.repeat(300_000)}]}`;
    const refused = await send(suite.collector.url, API_PATHS.events, { token: agent, body });
    expect(refused.status).toBe(400);
    expect(errorResponseSchema.parse(refused.json).message).toMatch(/"__proto__"/);
  });

  it('refuses unknown keys in request objects and query strings, naming the key', async () => {
    const team = uniqueTeam();
    const agent = await tokenFor(suite.collector.db, team, 'agent');
    const supervisor = await tokenFor(suite.collector.db, team, 'supervisor');
    const ingest = await send(suite.collector.url, API_PATHS.events, {
      token: agent,
      body: { agentId: 'a', events: [makeEvent()], priority: 'high' },
    });
    expect(ingest.status).toBe(400);
    expect(errorResponseSchema.parse(ingest.json).message).toMatch(/^request body: .*"priority"/);
    const policy = await send(suite.collector.url, API_PATHS.policy, {
      method: 'PUT',
      token: supervisor,
      body: { policy: {}, force: true },
    });
    expect(policy.status).toBe(400);
    expect(errorResponseSchema.parse(policy.json).message).toMatch(/"force"/);
    const report = await send(
      suite.collector.url,
      `${API_PATHS.reports}?from=2026-W01&to=2026-W02&team=other`,
      { token: supervisor },
    );
    expect(report.status).toBe(400);
    expect(errorResponseSchema.parse(report.json).message).toMatch(/^query: .*"team"/);
    expect((await suite.collector.db.getPolicy(team)).version).toBe(0);
  });

  it('checks webhook secrets before any rate limit: wrong secrets never lock out the right one', async () => {
    const team = uniqueTeam();
    await tokenFor(suite.collector.db, team, 'supervisor');
    const secret = (await suite.collector.db.getWebhookSecret(team))!;
    const path = `${API_PATHS.cxWebhookZendesk}?team=${team}`;
    const body = { ticket_id: 5, satisfaction_rating: { score: 'good' } };
    const call = (given: string, localAddress: string) =>
      send(suite.collector.url, path, {
        body,
        headers: { [WEBHOOK_SECRET_HEADER]: given },
        localAddress,
      });
    // An attacker at 127.0.0.2 tries far more than the failure allowance (5).
    const attempts = [];
    for (let i = 0; i < 12; i++) attempts.push((await call(`wrong-${i}`, '127.0.0.2')).status);
    expect(attempts.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(attempts.slice(5)).toEqual(Array(7).fill(429));
    // The CRM, elsewhere, is not affected, nor is the right secret from the attacker's address.
    const rightful = await call(secret, '127.0.0.1');
    expect(rightful.status).toBe(200);
    expect(rightful.json).toEqual({ stored: true });
    expect((await call(secret, '127.0.0.2')).status).toBe(200);
    // And a third address still gets a plain 401 for a wrong secret.
    expect((await call('wrong', '127.0.0.3')).status).toBe(401);
  });
});
