import { describe, expect, it } from 'vitest';
import { createMemoryStore } from './key-value';
import { createSettingsHandlers } from './settings-handlers';
import { resolveSettings } from '../settings/effective';
import { AGENT_CHOICES_KEY } from '../settings/agent-choices';
import { createTeamPolicySync } from '../settings/team-policy-sync';

const URL_A = 'https://collector.acme.test';
const AGENT_TOKEN = 'tp_agent-token-0123456789';
const sender = { tabId: undefined, url: 'chrome-extension://x/options.html' };

function setup(managed: Record<string, unknown>) {
  const local = createMemoryStore();
  let invalidations = 0;
  const policy = async () => {
    const agent = (await local.get<{ values: Record<string, unknown> }>(AGENT_CHOICES_KEY))?.values;
    return resolveSettings({ managed, agent });
  };
  const fetch = async () => new Response(null, { status: 304 });
  const teamPolicy = createTeamPolicySync({
    store: local,
    fetch,
    connection: async () => ({ url: URL_A, token: AGENT_TOKEN }),
    now: () => 1000,
  });
  const handlers = createSettingsHandlers({
    policy,
    invalidate: () => invalidations++,
    local,
    teamPolicy,
    fetch,
  });
  return { handlers, invalidations: () => invalidations };
}

describe('settings handlers (options page)', () => {
  it('hand pages every setting with its source and lock, and never a secret', async () => {
    const { handlers } = setup({
      collectorUrl: URL_A,
      collectorToken: AGENT_TOKEN,
      retentionDays: 3,
    });
    const { settings, collector } = await handlers['settings.get']({}, sender);
    expect(settings.find((entry) => entry.name === 'collectorToken')?.value).toBe('(set)');
    expect(JSON.stringify(settings)).not.toContain(AGENT_TOKEN);
    expect(settings.find((entry) => entry.name === 'retentionDays')).toMatchObject({
      value: 3,
      source: 'managed',
      locked: true,
      teamLevel: true,
    });
    expect(collector).toMatchObject({ url: URL_A, tokenConfigured: true });
  });

  it('store an agent choice for an adjustable setting and refuse a locked or admin-only one', async () => {
    const { handlers, invalidations } = setup({ lockedSettings: ['defaultCallingCode'] });
    await expect(
      handlers['settings.setAgentChoice']({ name: 'defaultCallingCode', value: '49' }, sender),
    ).rejects.toThrow('locked by your admin');
    await expect(
      handlers['settings.setAgentChoice']({ name: 'trackingEnabled', value: false }, sender),
    ).rejects.toThrow('not a setting agents may change');

    const open = setup({});
    await open.handlers['settings.setAgentChoice'](
      { name: 'defaultCallingCode', value: '49' },
      sender,
    );
    const { settings } = await open.handlers['settings.get']({}, sender);
    expect(settings.find((entry) => entry.name === 'defaultCallingCode')).toMatchObject({
      value: '49',
      source: 'agent',
    });
    expect(open.invalidations()).toBe(1);
    expect(invalidations()).toBe(0);
  });
});
