// @vitest-environment happy-dom
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CUSTOMER_SUBDOMAINS_OF } from '../../contract/record-fields';
import { BUILTIN_HOST_PATTERNS } from './builtin-hosts';
import type { AdapterDefinition } from './definition';
import { adapterCoversUrl, matchRecordUrl } from './read-record';
import { BUILTIN_ADAPTERS } from './registry';
import { adapterDefinitionSchema } from './definition';
import {
  fixtureDir,
  loadFixtureSpec,
  parseFixture,
  readFixtureHtml,
} from '../../tests/adapter-fixtures';

const ADAPTERS_DIR = import.meta.dirname;
/** Folders of lib/adapters/ that hold tooling for adapters, not an adapter. */
const NOT_ADAPTERS = new Set(['builder']);

// Conventions every built-in adapter must follow (HOUSE-STYLE.md #9): cheap, and it catches drift.
describe('built-in adapter registry', () => {
  it('registers every adapter folder, each with selectors, a test and fixtures', () => {
    const folders = readdirSync(ADAPTERS_DIR, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !NOT_ADAPTERS.has(entry.name))
      .map((entry) => entry.name)
      .sort();
    expect(BUILTIN_ADAPTERS.map((adapter) => adapter.id).sort()).toEqual(folders);
    for (const id of folders) {
      expect(existsSync(path.join(ADAPTERS_DIR, id, 'index.ts')), `${id}/index.ts`).toBe(true);
      expect(existsSync(path.join(ADAPTERS_DIR, id, 'selectors.ts')), `${id}/selectors.ts`).toBe(
        true,
      );
      expect(existsSync(path.join(ADAPTERS_DIR, id, `${id}.test.ts`)), `${id}/${id}.test.ts`).toBe(
        true,
      );
      expect(existsSync(path.join(fixtureDir(id), 'expected.json')), `fixtures/${id}`).toBe(true);
    }
  });

  it('lists exactly the adapters’ hosts in BUILTIN_HOST_PATTERNS (content script matches)', () => {
    const hosts = [...new Set(BUILTIN_ADAPTERS.flatMap((adapter) => adapter.hosts))].sort();
    expect([...BUILTIN_HOST_PATTERNS].sort()).toEqual(hosts);
  });

  it('names each customer by its own label exactly under the adapters’ wildcard hosts', () => {
    const wildcardDomains = BUILTIN_HOST_PATTERNS.flatMap((pattern) => {
      const domain = /^https:\/\/\*\.([^/]+)\/\*$/.exec(pattern)?.[1];
      return domain ? [domain] : [];
    });
    expect([...CUSTOMER_SUBDOMAINS_OF].sort()).toEqual(wildcardDomains.sort());
  });

  it('keeps self-hosted adapters’ hosts out of the build (the admin’s policy names them)', () => {
    for (const adapter of BUILTIN_ADAPTERS.filter((candidate) => candidate.selfHosted)) {
      expect(adapter.hosts, adapter.id).toEqual([]);
    }
  });

  it('never lets one adapter claim another adapter’s record pages', () => {
    // A self-hosted adapter has no built-in hosts: it may run on any host an admin adds, so it
    // claims a page by its record patterns alone. Its own pages must match them, no other adapter
    // may claim its pages, and it may claim no other adapter's pages.
    const claims = (adapter: AdapterDefinition, url: string, doc: Document) =>
      (adapter.selfHosted || adapterCoversUrl(adapter, url)) &&
      matchRecordUrl(adapter, url, doc) !== null;
    for (const adapter of BUILTIN_ADAPTERS) {
      for (const page of loadFixtureSpec(adapter.id).pages) {
        const doc = parseFixture(readFixtureHtml(adapter.id, page.file));
        const claimants = BUILTIN_ADAPTERS.filter((other) => claims(other, page.url, doc)).map(
          (other) => other.id,
        );
        expect(claimants, page.url).toEqual([adapter.id]);
      }
    }
  });

  it('passes the checks an admin adapter must pass, safe patterns included', () => {
    for (const adapter of BUILTIN_ADAPTERS) {
      const parsed = adapterDefinitionSchema.safeParse(adapter);
      expect(parsed.error?.issues ?? [], adapter.id).toEqual([]);
    }
  });

  it('documents fixtures written without a real page', () => {
    for (const adapter of BUILTIN_ADAPTERS) {
      const spec = loadFixtureSpec(adapter.id);
      expect(spec.note, `${adapter.id}/expected.json note`).toBeTruthy();
    }
  });
});
