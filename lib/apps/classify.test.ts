import { describe, expect, it } from 'vitest';
import { BUILTIN_ADAPTERS } from '../adapters/registry';
import { APP_CATEGORIES } from '../../contract/ids';
import { APP_CATALOGUE } from './catalogue';
import { createClassifier } from './classify';

const base = {
  adapters: BUILTIN_ADAPTERS,
  additions: [],
  trackedApps: 'all' as const,
  storeOtherDomains: false,
};

describe('app catalogue', () => {
  it('knows at least 25 common agent tools, each with a category and a unique id', () => {
    expect(APP_CATALOGUE.length).toBeGreaterThanOrEqual(25);
    expect(new Set(APP_CATALOGUE.map((entry) => entry.id)).size).toBe(APP_CATALOGUE.length);
    for (const entry of APP_CATALOGUE) expect(APP_CATEGORIES).toContain(entry.category);
    const categories = new Set(APP_CATALOGUE.map((entry) => entry.category));
    for (const needed of ['mail', 'chat', 'knowledge-base', 'docs', 'phone', 'wiki'] as const) {
      expect(categories).toContain(needed);
    }
  });
});

describe('createClassifier', () => {
  const classify = createClassifier(base);

  it.each([
    ['https://acme.zendesk.com/agent/tickets/42', 'zendesk', 'crm'],
    ['https://acme.zendesk.com/hc/en-us/articles/1', 'zendesk-guide', 'knowledge-base'],
    ['https://acme.lightning.force.com/lightning/r/Case/500000000001026/view', 'salesforce', 'crm'],
    ['https://mail.google.com/mail/u/0/#inbox', 'gmail', 'mail'],
    ['https://app.slack.com/client/T1/C1', 'slack', 'chat'],
    ['https://acme.atlassian.net/wiki/spaces/KB/pages/1', 'confluence', 'wiki'],
    ['https://acme.atlassian.net/browse/OPS-1', 'jira', 'docs'],
    ['https://phone.aircall.io/', 'aircall', 'phone'],
  ])('%s → %s (%s)', (url, id, category) => {
    expect(classify(url)).toEqual({ id, category });
  });

  it('calls anything else `other` and keeps no domain unless policy allows it', () => {
    expect(classify('https://intranet.acme.test/payroll')).toEqual({
      id: 'other',
      category: 'other',
    });
    const allowed = createClassifier({ ...base, storeOtherDomains: true });
    expect(allowed('https://intranet.acme.test/payroll')).toEqual({
      id: 'other',
      category: 'other',
      domain: 'intranet.acme.test',
    });
  });

  it('ignores browser and extension pages', () => {
    expect(classify('chrome://newtab/')).toBeNull();
    expect(classify('chrome-extension://abc/sidepanel.html')).toBeNull();
    expect(classify(undefined)).toBeNull();
  });

  it('tries the admin’s additions first and counts untracked apps as other', () => {
    const custom = createClassifier({
      ...base,
      additions: [
        {
          id: 'billing',
          name: 'Billing',
          category: 'back-office',
          hosts: ['https://mail.google.com/billing/*'],
        },
      ],
      trackedApps: ['zendesk', 'billing'],
    });
    expect(custom('https://mail.google.com/billing/x')).toEqual({
      id: 'billing',
      category: 'back-office',
    });
    expect(custom('https://mail.google.com/mail/u/0')).toEqual({ id: 'other', category: 'other' });
    expect(custom('https://acme.zendesk.com/agent/tickets/1')).toEqual({
      id: 'zendesk',
      category: 'crm',
    });
  });
});
