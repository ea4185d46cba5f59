import { describe, expect, it } from 'vitest';
import type { CatalogueAddition } from '../../contract/team-policy';
import { patternWithinDomains, scopeCatalogueAdditions } from './catalogue-scope';

const wiki: CatalogueAddition = {
  id: 'wiki',
  name: 'Wiki',
  category: 'wiki',
  hosts: ['https://wiki.acme.com/*', '*://*.linkedin.com/*'],
};
const jobs: CatalogueAddition = {
  id: 'jobs',
  name: 'Jobs',
  category: 'back-office',
  hosts: ['*://*/*'],
};

describe('catalogue additions of a team policy', () => {
  it('match only hosts within the admin’s domains, each ignored one named', () => {
    const scoped = scopeCatalogueAdditions([wiki, jobs], {
      source: 'team',
      inHouseDomains: ['acme.com'],
      storeOtherDomains: false,
    });
    expect(scoped.additions).toEqual([{ ...wiki, hosts: ['https://wiki.acme.com/*'] }]);
    expect(scoped.problems).toEqual([
      {
        source: 'team',
        path: 'catalogueAdditions[0].hosts[1]',
        adapterId: 'wiki',
        entry: '*://*.linkedin.com/*',
        reason: { kind: 'outsideInHouseDomains' },
        outcome: 'ignored',
      },
      expect.objectContaining({ path: 'catalogueAdditions[1].hosts[0]', entry: '*://*/*' }),
    ]);
  });

  it('match nothing when the admin lists no domain', () => {
    const scoped = scopeCatalogueAdditions([wiki], {
      source: 'team',
      inHouseDomains: [],
      storeOtherDomains: false,
    });
    expect(scoped.additions).toEqual([]);
    expect(scoped.problems).toHaveLength(2);
  });

  it('apply whole when the admin set them, or keeps other domains anyway', () => {
    for (const scope of [
      { source: 'managed' as const, inHouseDomains: [], storeOtherDomains: false },
      { source: 'team' as const, inHouseDomains: [], storeOtherDomains: true },
    ]) {
      expect(scopeCatalogueAdditions([wiki, jobs], scope)).toEqual({
        additions: [wiki, jobs],
        problems: [],
      });
    }
  });
});

describe('a host pattern within domains', () => {
  it('takes subdomains and ports, never a look-alike or a wildcard host', () => {
    const domains = ['acme.com', 'intranet'];
    expect(patternWithinDomains('https://acme.com/*', domains)).toBe(true);
    expect(patternWithinDomains('*://*.acme.com/*', domains)).toBe(true);
    expect(patternWithinDomains('https://tools.eu.acme.com:8443/app/*', domains)).toBe(true);
    expect(patternWithinDomains('http://intranet/*', domains)).toBe(true);
    expect(patternWithinDomains('https://notacme.com/*', domains)).toBe(false);
    expect(patternWithinDomains('https://acme.com.evil.io/*', domains)).toBe(false);
    expect(patternWithinDomains('*://*/*', domains)).toBe(false);
  });
});
