import type { CatalogueAddition } from '../../contract/team-policy';
import type { PolicyProblem } from '../settings/policy-problems';
import type { SettingSource } from '../settings/sources';

// A supervisor's catalogue additions name tools by address, and a named tool's time is reported
// per app, per agent in identified mode. Unchecked, a supervisor could name any site ("in-house
// tool": a social network, a job board) and learn who spends time there, which the admin's
// `storeOtherDomains: false` promises agents is never kept. So a team policy's additions match
// only hosts inside the admin's `inHouseDomains`, unless the admin keeps other domains anyway.

/** The host of a match pattern without a leading `*.` or a port: `*://*.acme.com:8443/*` → `acme.com`. */
const hostOf = (pattern: string) =>
  pattern
    .replace(/^[^:]+:\/\//, '')
    .replace(/[:/].*$/, '')
    .replace(/^\*\./, '');

/** Whether every host a pattern matches lies in one of `domains` (a domain includes its subdomains). */
export function patternWithinDomains(pattern: string, domains: readonly string[]): boolean {
  const host = hostOf(pattern);
  if (host === '*' || host === '') return false;
  return domains.some((domain) => host === domain || host.endsWith(`.${domain}`));
}

export type CatalogueScope = {
  /** Who set the additions in force: only a team policy's are held to the domains. */
  source: SettingSource;
  inHouseDomains: readonly string[];
  storeOtherDomains: boolean;
};

/**
 * The additions that apply: the admin's as they are; a team policy's without the hosts outside
 * `inHouseDomains` (an entry left without hosts goes), each named as a problem.
 */
export function scopeCatalogueAdditions(
  additions: readonly CatalogueAddition[],
  scope: CatalogueScope,
): { additions: CatalogueAddition[]; problems: PolicyProblem[] } {
  if (scope.source !== 'team' || scope.storeOtherDomains)
    return { additions: [...additions], problems: [] };
  const problems: PolicyProblem[] = [];
  const kept: CatalogueAddition[] = [];
  additions.forEach((addition, index) => {
    const hosts = addition.hosts.filter((host, hostIndex) => {
      if (patternWithinDomains(host, scope.inHouseDomains)) return true;
      problems.push({
        source: 'team',
        path: `catalogueAdditions[${index}].hosts[${hostIndex}]`,
        adapterId: addition.id,
        entry: host,
        reason: { kind: 'outsideInHouseDomains' },
        outcome: 'ignored',
      });
      return false;
    });
    if (hosts.length > 0) kept.push({ ...addition, hosts });
  });
  return { additions: kept, problems };
}
