import { describe, expect, it } from 'vitest';
import { describePolicyProblem } from '../settings/policy-problems';
import { adaptersForUrl, combineAdapters, resolveAdapters, runtimeHosts } from './adapter-set';
import { adapterOverrideSchema } from '../../contract/adapter-definitions';
import { BUILTIN_ADAPTERS } from './registry';
import { defineAdapter } from './definition';

const inHouse = defineAdapter({
  id: 'acme-desk',
  name: 'Acme Desk',
  hosts: ['https://desk.acme.test/*'],
  records: [{ type: 'ticket', url: '/cases/(\\d+)' }],
  fields: {},
});

describe('adapters in force', () => {
  it('adds the admin’s adapters before the built-ins, and lets one replace a built-in by id', () => {
    const hotfix = defineAdapter({
      ...inHouse,
      id: 'zendesk',
      name: 'Zendesk (patched)',
      hosts: ['https://*.zendesk.com/*'],
    });
    const adapters = combineAdapters([inHouse, hotfix]);
    expect(adapters.slice(0, 2).map((adapter) => adapter.name)).toEqual([
      'Acme Desk',
      'Zendesk (patched)',
    ]);
    expect(adapters.filter((adapter) => adapter.id === 'zendesk')).toHaveLength(1);
  });

  it('puts a self-hosted built-in at the addresses the admin names', () => {
    const adapters = combineAdapters([], { osticket: ['https://help.acme.test/*'] });
    expect(
      adaptersForUrl(adapters, 'https://help.acme.test/scp/tickets.php?id=1').map((a) => a.id),
    ).toEqual(['osticket']);
    expect(
      adaptersForUrl(combineAdapters([]), 'https://help.acme.test/scp/tickets.php?id=1'),
    ).toEqual([]);
  });

  it('names addresses given for an adapter id that none has (os-ticket for osticket)', () => {
    const { adapters, problems } = resolveAdapters({
      managed: [],
      extraHosts: {
        'os-ticket': ['https://help.acme.test/*'],
        osticket: ['https://desk.acme.test/*'],
      },
    });
    expect(problems.map(describePolicyProblem)).toEqual([
      expect.stringMatching(/adapterHosts\.os-ticket: no adapter in force has this id; .*ignored/),
    ]);
    expect(adaptersForUrl(adapters, 'https://desk.acme.test/scp/').map((a) => a.id)).toEqual([
      'osticket',
    ]);
  });

  it('registers run-time content scripts only for hosts the manifest does not already cover', () => {
    const adapters = combineAdapters([inHouse], {
      osticket: ['https://help.acme.test/*'],
      zendesk: ['https://support.acme.test/*'],
    });
    expect(runtimeHosts(adapters).sort()).toEqual([
      'https://desk.acme.test/*',
      'https://help.acme.test/*',
      'https://support.acme.test/*',
    ]);
  });
});

describe('precedence: managed policy, then the collector, then the built-ins (issue #16)', () => {
  const builtInZendesk = BUILTIN_ADAPTERS.find((adapter) => adapter.id === 'zendesk')!;
  const emailOverride = adapterOverrideSchema.parse({
    id: 'zendesk',
    fields: { customerEmail: [{ selector: "[data-test-id='requester-email']" }] },
    hosts: ['https://support.acme.test/*'],
    records: [{ type: 'ticket', url: '^https://support\\.acme\\.test/t/(\\d+)' }],
  });
  const zendeskOf = (adapters: { id: string }[]) =>
    adapters.find((adapter) => adapter.id === 'zendesk') as typeof builtInZendesk;

  it('applies a collector override field by field and adds its host and record patterns', () => {
    const { adapters, origins, problems } = resolveAdapters({
      managed: [],
      collector: { overrides: [emailOverride], custom: [] },
    });
    const zendesk = zendeskOf(adapters);
    expect(zendesk.fields.customerEmail).toEqual(emailOverride.fields.customerEmail);
    expect(zendesk.fields.subject).toEqual(builtInZendesk.fields.subject);
    expect(zendesk.hosts).toEqual([...builtInZendesk.hosts, 'https://support.acme.test/*']);
    expect(zendesk.records.at(-1)?.url).toBe('^https://support\\.acme\\.test/t/(\\d+)');
    expect(origins.zendesk).toMatchObject({
      source: 'built-in',
      fields: { customerEmail: 'collector', subject: 'built-in' },
    });
    expect(adaptersForUrl(adapters, 'https://support.acme.test/t/7').map((a) => a.id)).toEqual([
      'zendesk',
    ]);
    expect(problems).toEqual([]);
  });

  it('lets the managed policy win over the collector for the same adapter', () => {
    const managed = defineAdapter({
      ...inHouse,
      id: 'zendesk',
      hosts: ['https://*.zendesk.com/*'],
    });
    const teamZendesk = defineAdapter({ ...inHouse, id: 'zendesk', name: 'Team Zendesk' });
    const { adapters, origins, problems } = resolveAdapters({
      managed: [managed],
      collector: { overrides: [emailOverride], custom: [teamZendesk] },
    });
    expect(zendeskOf(adapters)).toEqual(managed);
    expect(origins.zendesk).toEqual({ source: 'policy', fields: {} });
    expect(problems.map(describePolicyProblem)).toEqual([
      'collector adapters (zendesk): the managed policy defines this adapter, which wins; adapter ignored',
      'collector overrides (zendesk): the managed policy defines this adapter, which wins; ignored',
    ]);
  });

  it('lets a collector adapter replace a built-in and add an in-house tool', () => {
    const teamZendesk = defineAdapter({
      ...inHouse,
      id: 'zendesk',
      name: 'Team Zendesk',
      hosts: ['https://*.zendesk.com/*'],
    });
    const { adapters, origins } = resolveAdapters({
      managed: [],
      collector: { overrides: [], custom: [teamZendesk, inHouse] },
    });
    expect(zendeskOf(adapters).name).toBe('Team Zendesk');
    expect(origins['acme-desk']?.source).toBe('collector');
    expect(adapters.filter((adapter) => adapter.id === 'zendesk')).toHaveLength(1);
  });

  it('names an override of an adapter that is not built in, and applies the others', () => {
    const stray = adapterOverrideSchema.parse({ id: 'nowhere', hosts: ['https://x.test/*'] });
    const { adapters, problems } = resolveAdapters({
      managed: [],
      collector: { overrides: [stray, emailOverride], custom: [] },
    });
    expect(problems.map(describePolicyProblem)).toEqual([
      'collector overrides (nowhere): no built-in adapter has this id; ignored',
    ]);
    expect(zendeskOf(adapters).fields.customerEmail).toEqual(emailOverride.fields.customerEmail);
  });
});
