// Each boundary in eslint.config.js, proven: a planted violation inside the zone fails lint with the
// zone's reason, and the import the zone permits passes (issue #12). Planted code is linted under
// the path of a real file of the zone (lintText never writes it), so imports resolve as they would.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CONFIG_FILE = path.join(ROOT, 'eslint.config.js');

type ConfigModule = {
  BOUNDARY_MESSAGES: Record<
    'collector' | 'contract' | 'productSupport' | 'contentScript' | 'browserApi' | 'demoPolicy',
    string
  >;
  DEMO_POLICY_LOADER: string;
  strictConfig: Linter.Config[];
};

// Type-aware linting starts a TypeScript project service: slow on a shared 2-core machine.
const SLOW = 240_000;

let config: ConfigModule;
let eslint: ESLint;
let strictEslint: ESLint;

beforeAll(async () => {
  config = (await import(pathToFileURL(CONFIG_FILE).href)) as ConfigModule;
  eslint = new ESLint({ cwd: ROOT, overrideConfigFile: CONFIG_FILE });
  strictEslint = new ESLint({
    cwd: ROOT,
    overrideConfigFile: true,
    overrideConfig: config.strictConfig,
  });
});

/** The messages of the boundary rules for `code` linted as the file `file`. */
async function boundaryMessages(file: string, code: string, linter = eslint): Promise<string[]> {
  const [result] = await linter.lintText(code, { filePath: path.join(ROOT, file) });
  const fatal = result!.messages.filter((message) => message.fatal);
  expect(fatal, `${file} parses`).toEqual([]);
  return result!.messages
    .filter((message) =>
      [
        'import-x/no-restricted-paths',
        'no-restricted-imports',
        'no-restricted-globals',
        'no-restricted-syntax',
      ].includes(message.ruleId ?? ''),
    )
    .map((message) => message.message);
}

const use = (name: string) => `\nexport const used = ${name};\n`;

describe('lint zones', () => {
  it(
    'keeps the collector to contract/: lib/ or entrypoints/ imports fail, contract/ passes',
    async () => {
      const { collector } = config.BOUNDARY_MESSAGES;
      const fromLib = await boundaryMessages(
        'server/src/log.ts',
        "import { SETTINGS } from '../../lib/settings/definitions';" + use('SETTINGS'),
      );
      expect(fromLib).toEqual([expect.stringContaining(collector)]);
      const viaAlias = await boundaryMessages(
        'server/src/log.ts',
        "import { SETTINGS } from '@/lib/settings/definitions';" + use('SETTINGS'),
      );
      expect(viaAlias).toEqual([expect.stringContaining(collector)]);
      const fromEntrypoint = await boundaryMessages(
        'server/test/helpers.ts',
        "import background from '../../entrypoints/background';" + use('background'),
      );
      expect(fromEntrypoint).toEqual([expect.stringContaining(collector)]);
      const testFromDemo = await boundaryMessages(
        'server/test/helpers.ts',
        "import { DEMO_COLLECTOR } from '../../demo/policy';" + use('DEMO_COLLECTOR'),
      );
      expect(testFromDemo).toEqual([expect.stringContaining(collector)]);

      expect(
        await boundaryMessages(
          'server/src/log.ts',
          "import { ROLES } from '../../contract/api';" + use('ROLES'),
        ),
      ).toEqual([]);
      expect(
        await boundaryMessages(
          'server/test/helpers.ts',
          "import { replaySteps } from '../../tests/support/tracking/replay';" + use('replaySteps'),
        ),
      ).toEqual([]);
    },
    SLOW,
  );

  it(
    'keeps contract/ standalone: repository imports and packages other than zod fail (tests may use tests/support/)',
    async () => {
      const { contract } = config.BOUNDARY_MESSAGES;
      for (const planted of [
        "import { SIDEBAR_PAGE } from '../lib/constants';",
        "import { SIDEBAR_PAGE } from '@/lib/constants';",
        "import { DEMO_POLICY } from '../demo/policy';",
        "import { Dexie } from 'dexie';",
        "import { createHash } from 'node:crypto';",
      ]) {
        const messages = await boundaryMessages('contract/ids.ts', planted + use('0'));
        expect(messages, planted).toEqual([expect.stringContaining(contract)]);
      }
      expect(
        await boundaryMessages(
          'contract/ids.ts',
          "import { z } from 'zod';\nimport { ROLES } from './api';" + use('[z, ROLES]'),
        ),
      ).toEqual([]);
      const testFromLib = await boundaryMessages(
        'contract/uuidv7.test.ts',
        "import { SIDEBAR_PAGE } from '../lib/constants';" + use('SIDEBAR_PAGE'),
      );
      expect(testFromLib).toEqual([expect.stringContaining(contract)]);
      expect(
        await boundaryMessages(
          'contract/uuidv7.test.ts',
          "import { sampleEvents } from '../tests/support/sample-events';" + use('sampleEvents'),
        ),
      ).toEqual([]);
    },
    SLOW,
  );

  it(
    'keeps zod, Dexie and React out of the content script',
    async () => {
      const { contentScript } = config.BOUNDARY_MESSAGES;
      for (const planted of [
        "import { z } from 'zod';",
        "import { Dexie } from 'dexie';",
        "import { useState } from 'react';",
        "import { createRoot } from 'react-dom/client';",
      ]) {
        for (const file of ['lib/content/call-signal.ts', 'entrypoints/crm.content/index.ts']) {
          const messages = await boundaryMessages(file, planted + use('0'));
          expect(messages, `${planted} in ${file}`).toEqual([
            expect.stringContaining(contentScript),
          ]);
        }
      }
      expect(
        await boundaryMessages(
          'lib/content/call-signal.ts',
          "import { matchRecordUrl } from '../adapters/read-record';" + use('matchRecordUrl'),
        ),
      ).toEqual([]);
      expect(
        await boundaryMessages(
          'entrypoints/crm.content/index.ts',
          "import { browser } from 'wxt/browser';" + use('browser'),
        ),
      ).toEqual([]);
    },
    SLOW,
  );

  it(
    'lets only lib/platform/, entrypoints/ and the i18n adapter touch browser.*',
    async () => {
      const { browserApi } = config.BOUNDARY_MESSAGES;
      for (const file of [
        'lib/tracking/reducer.ts',
        'lib/background/tab-state.ts',
        'lib/content/call-signal.ts',
        'components/CopyButton.tsx',
        'contract/ids.ts',
      ]) {
        const imported = await boundaryMessages(
          file,
          "import { browser } from 'wxt/browser';" + use('browser.runtime.id'),
        );
        expect(imported, `wxt/browser in ${file}`).toEqual([
          expect.stringMatching(new RegExp(`${escape(browserApi)}|contract/ is the wire`)),
        ]);
        for (const global of ['chrome', 'browser']) {
          const messages = await boundaryMessages(file, use(`${global}.runtime.id`));
          expect(messages, `${global} global in ${file}`).toEqual([
            expect.stringContaining(browserApi),
          ]);
        }
      }
      for (const file of [
        'lib/platform/background/custom-hosts.ts',
        'lib/i18n/browser-i18n.ts',
        'entrypoints/background.ts',
      ]) {
        const messages = await boundaryMessages(
          file,
          "import { browser } from 'wxt/browser';" + use('[browser.runtime.id, chrome.runtime.id]'),
        );
        expect(messages, file).toEqual([]);
      }
    },
    SLOW,
  );

  it(
    'keeps tests/, scripts/ and demo/ out of product code, but not out of its tests',
    async () => {
      const { productSupport } = config.BOUNDARY_MESSAGES;
      for (const [file, planted] of [
        [
          'lib/tracking/reducer.ts',
          "import { replaySteps } from '../../tests/support/tracking/replay';",
        ],
        ['components/CopyButton.tsx', "import { DEMO_POLICY } from '../demo/policy';"],
        ['server/src/log.ts', "import { median } from '../../scripts/bench/stats';"],
        ['entrypoints/popup/main.tsx', "import { DEMO_ORIGINS } from '../../demo/policy';"],
        [
          'lib/platform/background/custom-hosts.ts',
          "const policy = () => import('../../../demo/policy');",
        ],
      ] as const) {
        const messages = await boundaryMessages(file, planted + use('0'));
        expect(messages, `${planted} in ${file}`).toEqual([
          expect.stringContaining(productSupport),
        ]);
      }
      expect(
        await boundaryMessages(
          'lib/tracking/reducer.test.ts',
          "import { replaySteps } from '../../tests/support/tracking/replay';" + use('replaySteps'),
        ),
      ).toEqual([]);
    },
    SLOW,
  );

  it(
    'lets the demo policy in only through its loader’s dynamic import',
    async () => {
      const { demoPolicy } = config.BOUNDARY_MESSAGES;
      const loader = config.DEMO_POLICY_LOADER;
      const staticImport = await boundaryMessages(
        loader,
        "import { DEMO_POLICY } from '../../../demo/policy';" + use('DEMO_POLICY'),
        strictEslint,
      );
      expect(staticImport).toEqual([expect.stringContaining(demoPolicy)]);
      const dynamicImport = await boundaryMessages(
        loader,
        "export const loadDemoPolicy = async () => (await import('../../../demo/policy')).DEMO_POLICY;",
        strictEslint,
      );
      expect(dynamicImport).toEqual([]);
      const otherDemoModule = await boundaryMessages(
        loader,
        "export const load = () => import('../../../demo/data');",
        strictEslint,
      );
      expect(otherDemoModule).toEqual([
        expect.stringContaining(config.BOUNDARY_MESSAGES.productSupport),
      ]);
    },
    SLOW,
  );
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
