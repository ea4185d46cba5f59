import { describe, expect, it } from 'vitest';
import { createMemoryStore } from './key-value';
import { CONSOLE_TOKEN_KEY, createConsoleHandlers } from './console-handlers';
import { resolveSettings } from '../settings/effective';
import { createTeamPolicySync } from '../settings/team-policy-sync';

const URL_A = 'https://collector.acme.test';
const AGENT_TOKEN = 'tp_agent-token-0123456789';
const SUPERVISOR_TOKEN = 'tp_supervisor-token-0123456789';
const sender = { tabId: undefined, url: 'chrome-extension://x/options.html' };

/** A collector with one team policy, tokens by role, ETags by version, and an audit list. */
function fakeCollector() {
  let policy = { team: 'emea', version: 1, updatedAt: null, policy: {} as Record<string, unknown> };
  const puts: unknown[] = [];
  const fetch = async (url: string, init?: RequestInit) => {
    const headers = (init?.headers ?? {}) as Record<string, string>;
    const role =
      headers.authorization === `Bearer ${SUPERVISOR_TOKEN}`
        ? 'supervisor'
        : headers.authorization === `Bearer ${AGENT_TOKEN}`
          ? 'agent'
          : null;
    const json = (body: unknown, status = 200, extra: Record<string, string> = {}) =>
      new Response(JSON.stringify(body), { status, headers: extra });
    if (!role) return json({ error: 'unauthorized', message: 'unknown token' }, 401);
    const path = new URL(url).pathname;
    if (path === '/v1/whoami') return json({ team: 'emea', role, tokenName: `emea-${role}` });
    if (path === '/v1/policy/audit') return json({ entries: [] });
    if (path === '/v1/policy' && init?.method === 'PUT') {
      if (headers['if-match'] && headers['if-match'] !== `"${policy.version}"`)
        return json({ error: 'precondition-failed', message: 'stale' }, 412);
      puts.push(JSON.parse(String(init.body)));
      policy = {
        ...policy,
        version: policy.version + 1,
        policy: (puts.at(-1) as { policy: Record<string, unknown> }).policy,
      };
    }
    return json(policy, 200, { etag: `"${policy.version}"` });
  };
  return { fetch, puts };
}

function setup(managed: Record<string, unknown>) {
  const local = createMemoryStore();
  const session = createMemoryStore();
  const collector = fakeCollector();
  const teamPolicy = createTeamPolicySync({
    store: local,
    fetch: collector.fetch,
    connection: async () => ({ url: URL_A, token: AGENT_TOKEN }),
    now: () => 1000,
  });
  const handlers = createConsoleHandlers({
    policy: async () => resolveSettings({ managed }),
    invalidate: () => undefined,
    session,
    teamPolicy,
    fetch: collector.fetch,
  });
  return { handlers, collector, session };
}

describe('console handlers (supervisor console)', () => {
  it('open the console only to a supervisor token, signed in for the session when needed', async () => {
    const { handlers, session } = setup({ collectorUrl: URL_A, collectorToken: AGENT_TOKEN });
    expect(await handlers['console.load']({}, sender)).toMatchObject({
      access: 'denied',
      reason: 'role',
      role: 'agent',
    });
    expect(await handlers['console.signIn']({ token: AGENT_TOKEN }, sender)).toMatchObject({
      access: 'denied',
    });
    expect(await session.get(CONSOLE_TOKEN_KEY)).toBeUndefined();
    expect(await handlers['console.signIn']({ token: SUPERVISOR_TOKEN }, sender)).toMatchObject({
      access: 'granted',
      whoami: { role: 'supervisor' },
      signedIn: true,
      etag: '"1"',
    });
    await handlers['console.signOut']({}, sender);
    expect(await session.get(CONSOLE_TOKEN_KEY)).toBeUndefined();
  });

  it('save a valid team policy with If-Match, and refuse invalid values and locked settings', async () => {
    const { handlers, collector } = setup({
      collectorUrl: URL_A,
      collectorToken: SUPERVISOR_TOKEN,
      lockedSettings: ['identityMode'],
    });
    await expect(
      handlers['console.save']({ policy: { idleThresholdSeconds: 5 }, etag: '"1"' }, sender),
    ).rejects.toThrow(/idleThresholdSeconds/);
    await expect(
      handlers['console.save']({ policy: { identityMode: 'anonymous' }, etag: '"1"' }, sender),
    ).rejects.toThrow('locked by the admin: identityMode');
    expect(
      await handlers['console.save'](
        { policy: { idleThresholdSeconds: 300 }, etag: '"1"' },
        sender,
      ),
    ).toEqual({ status: 'saved' });
    expect(collector.puts).toEqual([{ policy: { idleThresholdSeconds: 300 } }]);
    expect(
      await handlers['console.save']({ policy: { minGroupSize: 9 }, etag: '"1"' }, sender),
    ).toEqual({ status: 'conflict' });
  });
});
