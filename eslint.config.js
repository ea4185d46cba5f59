// Boundaries the tree must keep (issue #12), each enforced below with the reason in its message:
// - The collector (server/) sees the extension only through contract/, the wire contract both
//   sides compile against; anything else it imported would tie its releases to the extension's.
// - contract/ stands alone (zod, css-what to check adapters' selectors where there is no DOM, and
//   ret to read their regular expressions: parsers without side effects), so either side can
//   depend on it without pulling the other.
// - The content script runs in every CRM tab: lib/content/ and entrypoints/crm.content/ stay
//   small, without zod, Dexie or React (validation and storage happen in the background).
// - Only lib/platform/, entrypoints/ and lib/i18n/browser-i18n.ts touch browser.* (wxt/browser or
//   the browser/chrome globals): the rest of lib/ stays pure and testable in Node.
// - Product code (lib/, components/, contract/, server/src/, entrypoints/) never imports tests/,
//   scripts/ or demo/: what the store build ships must not depend on support code. The demo
//   policy reaches the extension only through one build-mode dynamic import (DEMO_POLICY_LOADER).
// No exceptions.
// tests/unit/lint-zones.test.ts plants a violation of each rule; tests/unit/conventions.test.ts
// checks the other direction (no product module that only tests, scripts or the demo import).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import globals from 'globals';

const ROOT = import.meta.dirname;
const TEST_FILES = ['**/*.test.ts', '**/*.test.tsx'];
// Non-test modules of a folder (no-restricted-paths targets take globs, not ignore lists).
const modulesOf = (folder) => `${folder}/**/!(*.test).@(ts|tsx)`;

/** Why each boundary exists: the text every violation of it reports. */
export const BOUNDARY_MESSAGES = {
  collector:
    'The collector (server/) sees the extension only through contract/: move what both sides need there.',
  contract:
    'contract/ is the wire contract both sides compile against: it imports nothing from the repository outside contract/ (and no package but zod, css-what and ret).',
  productSupport:
    'Product code (lib/, components/, contract/, server/src/, entrypoints/) never imports tests/, scripts/ or demo/: what ships must not depend on test, bench or demo code.',
  contentScript:
    'The content script runs in every CRM tab and must stay small: no zod, Dexie or React in lib/content/ or entrypoints/crm.content/ (validate and store in the background).',
  browserApi:
    'Only lib/platform/, entrypoints/ and lib/i18n/browser-i18n.ts touch browser.*: keep lib/ pure and pass the capability in from the platform layer.',
  demoPolicy:
    'The demo policy stays out of store builds: load demo/policy.ts only through the build-mode dynamic import (`await import(...)` behind the demo mode check).',
};

/**
 * The one module allowed to load demo/policy.ts, and only with a dynamic import behind the build
 * mode (issue #12, "a clean store build"). If the loader moves, move this path with it.
 */
export const DEMO_POLICY_LOADER = 'lib/platform/background/storage-areas.ts';

// contract/ has its own, stricter zone. Entrypoints ship as well, so they are held to the same rule.
const productModules = ['lib', 'components', 'server/src', 'entrypoints'].map(modulesOf);
const supportZones = (demoExcept = []) => [
  {
    target: productModules,
    from: ['tests', 'scripts'],
    message: BOUNDARY_MESSAGES.productSupport,
  },
  {
    target: productModules,
    from: 'demo',
    except: demoExcept,
    message: BOUNDARY_MESSAGES.productSupport,
  },
];

const zones = (demoExcept) => [
  {
    target: 'server',
    from: ['lib', 'components', 'entrypoints'],
    message: BOUNDARY_MESSAGES.collector,
  },
  // server/src is covered by the support zones. Its tests may use tests/support/ and the demo's
  // collector seeding (demo team, demo data), never the extension's demo policy or scripts.
  {
    target: 'server/test',
    from: ['demo/policy.ts', 'scripts'],
    message: BOUNDARY_MESSAGES.collector,
  },
  {
    target: 'server/test',
    from: 'tests',
    except: ['./support'],
    message: BOUNDARY_MESSAGES.collector,
  },
  {
    target: modulesOf('contract'),
    from: '**',
    except: [`${ROOT}/contract/**`, `${ROOT}/node_modules/**`],
    message: BOUNDARY_MESSAGES.contract,
  },
  // Its tests may share sample data from tests/support/ (nothing that ships imports a test).
  {
    target: 'contract/**/*.test.ts',
    from: '**',
    except: [`${ROOT}/contract/**`, `${ROOT}/node_modules/**`, `${ROOT}/tests/support/**`],
    message: BOUNDARY_MESSAGES.contract,
  },
  ...supportZones(demoExcept),
];

const contentScriptPackages = ['zod', 'dexie', 'dexie-react-hooks', 'react', 'react-dom'];
const contentScriptImports = {
  paths: contentScriptPackages.map((name) => ({ name, message: BOUNDARY_MESSAGES.contentScript })),
  patterns: [
    {
      regex: `^(?:${contentScriptPackages.join('|')})/`,
      message: BOUNDARY_MESSAGES.contentScript,
    },
  ],
};
const browserApiImport = { name: 'wxt/browser', message: BOUNDARY_MESSAGES.browserApi };
const browserGlobals = ['browser', 'chrome'].map((name) => ({
  name,
  message: BOUNDARY_MESSAGES.browserApi,
}));
// The service worker has no window: keep DOM globals out of background code (Bitwarden's rule).
const domGlobals = ['window', 'document', 'localStorage', 'sessionStorage'];
// Where the browser API is off limits (tests drive WXT's fake browser and are exempt).
const pureFolders = ['lib/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}', 'contract/**/*.{ts,tsx}'];
const browserApiFolders = ['lib/platform/**', 'lib/i18n/browser-i18n.ts'];

/** The whole configuration; tests/unit/lint-zones.test.ts lints planted violations with it. */
export const strictConfig = tseslint.config(
  {
    ignores: [
      '.output/**',
      '.wxt/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'server/dist/**',
      // Throwaway measurement probes, never committed (.gitignore).
      '.probe/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: ROOT },
      globals: { ...globals.browser, ...globals.node },
    },
    plugins: { 'react-hooks': reactHooks, 'import-x': importX },
    settings: {
      'import-x/resolver-next': [
        createTypeScriptImportResolver({ project: `${ROOT}/tsconfig.json` }),
      ],
    },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      'import-x/no-restricted-paths': ['error', { basePath: ROOT, zones: zones() }],
    },
  },
  {
    // The demo policy's one loader: a dynamic import passes the zone, a static one does not.
    files: [DEMO_POLICY_LOADER],
    rules: {
      'import-x/no-restricted-paths': ['error', { basePath: ROOT, zones: zones(['./policy.ts']) }],
      'no-restricted-syntax': [
        'error',
        {
          selector:
            ':matches(ImportDeclaration, ExportNamedDeclaration, ExportAllDeclaration)[importKind!="type"][exportKind!="type"][source.value=/(^|\\/)demo\\/policy(\\.ts)?$/]',
          message: BOUNDARY_MESSAGES.demoPolicy,
        },
      ],
    },
  },
  {
    files: pureFolders,
    ignores: [...browserApiFolders, ...TEST_FILES],
    rules: {
      'no-restricted-imports': ['error', { paths: [browserApiImport] }],
      'no-restricted-globals': ['error', ...browserGlobals],
    },
  },
  {
    files: ['lib/content/**/*.{ts,tsx}'],
    ignores: TEST_FILES,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...contentScriptImports.paths, browserApiImport],
          patterns: contentScriptImports.patterns,
        },
      ],
    },
  },
  {
    files: ['entrypoints/crm.content/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', contentScriptImports] },
  },
  {
    // zod, css-what and ret only; relative and alias imports are the contract zone's business.
    files: ['contract/**/*.ts'],
    ignores: TEST_FILES,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!zod(?:/|$)|css-what$|ret$|\\.{1,2}/|[@~]{1,2}/)',
              message: BOUNDARY_MESSAGES.contract,
            },
          ],
        },
      ],
    },
  },
  {
    files: ['entrypoints/background.ts', 'lib/background/**/*.ts'],
    rules: { 'no-restricted-globals': ['error', ...domGlobals] },
  },
  {
    files: ['lib/background/**/*.ts'],
    ignores: TEST_FILES,
    rules: { 'no-restricted-globals': ['error', ...domGlobals, ...browserGlobals] },
  },
  {
    // Playwright fixtures call `use()`, which is not React's hook.
    files: ['tests/e2e/**/*.ts'],
    rules: { 'react-hooks/rules-of-hooks': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);

export default strictConfig;
