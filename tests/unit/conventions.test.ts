// Conventions asserted, not hoped for (refined-github's build/features.test.ts; issue #12). The
// adapter conventions (every folder registered, with selectors, a test and fixtures) are asserted
// by lib/adapters/registry.test.ts.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildImportGraph,
  findBundledPackages,
  findSupportOnlyModules,
  isTestFile,
  readSourceFiles,
  WALKED_ENTRIES,
} from '../support/import-graph';

const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * Support modules still under server/src on this branch because another branch moves them: each
 * entry must name that branch, and goes when it merges (the last test fails on a stale entry).
 */

const CONTENT_SCRIPT = 'entrypoints/crm.content/index.ts';
// The content script runs in every CRM tab: its bundle stays small (eslint.config.js has the
// direct-import rule; this follows every import the bundle keeps).
const HEAVY_PACKAGES = /^(?:zod|dexie|dexie-react-hooks|react|react-dom)(?:\/|$)/;

const tree = (files: Record<string, string>) => new Map(Object.entries(files));

describe('the import-graph walker', () => {
  it('flags a product module that only a test imports, and names the test', () => {
    const files = tree({
      'entrypoints/popup/main.tsx': "import { total } from '@/lib/sum';",
      'lib/sum.ts': 'export const total = 1;',
      'lib/sum-fixture.ts': 'export const rows = [];',
      'lib/sum.test.ts': "import { rows } from './sum-fixture';\nimport { total } from './sum';",
    });
    expect(findSupportOnlyModules(files)).toEqual([
      { file: 'lib/sum-fixture.ts', importers: ['lib/sum.test.ts'] },
    ]);
  });

  it('does not count a module the product reaches only through demo or script code', () => {
    const files = tree({
      'wxt.config.ts': "import { POLICY } from './demo/policy';",
      'demo/policy.ts': "import { HOSTS } from '../contract/demo-hosts';",
      'contract/demo-hosts.ts': 'export const HOSTS = [];',
      'scripts/seed.ts': "import { rows } from '../server/src/seed-rows';",
      'server/src/seed-rows.ts': 'export const rows = [];',
      'server/src/cli.ts': "export const cli = 'cli';",
    });
    expect(findSupportOnlyModules(files).map((module) => module.file)).toEqual([
      'contract/demo-hosts.ts',
      'server/src/seed-rows.ts',
    ]);
  });

  it('follows relative, alias, index, dynamic, re-export and type-only imports', () => {
    const files = tree({
      'entrypoints/background.ts': [
        "import type { Config } from '../lib/config';",
        "export { helper } from '~/lib/helper';",
        "import '@/lib/setup';",
        "const lazy = () => import('../components/report');",
      ].join('\n'),
      'lib/config.ts': 'export type Config = {};',
      'lib/helper.ts': 'export const helper = 1;',
      'lib/setup/index.ts': "import { x } from '../../contract/x.ts';",
      'contract/x.ts': 'export const x = 1;',
      'components/report.tsx': 'export default 1;',
      'components/unused.tsx': "import { x } from 'react';",
    });
    expect(findSupportOnlyModules(files)).toEqual([
      { file: 'components/unused.tsx', importers: [] },
    ]);
    expect(buildImportGraph(files).get('entrypoints/background.ts')?.sort()).toEqual([
      'components/report.tsx',
      'lib/config.ts',
      'lib/helper.ts',
      'lib/setup/index.ts',
    ]);
  });
});

describe('the bundled-package finder', () => {
  it('follows value imports through modules and ignores type-only ones', () => {
    const files = tree({
      'entrypoints/crm.content/index.ts': "import { watch } from '../../lib/content/watch';",
      'lib/content/watch.ts': [
        "import type { z } from 'zod';",
        "import { type Table } from 'dexie';",
        "export type { Root } from 'react-dom/client';",
        "import { parse } from '../messaging/parse';",
      ].join('\n'),
      'lib/messaging/parse.ts': "import { z } from 'zod';\nimport { useState } from 'react';",
      'lib/unreached.ts': "import { Dexie } from 'dexie';",
    });
    expect(findBundledPackages(files, CONTENT_SCRIPT, HEAVY_PACKAGES)).toEqual([
      { file: 'lib/messaging/parse.ts', specifier: 'zod' },
      { file: 'lib/messaging/parse.ts', specifier: 'react' },
    ]);
  });
});

describe('repository conventions', () => {
  const files = readSourceFiles(ROOT, WALKED_ENTRIES);

  it('keeps test, bench and demo support out of lib/, components/, contract/ and server/src/', () => {
    expect(files.size, 'the walk found the source tree').toBeGreaterThan(300);
    const offenders = findSupportOnlyModules(files).map(
      ({ file, importers }) =>
        `${file} is reached by no product entry point; imported only by ${importers.join(', ') || 'nothing'}: ` +
        'move it to tests/support/, scripts/ or demo/ (or delete it)',
    );
    expect(offenders).toEqual([]);
  });

  it('keeps zod, Dexie and React out of everything the content script bundles', () => {
    expect(files.has(CONTENT_SCRIPT), CONTENT_SCRIPT).toBe(true);
    const bundled = findBundledPackages(files, CONTENT_SCRIPT, HEAVY_PACKAGES).map(
      ({ file, specifier }) => `${file} imports ${specifier}, and the content script bundles it`,
    );
    expect(bundled).toEqual([]);
  });

  it('has no focused or skipped tests', () => {
    const focused = [...files]
      .filter(([file]) => isTestFile(file) || file.startsWith('tests/e2e/'))
      .filter(([, text]) => /\b(?:it|test|describe)\.(?:only|skip)\s*\(/.test(text))
      .map(([file]) => file);
    expect(focused).toEqual([]);
  });

  it('names every .ts module in kebab-case', () => {
    const misnamed = [...files.keys()]
      .filter((file) => file.endsWith('.ts'))
      .filter(
        (file) => !/^[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z]+)*\.ts$/.test(path.posix.basename(file)),
      );
    expect(misnamed).toEqual([]);
  });
});
