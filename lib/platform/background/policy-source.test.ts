import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../background/key-value';
import { AGENT_CHOICES_KEY } from '../../settings/agent-choices';
import { versioned } from '../../settings/migrations';
import { createTeamPolicySync, TEAM_POLICY_CACHE_KEY } from '../../settings/team-policy-sync';
import { createPolicySource } from './policy-source';

const URL_A = 'https://collector.acme.test';
const TOKEN = 'tok_agent_0123456789abcdef';
const teamCache = (collectorUrl: string, policy: Record<string, unknown>) => ({
  format: 1,
  collectorUrl,
  etag: '"1"',
  fetchedAt: 1,
  policy: { team: 'emea', version: 1, updatedAt: null, policy },
});

describe('policy source', () => {
  it('resolves managed policy, the cached team policy and the agent’s choices, and re-reads them after invalidate', async () => {
    const local = createMemoryStore();
    await local.set(TEAM_POLICY_CACHE_KEY, teamCache(URL_A, { idleThresholdSeconds: 300 }));
    await local.set(AGENT_CHOICES_KEY, versioned({ defaultCallingCode: '49' }));
    const source = createPolicySource(
      local,
      () => undefined,
      async () => ({
        collectorUrl: URL_A,
        collectorToken: TOKEN,
        retentionDays: 3,
      }),
    );
    const { settings, sources } = await source.get();
    expect(settings).toMatchObject({
      retentionDays: 3,
      idleThresholdSeconds: 300,
      defaultCallingCode: '49',
    });
    expect(sources.idleThresholdSeconds).toEqual({ source: 'team', locked: false });

    await local.set(TEAM_POLICY_CACHE_KEY, teamCache(URL_A, { idleThresholdSeconds: 90 }));
    expect((await source.get()).settings.idleThresholdSeconds).toBe(300);
    source.invalidate();
    expect((await source.get()).settings.idleThresholdSeconds).toBe(90);
  });

  it("names a team's in-house tool only within the admin's domains: a private site stays other", async () => {
    const local = createMemoryStore();
    await local.set(
      TEAM_POLICY_CACHE_KEY,
      teamCache(URL_A, {
        catalogueAdditions: [
          { id: 'wiki', name: 'Wiki', category: 'wiki', hosts: ['https://wiki.acme.com/*'] },
          { id: 'social', name: 'Tool', category: 'other', hosts: ['*://*.facebook.com/*'] },
        ],
      }),
    );
    const source = createPolicySource(
      local,
      () => undefined,
      async () => ({ collectorUrl: URL_A, collectorToken: TOKEN, inHouseDomains: ['Acme.com'] }),
    );
    const { classify, settings, diagnostics } = await source.get();
    expect(classify('https://wiki.acme.com/page')?.id).toBe('wiki');
    expect(classify('https://www.facebook.com/feed')).toEqual({ id: 'other', category: 'other' });
    expect(settings.catalogueAdditions.map((entry) => entry.id)).toEqual(['wiki']);
    expect(diagnostics).toContain(
      "team policy: catalogueAdditions[1].hosts[0] (social): *://*.facebook.com/*: outside the admin's inHouseDomains: a team policy may name only the organisation's own tools; ignored",
    );
  });

  it('never applies a team policy cached from another collector', async () => {
    const local = createMemoryStore();
    await local.set(
      TEAM_POLICY_CACHE_KEY,
      teamCache('https://old.test', { trackingEnabled: false }),
    );
    const source = createPolicySource(
      local,
      () => undefined,
      async () => ({ collectorUrl: URL_A, collectorToken: TOKEN }),
    );
    expect((await source.get()).settings.trackingEnabled).toBe(true);
  });

  it("never applies the team policy cached with another team's token on the same collector", async () => {
    const local = createMemoryStore();
    const teamA = {
      team: 'team-a',
      version: 1,
      updatedAt: null,
      policy: { trackingEnabled: false },
    };
    const sync = createTeamPolicySync({
      store: local,
      fetch: async () => new Response(JSON.stringify(teamA), { headers: { etag: '"v1"' } }),
      connection: async () => ({ url: URL_A, token: 'tok_team_a_0123456789abcdef' }),
      now: () => 1,
    });
    await sync.refresh();
    // Each browser apart, with the team cache the sync wrote (the managed policy is cached too).
    const trackingUnder = async (collectorToken: string) => {
      const browserLocal = createMemoryStore();
      await browserLocal.set(TEAM_POLICY_CACHE_KEY, await local.get(TEAM_POLICY_CACHE_KEY));
      const managed = { collectorUrl: URL_A, collectorToken };
      const source = createPolicySource(
        browserLocal,
        () => undefined,
        async () => managed,
      );
      const { settings, sources } = await source.get();
      return [settings.trackingEnabled, sources.trackingEnabled.source];
    };
    expect(await trackingUnder('tok_team_a_0123456789abcdef')).toEqual([false, 'team']);
    expect(await trackingUnder('tok_team_b_0123456789abcdef')).toEqual([true, 'default']);
  });

  it('gives pages the defaults while a brand-new profile waits for the browser, then the real policy', async () => {
    let answer: (value: unknown) => void = () => undefined;
    const managed = new Promise<unknown>((resolve) => (answer = resolve));
    let changes = 0;
    const source = createPolicySource(
      createMemoryStore(),
      () => (changes += 1),
      () => managed,
    );

    const forPage = await source.forPages();
    expect(forPage.settings.retentionDays).toBe(7); // the default
    expect(source.settled()).toBe(false);
    let definitive = false;
    void source.get().then(() => (definitive = true));
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(definitive).toBe(false); // measurement and sync still wait for the admin's policy

    answer({ retentionDays: 3 });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect((await source.get()).settings.retentionDays).toBe(3);
    expect((await source.forPages()).settings.retentionDays).toBe(3);
    expect(source.settled()).toBe(true);
    expect(changes).toBe(1);
  });

  it('gives pages the cached policy at once after a restart, never the defaults', async () => {
    const local = createMemoryStore();
    const first = createPolicySource(
      local,
      () => undefined,
      async () => ({ retentionDays: 3 }),
    );
    await first.get();
    await new Promise((resolve) => setTimeout(resolve, 0));
    const restarted = createPolicySource(
      local,
      () => undefined,
      () => new Promise(() => undefined),
    );
    expect((await restarted.forPages()).settings.retentionDays).toBe(3);
  });
});
