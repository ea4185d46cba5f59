import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Issue #4: every user-facing string comes from `t(...)`. This walks the UI's source with the
// TypeScript parser and fails on text that looks like words but does not: JSX text, user-facing
// attributes (aria-label, title, …), literals a JSX expression renders, and sentence-like string
// constants anywhere in those files. Technical strings (class names, test ids, message keys) pass.

const ROOT = path.resolve(import.meta.dirname, '../..');
const SCANNED = [
  { dir: 'components', pattern: /\.tsx?$/ },
  { dir: 'entrypoints', pattern: /\.tsx$/ },
];

/** Attributes whose value a person reads or hears. */
const USER_FACING_ATTRIBUTES = new Set([
  'aria-label',
  'aria-description',
  'aria-placeholder',
  'aria-roledescription',
  'aria-valuetext',
  'alt',
  'label',
  'placeholder',
  'title',
]);

/** Calls whose string arguments are message keys, not text. */
const TRANSLATING_CALLS = new Set(['t', 'tPlural', 'localizeDocument']);

/** Exact texts that look like words but are not for translation, each with its reason. */
const ALLOWED = new Map<string, string>([]);

const WORDS = /\p{L}{2,}/u;
const SENTENCE = /\p{L}{2,}\s+\p{L}{2,}/u;

type Finding = { line: number; text: string; rule: string };

/** Untranslated-looking strings in one TSX/TS source. Exported for its own tests below. */
function findUntranslated(fileName: string, source: string): Finding[] {
  const file = ts.createSourceFile(
    fileName,
    source,
    ts.ScriptTarget.Latest,
    true,
    ts.ScriptKind.TSX,
  );
  const findings: Finding[] = [];
  const reported = new Set<ts.Node>();

  const report = (node: ts.Node, text: string, rule: string) => {
    if (reported.has(node) || ALLOWED.has(text.trim())) return;
    reported.add(node);
    const { line } = file.getLineAndCharacterOfPosition(node.getStart(file));
    findings.push({ line: line + 1, text: text.trim(), rule });
  };

  const literalText = (node: ts.Node): string | undefined => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
    if (ts.isTemplateExpression(node))
      return [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' ');
    return undefined;
  };

  /** Literals that end up rendered when `expression` is rendered (not those it compares or calls with). */
  const renderedLiterals = (expression: ts.Expression): ts.Expression[] => {
    if (literalText(expression) !== undefined) return [expression];
    if (ts.isParenthesizedExpression(expression) || ts.isAsExpression(expression))
      return renderedLiterals(expression.expression);
    if (ts.isConditionalExpression(expression))
      return [...renderedLiterals(expression.whenTrue), ...renderedLiterals(expression.whenFalse)];
    if (ts.isBinaryExpression(expression)) {
      const operator = expression.operatorToken.kind;
      if (operator === ts.SyntaxKind.AmpersandAmpersandToken)
        return renderedLiterals(expression.right);
      if (
        operator === ts.SyntaxKind.BarBarToken ||
        operator === ts.SyntaxKind.QuestionQuestionToken ||
        operator === ts.SyntaxKind.PlusToken
      )
        return [...renderedLiterals(expression.left), ...renderedLiterals(expression.right)];
    }
    return [];
  };

  const checkRendered = (expression: ts.Expression | undefined, rule: string) => {
    for (const literal of expression ? renderedLiterals(expression) : []) {
      const text = literalText(literal)!;
      if (WORDS.test(text)) report(literal, text, rule);
    }
  };

  const isKeyArgument = (node: ts.Node) => {
    const call = node.parent;
    return (
      call &&
      ts.isCallExpression(call) &&
      call.arguments.includes(node as ts.Expression) &&
      TRANSLATING_CALLS.has(call.expression.getText(file))
    );
  };

  const attributeName = (node: ts.Node): string | undefined => {
    for (let at: ts.Node | undefined = node.parent; at; at = at.parent) {
      if (ts.isJsxAttribute(at)) return at.name.getText(file);
      if (ts.isJsxElement(at) || ts.isJsxSelfClosingElement(at)) return undefined;
    }
    return undefined;
  };

  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
    if (ts.isJsxText(node) && WORDS.test(node.text)) report(node, node.text, 'JSX text');
    if (ts.isJsxAttribute(node) && USER_FACING_ATTRIBUTES.has(node.name.getText(file))) {
      const value = node.initializer;
      if (value && ts.isStringLiteral(value) && WORDS.test(value.text))
        report(value, value.text, `${node.name.getText(file)} attribute`);
      if (value && ts.isJsxExpression(value))
        checkRendered(value.expression, `${node.name.getText(file)} attribute`);
    }
    if (ts.isJsxExpression(node) && node.parent && !ts.isJsxAttribute(node.parent))
      checkRendered(node.expression, 'rendered literal');
    const text = literalText(node);
    if (text !== undefined && SENTENCE.test(text) && !isKeyArgument(node)) {
      const attribute = attributeName(node);
      if (attribute === undefined || USER_FACING_ATTRIBUTES.has(attribute))
        report(node, text, 'sentence-like string');
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return findings;
}

function scannedFiles() {
  return SCANNED.flatMap(({ dir, pattern }) =>
    readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
      .filter((file) => pattern.test(file) && !/\.test\.tsx?$/.test(file))
      .map((file) => path.join(dir, file)),
  );
}

describe('user-facing strings', () => {
  it('scans the UI sources', () => {
    expect(scannedFiles()).toEqual(
      expect.arrayContaining([
        path.join('components', 'Sidebar.tsx'),
        path.join('entrypoints', 'popup', 'PopupApp.tsx'),
      ]),
    );
  });

  it.each(scannedFiles())('%s has none outside t(...)', (file) => {
    const findings = findUntranslated(file, readFileSync(path.join(ROOT, file), 'utf8'));
    expect(findings.map((f) => `${file}:${f.line} ${f.rule}: "${f.text}"`)).toEqual([]);
  });
});

describe('findUntranslated', () => {
  const texts = (source: string) => findUntranslated('sample.tsx', source).map((f) => f.text);

  it('finds JSX text, user-facing attributes, rendered literals and sentence constants', () => {
    const source = `
      const WORDS = { idle: 'no activity' };
      export const A = ({ on, name }) => (
        <section aria-label="Seen in" title={'Hide'}>
          <h1>Hello there</h1>
          <button label={on ? 'Pause' : t('resume')}>{on ? 'Copied' : t('copy')}</button>
          <p>{name ?? 'Unknown customer'}</p>
          <p>{\`Find in \${name}\`}</p>
        </section>
      );`;
    expect(texts(source).sort()).toEqual(
      [
        'Copied',
        'Find in',
        'Hello there',
        'Hide',
        'Pause',
        'Seen in',
        'Unknown customer',
        'no activity',
      ].sort(),
    );
  });

  it('lets technical strings and translated text pass', () => {
    const source = `
      import { t } from '@/lib/i18n';
      export const B = ({ items, current }) => (
        <ul className="seen-in muted" data-testid="switches" aria-labelledby="what-recorded">
          <h2 id="policy-problems">{t('policyProblems')}</h2>
          {items.filter((s) => s.type === 'switch').map((s) => <li key={s.id}>{s.at} · {s.to} →</li>)}
          {current.subject ? \` · \${current.subject}\` : ''}
          {current.kind === 'gap' && <p title={t('hideSidebar')}>›</p>}
        </ul>
      );`;
    expect(texts(source)).toEqual([]);
  });
});
