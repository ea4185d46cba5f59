import { describe, expect, it } from 'vitest';
import { adaptersForUrl, combineAdapters, runtimeHosts } from './adapter-set';
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
