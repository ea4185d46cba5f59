import { describe, expect, it } from 'vitest';
import { createMemoryStore, type KeyValueStore } from '../background/key-value';
import { createTeamPolicySync, TEAM_POLICY_CACHE_KEY, teamValuesFrom } from './team-policy-sync';
import { COLLECTOR_ADAPTERS_KEY, collectorAdaptersFrom } from './collector-adapters';
import { describePolicyProblem } from './policy-problems';

const URL_A = 'https://collector.acme.test';
const TOKEN = 'tok_agent_0123456789abcdef';
const policy = (version: number, values: Record<string, unknown>) => ({
  team: 'support-emea',
  version,
  updatedAt: '2026-11-02T10:00:00Z',
  policy: values,
});

function fakeCollector() {
  let current = policy(1, { prompts: { enabled: false } });
  let adapters: unknown = { version: 0, definitions: { overrides: [], custom: [] } };
  const requests: { url: string; headers: Record<string, string> }[] = [];
  const adapterReads: string[] = [];
  const fetch = async (url: string, init?: RequestInit) => {
    const headers = (init?.headers ?? {}) as Record<string, string>;
    if (url.endsWith('/v1/adapters')) {
      adapterReads.push(url);
      return new Response(JSON.stringify(adapters), { status: 200 });
    }
    requests.push({ url, headers });
    const etag = `"v${current.version}"`;
    if (headers['if-none-match'] === etag) return new Response(null, { status: 304 });
    return new Response(JSON.stringify(current), { status: 200, headers: { etag } });
  };
  return {
    fetch,
    requests,
    adapterReads,
    set: (next: typeof current) => (current = next),
    setAdapters: (next: unknown) => (adapters = next),
  };
}

/** The sync for collector A with the team's token and a fixed clock. */
const syncWithA = (
  store: KeyValueStore,
  fetch: Parameters<typeof createTeamPolicySync>[0]['fetch'],
) =>
  createTeamPolicySync({
    store,
    fetch,
    connection: async () => ({ url: URL_A, token: TOKEN }),
    now: () => 1000,
  });

describe('team policy sync', () => {
  it('fetches the adapter definitions at each refresh and keeps a new version, entry by entry (issue #16)', async () => {
    const store = createMemoryStore();
    const collector = fakeCollector();
    const sync = syncWithA(store, collector.fetch);
    await sync.refresh();
    expect(collector.adapterReads).toEqual([`${URL_A}/v1/adapters`]);
    expect(collectorAdaptersFrom(await store.get(COLLECTOR_ADAPTERS_KEY), URL_A)).toEqual({
      version: 0,
      definitions: { overrides: [], custom: [] },
      problems: [],
    });

    collector.setAdapters({
      version: 1,
      definitions: {
        overrides: [
          { id: 'zendesk', fields: { subject: [{ selector: '.subject' }] } },
          { id: 'hubspot', fields: { subject: [{ selector: '' }] } },
        ],
        custom: [],
      },
      updatedAt: null,
      updatedBy: null,
    });
    // The policy is unchanged (304); the definitions still arrive.
    expect((await sync.refresh()).outcome).toBe('unchanged');
    const applied = collectorAdaptersFrom(await store.get(COLLECTOR_ADAPTERS_KEY), URL_A);
    expect(applied?.version).toBe(1);
    expect(applied?.definitions.overrides.map((override) => override.id)).toEqual(['zendesk']);
    expect(applied?.problems.map(describePolicyProblem)).toEqual([
      expect.stringMatching(
        /^collector overrides\[1\] \(hubspot\): fields\.subject\.0\.selector.*; ignored$/,
      ),
    ]);
    // Definitions from another collector never apply.
    expect(
      collectorAdaptersFrom(await store.get(COLLECTOR_ADAPTERS_KEY), 'https://other.test'),
    ).toBeNull();
  });

  it('caches the policy, sends its ETag next time and stores a new version when it changes', async () => {
    const store = createMemoryStore();
    const collector = fakeCollector();
    const sync = syncWithA(store, collector.fetch);
    expect((await sync.refresh()).outcome).toBe('updated');
    expect(collector.requests[0]).toMatchObject({
      url: `${URL_A}/v1/policy`,
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(teamValuesFrom(await store.get(TEAM_POLICY_CACHE_KEY), URL_A)).toEqual({
      prompts: { enabled: false },
    });

    expect((await sync.refresh()).outcome).toBe('unchanged');
    expect(collector.requests[1]!.headers['if-none-match']).toBe('"v1"');

    collector.set(policy(2, { idleThresholdSeconds: 300 }));
    expect((await sync.refresh()).outcome).toBe('updated');
    expect(teamValuesFrom(await store.get(TEAM_POLICY_CACHE_KEY), URL_A)).toEqual({
      idleThresholdSeconds: 300,
    });
    expect((await sync.status()).policy).toEqual({
      team: 'support-emea',
      version: 2,
      fetchedAt: 1000,
      recordHashCheck: null,
    });
  });

  it('keeps applying a cache written before the record-hash check, and fetches it whole once', async () => {
    const store = createMemoryStore();
    const collector = fakeCollector();
    const sync = syncWithA(store, collector.fetch);
    await sync.refresh();
    // The cache as the release before wrote it: format 1, no fingerprint.
    const written = (await store.get(TEAM_POLICY_CACHE_KEY)) as Record<string, unknown>;
    await store.set(TEAM_POLICY_CACHE_KEY, { ...written, format: 1 });
    expect(teamValuesFrom(await store.get(TEAM_POLICY_CACHE_KEY), URL_A)).toEqual({
      prompts: { enabled: false },
    });
    // Its ETag would be answered 304 for as long as the policy stays at its version.
    expect((await sync.refresh()).outcome).toBe('updated');
    expect(collector.requests[1]!.headers['if-none-match']).toBeUndefined();
    expect((await sync.refresh()).outcome).toBe('unchanged');
    expect(collector.requests[2]!.headers['if-none-match']).toBe('"v1"');
  });

  it('keeps the cached policy when the collector cannot be reached, and says why', async () => {
    const store = createMemoryStore();
    const collector = fakeCollector();
    let online = true;
    const sync = syncWithA(store, (url, init) =>
      online ? collector.fetch(url, init) : Promise.reject(new TypeError('Failed to fetch')),
    );
    await sync.refresh();
    online = false;
    const status = await sync.refresh();
    expect(status).toMatchObject({
      outcome: 'error',
      error: expect.stringContaining('cannot reach'),
    });
    expect(status.error).not.toContain(TOKEN);
    expect(teamValuesFrom(await store.get(TEAM_POLICY_CACHE_KEY), URL_A)).toEqual({
      prompts: { enabled: false },
    });
  });

  it('names the HTTP error the collector answered with', async () => {
    const sync = syncWithA(
      createMemoryStore(),
      async () =>
        new Response(JSON.stringify({ error: 'unauthorized', message: 'unknown token' }), {
          status: 401,
        }),
    );
    expect((await sync.refresh()).error).toBe('/v1/policy: HTTP 401 unauthorized: unknown token');
  });

  it('drops the cache when no collector is configured, and never applies one from another collector', async () => {
    const store = createMemoryStore();
    const collector = fakeCollector();
    let connection: { url: string; token: string } | null = { url: URL_A, token: TOKEN };
    const sync = createTeamPolicySync({
      store,
      fetch: collector.fetch,
      connection: async () => connection,
      now: () => 1000,
    });
    await sync.refresh();
    expect(teamValuesFrom(await store.get(TEAM_POLICY_CACHE_KEY), 'https://other.test')).toBeNull();
    connection = null;
    expect((await sync.refresh()).outcome).toBe('not-configured');
    expect(await store.get(TEAM_POLICY_CACHE_KEY)).toBeUndefined();
  });
});
