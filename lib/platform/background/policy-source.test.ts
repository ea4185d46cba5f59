import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../background/key-value';
import { AGENT_CHOICES_KEY } from '../../settings/agent-choices';
import { versioned } from '../../settings/migrations';
import { TEAM_POLICY_CACHE_KEY } from '../../settings/team-policy-sync';
import { createPolicySource } from './policy-source';

const URL_A = 'https://collector.acme.test';
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

  it('never applies a team policy cached from another collector', async () => {
    const local = createMemoryStore();
    await local.set(
      TEAM_POLICY_CACHE_KEY,
      teamCache('https://old.test', { trackingEnabled: false }),
    );
    const source = createPolicySource(
      local,
      () => undefined,
      async () => ({ collectorUrl: URL_A }),
    );
    expect((await source.get()).settings.trackingEnabled).toBe(true);
  });
});
