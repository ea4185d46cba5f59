import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

// Issue #12: a store build ships only the product. Demo builds (`npm start`) know the demo apps,
// the demo collector and its public tokens; e2e builds answer `debug.*` requests. None of that
// may reach the files a store receives, and web-ext lint must find no `Function` constructor.

/** What may not appear in a store build, each with the reason a reader of the failure needs. */
export const STORE_BUILD_RULES = [
  { name: 'demo host', pattern: /127\.0\.0\.1:(?:5301|5302|5400)/g, why: 'demo/policy.ts' },
  { name: 'demo token', pattern: /tp_demo-[\w-]*/g, why: 'demo/policy.ts' },
  {
    name: 'debug message',
    pattern: /\bdebug\.[a-z]\w*/g,
    why: 'lib/messaging/debug-requests.ts (e2e builds only)',
  },
] as const;

export type BuiltFile = { path: string; text: string };
export type StoreBuildFinding = { file: string; rule: string; match: string; why: string };

/** Every rule's matches in the built files: an empty list means the build may go to a store. */
export function scanBuiltFiles(files: Iterable<BuiltFile>): StoreBuildFinding[] {
  const findings: StoreBuildFinding[] = [];
  for (const file of files) {
    for (const rule of STORE_BUILD_RULES) {
      for (const match of new Set(file.text.match(rule.pattern) ?? [])) {
        findings.push({ file: file.path, rule: rule.name, match, why: rule.why });
      }
    }
  }
  return findings;
}

type LintMessage = { code?: unknown; file?: unknown; line?: unknown; message?: unknown };

/** DANGEROUS_EVAL warnings (or errors) in a `web-ext lint --output json` report. */
export function dangerousEvalFindings(report: unknown, dir: string): StoreBuildFinding[] {
  const { warnings = [], errors = [] } = (report ?? {}) as {
    warnings?: LintMessage[];
    errors?: LintMessage[];
  };
  return [...warnings, ...errors]
    .filter((message) => message.code === 'DANGEROUS_EVAL')
    .map((message) => ({
      file: path.join(dir, String(message.file)),
      rule: 'DANGEROUS_EVAL',
      match: `line ${String(message.line)}: ${String(message.message)}`,
      why: 'zod must run jitless (lib/platform/zod-jitless.ts, scripts/zod-without-eval.ts)',
    }));
}

/** Files that can hold code or text (scripts, pages, styles, manifests, messages). */
const TEXT_FILE = /\.(?:js|mjs|cjs|html|css|json|map|txt)$/;

/** Every text file under `dir`, with its path. */
export function readBuiltFiles(dir: string): BuiltFile[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && TEXT_FILE.test(entry.name))
    .map((entry) => {
      const file = path.join(entry.parentPath, entry.name);
      return { path: file, text: readFileSync(file, 'utf8') };
    });
}

export function formatFinding(finding: StoreBuildFinding) {
  return `${finding.file}: ${finding.rule} "${finding.match}" (from ${finding.why})`;
}
