/**
 * A small import-graph walker for the conventions test (issue #12): which modules the product can
 * reach from its entry points, and who imports the rest. Static, dynamic and re-export imports
 * count, type-only ones too (a type the product compiles against is product code).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** Repo-relative, '/'-separated paths of the TypeScript files in the walk. */
export type SourceFiles = ReadonlyMap<string, string>;

const SKIPPED_DIRS = new Set([
  'node_modules',
  '.output',
  '.wxt',
  '.git',
  'fixtures',
  '.data',
  'dist',
]);
const EXTENSIONS = ['.ts', '.tsx'];
// WXT's aliases (.wxt/tsconfig.json): '@/x', '~/x', '@@/x' and '~~/x' all mean the repo root.
const ROOT_ALIAS = /^(?:@@|~~|@|~)\//;

/** Reads every .ts/.tsx file under the given repo-relative folders and root-level files. */
export function readSourceFiles(rootDir: string, entries: readonly string[]): Map<string, string> {
  const files = new Map<string, string>();
  const visit = (relative: string) => {
    const absolute = path.join(rootDir, relative);
    let children;
    try {
      children = readdirSync(absolute, { withFileTypes: true });
    } catch {
      if (EXTENSIONS.some((extension) => relative.endsWith(extension))) {
        files.set(relative, readFileSync(absolute, 'utf8'));
      }
      return;
    }
    for (const child of children) {
      if (child.isDirectory() && SKIPPED_DIRS.has(child.name)) continue;
      visit(path.posix.join(relative, child.name));
    }
  };
  entries.forEach(visit);
  return files;
}

/** Resolves a relative or root-alias specifier to a file in the walk; bare packages give undefined. */
export function resolveSpecifier(
  fromFile: string,
  specifier: string,
  files: SourceFiles,
): string | undefined {
  const bare = specifier.replace(/\?.*$/, '');
  let base: string;
  if (bare.startsWith('./') || bare.startsWith('../')) {
    base = path.posix.join(path.posix.dirname(fromFile), bare);
  } else if (ROOT_ALIAS.test(bare)) {
    base = path.posix.normalize(bare.replace(ROOT_ALIAS, ''));
  } else {
    return undefined;
  }
  const candidates = [
    base,
    base.replace(/\.js$/, '.ts'),
    ...EXTENSIONS.map((extension) => base + extension),
    ...EXTENSIONS.map((extension) => `${base}/index${extension}`),
  ];
  return candidates.find((candidate) => files.has(candidate));
}

/** Every specifier a module imports: static, dynamic and re-exports, type-only ones included. */
export function importSpecifiers(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((imported) => imported.fileName);
}

/**
 * The specifiers a module imports for their values: what a bundler keeps. `import type`, imports
 * whose every name is `type`, and `export type … from` are left out.
 */
export function valueImportSpecifiers(text: string): string[] {
  const source = ts.createSourceFile('module.tsx', text, ts.ScriptTarget.Latest, false);
  const specifiers: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const bindings = clause?.namedBindings;
      const typeOnly =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (clause.name === undefined &&
            bindings !== undefined &&
            ts.isNamedImports(bindings) &&
            bindings.elements.length > 0 &&
            bindings.elements.every((element) => element.isTypeOnly)));
      if (!typeOnly) specifiers.push(node.moduleSpecifier.text);
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier !== undefined &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      if (!node.isTypeOnly) specifiers.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] !== undefined &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      specifiers.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return specifiers;
}

/** Every file each file imports (resolved within the walk; packages and assets left out). */
export function buildImportGraph(
  files: SourceFiles,
  specifiersOf: (text: string) => string[] = importSpecifiers,
): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const [file, text] of files) {
    const targets = specifiersOf(text)
      .map((specifier) => resolveSpecifier(file, specifier, files))
      .filter((target): target is string => target !== undefined);
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/**
 * The files reachable from `roots`, never walking through a file `isSupport` accepts: a module the
 * product reaches only through test, script or demo code is not product code.
 */
export function reachableFrom(
  graph: ReadonlyMap<string, readonly string[]>,
  roots: readonly string[],
  isSupport: (file: string) => boolean,
): Set<string> {
  const reached = new Set<string>();
  const pending = roots.filter((root) => graph.has(root));
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (reached.has(file) || isSupport(file)) continue;
    reached.add(file);
    pending.push(...(graph.get(file) ?? []));
  }
  return reached;
}

/** Who imports each file: the reverse of the graph. */
export function importersOf(graph: ReadonlyMap<string, readonly string[]>): Map<string, string[]> {
  const importers = new Map<string, string[]>();
  for (const [file, targets] of graph) {
    for (const target of targets) {
      importers.set(target, [...(importers.get(target) ?? []), file]);
    }
  }
  return importers;
}

/** Folders whose modules must be product code (HOUSE-STYLE.md "Layout"; issue #12). */
export const PRODUCT_FOLDERS = ['lib/', 'components/', 'contract/', 'server/src/'] as const;

/** Folders walked for the conventions test: the product, and everything that may import it. */
export const WALKED_ENTRIES = [
  'lib',
  'components',
  'contract',
  'entrypoints',
  'server',
  'tests',
  'scripts',
  'demo',
  'wxt.config.ts',
  'vitest.config.ts',
  'playwright.config.ts',
] as const;

/** Where the shipped product starts: the extension's entrypoints and build config, the collector. */
export function isProductRoot(file: string): boolean {
  if (isTestFile(file)) return false;
  return (
    file.startsWith('entrypoints/') ||
    file === 'wxt.config.ts' ||
    file === 'server/src/index.ts' ||
    file === 'server/src/cli.ts'
  );
}

export function isTestFile(file: string): boolean {
  return /\.test\.tsx?$/.test(file);
}

/** Test, script and demo code: the product never reaches a module through one of these. */
export function isSupportFile(file: string): boolean {
  return isTestFile(file) || /^(?:tests|scripts|demo|server\/test)\//.test(file);
}

export type SupportOnlyModule = { file: string; importers: string[] };

/**
 * Modules in product folders that no product root reaches: imported only by tests, scripts or the
 * demo (or by nothing). Each belongs in tests/support/, scripts/ or demo/ instead.
 */
export function findSupportOnlyModules(files: SourceFiles): SupportOnlyModule[] {
  const graph = buildImportGraph(files);
  const reached = reachableFrom(graph, [...files.keys()].filter(isProductRoot), isSupportFile);
  const importers = importersOf(graph);
  return [...files.keys()]
    .filter((file) => PRODUCT_FOLDERS.some((folder) => file.startsWith(folder)))
    .filter((file) => !isTestFile(file) && !reached.has(file))
    .sort()
    .map((file) => ({ file, importers: (importers.get(file) ?? []).sort() }));
}

/**
 * Packages matching `packages` that `entry` bundles: value imports of every module it reaches,
 * through any number of steps. Each finding names the module and the package it imports.
 */
export function findBundledPackages(
  files: SourceFiles,
  entry: string,
  packages: RegExp,
): { file: string; specifier: string }[] {
  const findings: { file: string; specifier: string }[] = [];
  const reached = new Set<string>();
  const pending = files.has(entry) ? [entry] : [];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (reached.has(file)) continue;
    reached.add(file);
    for (const specifier of valueImportSpecifiers(files.get(file)!)) {
      if (packages.test(specifier)) findings.push({ file, specifier });
      const target = resolveSpecifier(file, specifier, files);
      if (target !== undefined) pending.push(target);
    }
  }
  return findings.sort((a, b) => a.file.localeCompare(b.file));
}
