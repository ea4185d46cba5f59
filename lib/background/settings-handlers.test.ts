import { describe, expect, it } from 'vitest';
import { createMemoryStore } from './key-value';
import { createSettingsHandlers } from './settings-handlers';
import { resolveSettings } from '../settings/effective';
import { AGENT_CHOICES_KEY } from '../settings/agent-choices';
import { createTeamPolicySync } from '../settings/team-policy-sync';
import { recordHashCheckOf } from '../../contract/record-hash';

const URL_A = 'https://collector.acme.test';
const AGENT_TOKEN = 'tp_agent-token-0123456789';
const sender = { tabId: undefined, url: 'chrome-extension://x/options.html' };

function setup(
  managed: Record<string, unknown>,
  fetch: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response> = async () =>
    new Response(null, { status: 304 }),
) {
  const local = createMemoryStore();
  let invalidations = 0;
  const policy = async () => {
    const agent = (await local.get<{ values: Record<string, unknown> }>(AGENT_CHOICES_KEY))?.values;
    return resolveSettings({ managed, agent });
  };
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

  it('says whether the record-hash secret is the collector team’s, so a typo does not go unseen', async () => {
    const teamSecret = 'hT3v9Qk1w8ZxLmN0pR5sT7uV2yB4cD6e';
    const recordHashCheck = await recordHashCheckOf(teamSecret);
    const collector = async (input: RequestInfo | URL) =>
      String(input).endsWith('/v1/policy')
        ? Response.json(
            { team: 'emea-1', version: 3, updatedAt: null, policy: {}, recordHashCheck },
            { headers: { etag: '"v3"' } },
          )
        : new Response(null, { status: 404 });
    const stateWith = async (secret: string | undefined) => {
      const { handlers } = setup(
        {
          collectorUrl: URL_A,
          collectorToken: AGENT_TOKEN,
          ...(secret !== undefined && { recordHashSecret: secret }),
        },
        collector,
      );
      await handlers['settings.refreshTeamPolicy']({}, sender);
      return (await handlers['settings.get']({}, sender)).collector.recordHashSecret;
    };
    expect(await stateWith(teamSecret)).toBe('matches');
    expect(await stateWith(`${teamSecret.slice(0, -1)}E`)).toBe('differs');
    expect(await stateWith(undefined)).toBe('notSet');
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
