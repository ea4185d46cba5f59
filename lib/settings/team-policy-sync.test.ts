import { describe, expect, it } from 'vitest';
import { createMemoryStore, type KeyValueStore } from '../background/key-value';
import { createTeamPolicySync, TEAM_POLICY_CACHE_KEY, teamValuesFrom } from './team-policy-sync';
import { COLLECTOR_ADAPTERS_KEY, collectorAdaptersFrom } from './collector-adapters';
import { collectorKeyOf } from './collector-key';
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

/** The team policy's values in force under `token` on `url`, as the settings resolve them. */
const teamValuesIn = async (store: KeyValueStore, token = TOKEN, url = URL_A) =>
  teamValuesFrom(await store.get(TEAM_POLICY_CACHE_KEY), await collectorKeyOf({ url, token }));

/** The collector's adapter definitions in force under `token` on `url`. */
const adaptersIn = async (store: KeyValueStore, token = TOKEN, url = URL_A) =>
  collectorAdaptersFrom(
    await store.get(COLLECTOR_ADAPTERS_KEY),
    await collectorKeyOf({ url, token }),
  );

const TOKEN_A = 'tok_team_a_0123456789abcdef';
const TOKEN_B = 'tok_team_b_0123456789abcdef';
const adaptersWithSubject = (selector: string) => ({
  version: 1,
  definitions: { overrides: [{ id: 'zendesk', fields: { subject: [{ selector }] } }], custom: [] },
  updatedAt: null,
  updatedBy: null,
});

/**
 * One collector serving two teams, as the real one does: each team's token reads its own policy
 * and adapters, both at version 1, with ETags that are the team's own version number.
 */
function twoTeamCollector() {
  const teams: Record<string, { policy: ReturnType<typeof policy>; adapters: unknown }> = {
    [TOKEN_A]: {
      policy: { ...policy(1, { trackingEnabled: true }), team: 'team-a' },
      adapters: adaptersWithSubject('.subject-a'),
    },
    [TOKEN_B]: {
      policy: { ...policy(1, { trackingEnabled: false }), team: 'team-b' },
      adapters: adaptersWithSubject('.subject-b'),
    },
  };
  const policyRequests: { token: string; ifNoneMatch: string | undefined }[] = [];
  const fetch = async (url: string, init?: RequestInit) => {
    const headers = (init?.headers ?? {}) as Record<string, string>;
    const token = (headers.authorization ?? '').replace(/^Bearer /, '');
    const team = teams[token];
    if (!team) return new Response(null, { status: 401 });
    if (url.endsWith('/v1/adapters')) return new Response(JSON.stringify(team.adapters));
    policyRequests.push({ token, ifNoneMatch: headers['if-none-match'] });
    const etag = `"v${team.policy.version}"`;
    if (headers['if-none-match'] === etag) return new Response(null, { status: 304 });
    return new Response(JSON.stringify(team.policy), { status: 200, headers: { etag } });
  };
  return { fetch, policyRequests };
}

/** The sync for collector A with whichever team token `token()` names when it runs. */
const syncWithToken = (
  store: KeyValueStore,
  fetch: Parameters<typeof createTeamPolicySync>[0]['fetch'],
  token: () => string,
  now = () => 1000,
) =>
  createTeamPolicySync({
    store,
    fetch,
    connection: async () => ({ url: URL_A, token: token() }),
    now,
  });

/** The sync for collector A with the team's token and a fixed clock. */
const syncWithA = (
  store: KeyValueStore,
  fetch: Parameters<typeof createTeamPolicySync>[0]['fetch'],
) => syncWithToken(store, fetch, () => TOKEN);

describe('team policy sync', () => {
  it('fetches the adapter definitions at each refresh and keeps a new version, entry by entry (issue #16)', async () => {
    const store = createMemoryStore();
    const collector = fakeCollector();
    const sync = syncWithA(store, collector.fetch);
    await sync.refresh();
    expect(collector.adapterReads).toEqual([`${URL_A}/v1/adapters`]);
    expect(await adaptersIn(store)).toEqual({
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
    const applied = await adaptersIn(store);
    expect(applied?.version).toBe(1);
    expect(applied?.definitions.overrides.map((override) => override.id)).toEqual(['zendesk']);
    expect(applied?.problems.map(describePolicyProblem)).toEqual([
      expect.stringMatching(
        /^collector overrides\[1\] \(hubspot\): fields\.subject\.0\.selector.*; ignored$/,
      ),
    ]);
    // Definitions from another collector never apply.
    expect(await adaptersIn(store, TOKEN, 'https://other.test')).toBeNull();
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
    expect(await teamValuesIn(store)).toEqual({
      prompts: { enabled: false },
    });

    expect((await sync.refresh()).outcome).toBe('unchanged');
    expect(collector.requests[1]!.headers['if-none-match']).toBe('"v1"');

    collector.set(policy(2, { idleThresholdSeconds: 300 }));
    expect((await sync.refresh()).outcome).toBe('updated');
    expect(await teamValuesIn(store)).toEqual({
      idleThresholdSeconds: 300,
    });
    expect((await sync.status()).policy).toEqual({
      team: 'support-emea',
      version: 2,
      fetchedAt: 1000,
      recordHashCheck: null,
    });
  });

  it.each([
    [1, 'before the record-hash check'],
    [2, 'before caches named their token'],
  ])(
    'keeps applying a cache of format %i (written %s), and fetches it whole once',
    async (format) => {
      const store = createMemoryStore();
      const collector = fakeCollector();
      const sync = syncWithA(store, collector.fetch);
      await sync.refresh();
      // The cache as an earlier release wrote it: no fingerprint of the token it was fetched with.
      const { for: _token, ...written } = (await store.get(TEAM_POLICY_CACHE_KEY)) as Record<
        string,
        unknown
      >;
      await store.set(TEAM_POLICY_CACHE_KEY, { ...written, format });
      expect(await teamValuesIn(store)).toEqual({
        prompts: { enabled: false },
      });
      // Its ETag would be answered 304 for as long as the policy stays at its version.
      expect((await sync.refresh()).outcome).toBe('updated');
      expect(collector.requests[1]!.headers['if-none-match']).toBeUndefined();
      expect((await sync.refresh()).outcome).toBe('unchanged');
      expect(collector.requests[2]!.headers['if-none-match']).toBe('"v1"');
    },
  );

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
    expect(await teamValuesIn(store)).toEqual({
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
    expect(await teamValuesIn(store, TOKEN, 'https://other.test')).toBeNull();
    connection = null;
    expect((await sync.refresh()).outcome).toBe('not-configured');
    expect(await store.get(TEAM_POLICY_CACHE_KEY)).toBeUndefined();
  });

  it("applies the new team's policy, never the last one's, when the admin moves the token to another team on the same collector", async () => {
    const store = createMemoryStore();
    const collector = twoTeamCollector();
    let token = TOKEN_A;
    const sync = syncWithToken(store, collector.fetch, () => token);
    expect((await sync.refresh()).outcome).toBe('updated');

    token = TOKEN_B;
    // Both teams are at version 1: A's ETag would be answered 304 for B, keeping A's values.
    expect((await sync.refresh()).outcome).toBe('updated');
    expect(collector.policyRequests.at(-1)).toEqual({ token: TOKEN_B, ifNoneMatch: undefined });
    expect(await teamValuesIn(store, TOKEN_B)).toEqual({ trackingEnabled: false });
    expect((await sync.status()).policy?.team).toBe('team-b');
    // B's own cache is revalidated with B's ETag.
    expect((await sync.refresh()).outcome).toBe('unchanged');
    expect(collector.policyRequests.at(-1)).toEqual({ token: TOKEN_B, ifNoneMatch: '"v1"' });
    expect(await teamValuesIn(store, TOKEN_A)).toBeNull();
  });

  it("never applies nor shows the last team's cached policy or adapters under another team's token, before any refresh", async () => {
    const store = createMemoryStore();
    const collector = twoTeamCollector();
    let token = TOKEN_A;
    const sync = syncWithToken(store, collector.fetch, () => token);
    await sync.refresh();
    expect(await teamValuesIn(store, TOKEN_A)).toEqual({ trackingEnabled: true });
    expect((await adaptersIn(store, TOKEN_A))?.version).toBe(1);
    token = TOKEN_B;
    expect(await teamValuesIn(store, TOKEN_B)).toBeNull();
    expect(await adaptersIn(store, TOKEN_B)).toBeNull();
    expect((await sync.status()).policy).toBeNull();
  });

  it("applies the new team's adapter definitions, never the last one's, when the token moves to another team", async () => {
    const store = createMemoryStore();
    const collector = twoTeamCollector();
    let token = TOKEN_A;
    const sync = syncWithToken(store, collector.fetch, () => token);
    const storedAnswer = async () =>
      (await store.get<{ answer: unknown }>(COLLECTOR_ADAPTERS_KEY))?.answer;
    await sync.refresh();
    expect(await storedAnswer()).toEqual(adaptersWithSubject('.subject-a'));

    token = TOKEN_B;
    await sync.refresh();
    // Both teams are at version 1: that alone once kept A's definitions.
    expect(await storedAnswer()).toEqual(adaptersWithSubject('.subject-b'));
    const applied = await adaptersIn(store, TOKEN_B);
    expect(
      applied?.definitions.overrides.map((override) => {
        const extractor = override.fields.subject?.[0];
        return extractor && 'selector' in extractor ? extractor.selector : null;
      }),
    ).toEqual(['.subject-b']);
    expect(await adaptersIn(store, TOKEN_A)).toBeNull();
  });

  it('keeps applying adapter definitions cached before they named their token, and stores them again once', async () => {
    const store = createMemoryStore();
    const collector = twoTeamCollector();
    const sync = syncWithToken(store, collector.fetch, () => TOKEN_A);
    const earlier = {
      collectorUrl: URL_A,
      version: 1,
      fetchedAt: 1,
      answer: adaptersWithSubject('.subject-a'),
    };
    await store.set(COLLECTOR_ADAPTERS_KEY, earlier);
    expect((await adaptersIn(store, TOKEN_A))?.version).toBe(1);
    await sync.refresh();
    expect(await store.get(COLLECTOR_ADAPTERS_KEY)).toEqual({
      ...earlier,
      for: (await collectorKeyOf({ url: URL_A, token: TOKEN_A })).fingerprint,
      fetchedAt: 1000,
    });
  });

  it('counts a recent check as fresh only when it was made with the token in force', async () => {
    const store = createMemoryStore();
    const collector = twoTeamCollector();
    let token = TOKEN_A;
    let clock = 1000;
    const sync = syncWithToken(
      store,
      collector.fetch,
      () => token,
      () => clock,
    );
    await sync.refresh();
    clock += 60_000;
    expect(await sync.checkedWithin(5 * 60_000)).toBe(true);
    expect(await sync.checkedWithin(60_000)).toBe(false);
    // The admin moved the token to team B while the worker slept: A's check says nothing of B's.
    token = TOKEN_B;
    expect(await sync.checkedWithin(5 * 60_000)).toBe(false);
  });

  it('stores a fingerprint of the token with the caches, never the token', async () => {
    const store = createMemoryStore();
    const collector = twoTeamCollector();
    const sync = syncWithToken(store, collector.fetch, () => TOKEN_A);
    await sync.refresh();
    const stored = JSON.stringify([
      await store.get(TEAM_POLICY_CACHE_KEY),
      await store.get(COLLECTOR_ADAPTERS_KEY),
      await sync.status(),
    ]);
    expect(stored).toContain((await collectorKeyOf({ url: URL_A, token: TOKEN_A })).fingerprint);
    expect(stored).not.toContain('tok_');
  });
});
