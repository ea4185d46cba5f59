import type { AdapterDefinition } from '../adapters/definition';
import { compileMatchPattern } from '../adapters/read-record';
import type { AppCategory } from '../../contract/ids';
import { APP_CATALOGUE, type CatalogueEntry } from './catalogue';

/** The app a page belongs to, as the tracker sees it. `domain` only for `other`, only if allowed. */
export type AppRef = { id: string; category: AppCategory; domain?: string };

export type ClassifyOptions = {
  adapters: readonly AdapterDefinition[];
  /** The admin's catalogue additions (policy), tried before everything else. */
  additions: readonly CatalogueEntry[];
  /** App ids to track, or 'all'. An app not tracked is counted as `other`. */
  trackedApps: readonly string[] | 'all';
  /** Whether the domain of an `other` page may be kept (policy; off by default). */
  storeOtherDomains: boolean;
};

const compileEntry = (entry: { id: string; category: AppCategory; hosts: readonly string[] }) => ({
  id: entry.id,
  category: entry.category,
  patterns: entry.hosts.map(compileMatchPattern),
  // A catalogue entry with a path (Zendesk Guide's /hc/) is more specific than an adapter that
  // covers the whole host, so it is tried before the adapters.
  specific: entry.hosts.every((host) => pathOf(host) !== '/*'),
});

const pathOf = (pattern: string) => pattern.replace(/^[^:]+:\/\/[^/]+/, '');

/**
 * Classifies URLs into apps: admin additions, then path-specific catalogue entries, then adapters
 * (CRMs), then the rest of the catalogue; anything else is `other`. Non-web pages (browser UI,
 * extension pages) give null.
 */
export function createClassifier(options: ClassifyOptions) {
  const additions = options.additions.map(compileEntry);
  const catalogue = APP_CATALOGUE.map(compileEntry);
  const adapters = options.adapters.map((adapter) =>
    compileEntry({ id: adapter.id, category: 'crm', hosts: adapter.hosts }),
  );
  const ordered = [
    ...additions,
    ...catalogue.filter((entry) => entry.specific),
    ...adapters,
    ...catalogue.filter((entry) => !entry.specific),
  ];
  const tracked = options.trackedApps === 'all' ? null : new Set(options.trackedApps);

  return function classify(url: string | undefined): AppRef | null {
    if (!url || !/^https?:\/\//.test(url)) return null;
    const entry = ordered.find((candidate) =>
      candidate.patterns.some((pattern) => pattern.test(url)),
    );
    if (entry && (!tracked || tracked.has(entry.id)))
      return { id: entry.id, category: entry.category };
    if (!options.storeOtherDomains) return { id: 'other', category: 'other' };
    return { id: 'other', category: 'other', domain: new URL(url).hostname };
  };
}
export type Classify = ReturnType<typeof createClassifier>;
