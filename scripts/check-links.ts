import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

// Every relative link in the repository's Markdown, and every docs page named in code or prose,
// must resolve inside the repository (issue #12): a link to ../shared/ or to a page nobody wrote
// is broken in any clone. External URLs are not fetched.

/**
 * Pages that other branches of issue #12 add and that this branch already links to. The
 * coordinator empties this list when those branches merge; the check fails once a listed page
 * exists, so the exception cannot outlive its reason.
 */
export const PENDING_LINK_TARGETS: readonly string[] = [];

/** Files whose text is scanned for docs page paths (code, scripts, configuration). */
const SOURCE_EXTENSIONS = new Set(['.ts', '.tsx', '.js', '.mjs', '.cjs', '.sh', '.json', '.yml']);
const SKIPPED_SOURCES = new Set(['package-lock.json']);
const EXTERNAL = /^[a-z][a-z0-9+.-]*:/i;
// A docs page named in a comment or in prose, relative to the repository root.
const DOCS_PATH = /(?<![\w./-])docs\/[\w./-]*?[\w-]\.md\b/g;

export type Reference = { target: string; line: number };
export type LinkProblem = { file: string; line: number; target: string; reason: string };

/** Blanks fenced code blocks and inline code (keeping line numbers): links there are examples. */
function withoutCode(markdown: string): string {
  return withoutFences(markdown).replace(/(`+)[^`]*?\1/g, (code) => code.replace(/[^\n]/g, ' '));
}

/** Blanks fenced code blocks, keeping line numbers. */
function withoutFences(markdown: string): string {
  let fence: string | null = null;
  return markdown
    .split('\n')
    .map((line) => {
      const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
      if (fence) {
        if (marker && marker[0] === fence[0] && marker.length >= fence.length) fence = null;
        return '';
      }
      if (marker) {
        fence = marker;
        return '';
      }
      return line;
    })
    .join('\n');
}

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * Inline links and images, reference definitions and HTML `href`/`src` outside code, and inline
 * code that names a file by a path starting with `./` or `../` (the README once cited
 * `../shared/…` that way: a reference, not an example).
 */
export function markdownLinks(markdown: string): Reference[] {
  const text = withoutCode(markdown);
  const patterns = [
    /!?\[(?:[^\]\\]|\\.)*\]\(\s*<?([^\s)>]+)>?(?:\s+"[^"]*")?\s*\)/g,
    /^[ \t]{0,3}\[[^\]]+\]:\s*<?([^\s>]+)>?/gm,
    /<(?:a|img)\b[^>]*?\s(?:href|src)="([^"]+)"/gi,
  ];
  const links: Reference[] = [];
  for (const pattern of patterns)
    for (const match of text.matchAll(pattern))
      links.push({ target: match[1]!, line: lineOf(text, match.index) });
  const prose = withoutFences(markdown);
  for (const match of prose.matchAll(/`(\.{1,2}\/[^`\s]+\.[A-Za-z]+)`/g))
    links.push({ target: match[1]!, line: lineOf(prose, match.index) });
  return links.sort((a, b) => a.line - b.line);
}

/** Docs pages named anywhere in a text, e.g. a comment citing where a rule is explained. */
export function docsPathMentions(text: string): Reference[] {
  return [...text.matchAll(DOCS_PATH)].map((match) => ({
    target: match[0],
    line: lineOf(text, match.index),
  }));
}

/** The anchors GitHub gives a page's headings (and explicit `<a id>`/`<a name>` anchors). */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fence: string | null = null;
  for (const line of markdown.split('\n')) {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length) fence = null;
      continue;
    }
    if (marker) {
      fence = marker;
      continue;
    }
    for (const explicit of line.matchAll(/<a\s[^>]*(?:id|name)="([^"]+)"/gi))
      anchors.add(explicit[1]!);
    const heading = /^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1];
    if (heading === undefined) continue;
    const slug = heading
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/<[^>]+>/g, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

function isMarkdown(file: string): boolean {
  return file.endsWith('.md');
}

function isSource(file: string): boolean {
  return SOURCE_EXTENSIONS.has(path.extname(file)) && !SKIPPED_SOURCES.has(path.basename(file));
}

/**
 * Checks the references in `files` (paths relative to `root`, as git lists them) against those
 * same files and their folders: a link to an untracked or ignored file would break in a clone.
 */
export function checkLinks(
  root: string,
  files: readonly string[],
  pending: readonly string[] = PENDING_LINK_TARGETS,
): { problems: LinkProblem[]; checked: number; pendingSeen: string[] } {
  const present = new Set(files.map((file) => path.posix.normalize(file)));
  const folders = new Set<string>(['.']);
  for (const file of present)
    for (let dir = path.posix.dirname(file); dir !== '.'; dir = path.posix.dirname(dir))
      folders.add(dir);
  const anchorCache = new Map<string, Set<string>>();
  const anchorsOf = (file: string) => {
    let anchors = anchorCache.get(file);
    if (!anchors) {
      anchors = headingAnchors(readFileSync(path.join(root, file), 'utf8'));
      anchorCache.set(file, anchors);
    }
    return anchors;
  };

  const problems: LinkProblem[] = [];
  const pendingSeen = new Set<string>();
  let checked = 0;
  /** Checks one reference and returns the repository path it points to. */
  const resolve = (file: string, reference: Reference, fromRoot: boolean): string => {
    checked++;
    const [pathPart = '', anchor] = reference.target.split('#', 2) as [string, string?];
    let decoded = pathPart;
    try {
      decoded = decodeURIComponent(pathPart);
    } catch {
      // A stray % is kept as written: the file lookup then reports it.
    }
    const target =
      decoded === ''
        ? file
        : path.posix
            .normalize(
              fromRoot || decoded.startsWith('/')
                ? decoded.replace(/^\//, '')
                : path.posix.join(path.posix.dirname(file), decoded),
            )
            .replace(/(.)\/$/, '$1');
    const report = (reason: string) => {
      problems.push({ file, line: reference.line, target: reference.target, reason });
      return target;
    };
    if (target.startsWith('../') || target === '..') return report('leaves the repository');
    if (pending.includes(target)) {
      pendingSeen.add(target);
      return target;
    }
    if (!present.has(target) && !folders.has(target))
      return report('no such file in the repository');
    if (anchor && isMarkdown(target) && !anchorsOf(target).has(anchor.toLowerCase()))
      report(`no heading with anchor #${anchor} in ${target}`);
    return target;
  };

  for (const file of present) {
    if (!isMarkdown(file) && !isSource(file)) continue;
    const text = readFileSync(path.join(root, file), 'utf8');
    const linked = new Set<string>();
    if (isMarkdown(file))
      for (const link of markdownLinks(text))
        if (!EXTERNAL.test(link.target)) linked.add(`${link.line}:${resolve(file, link, false)}`);
    // In Markdown, fenced blocks are examples; a page named in prose or inline code is cited
    // (once: a link's own target is not checked again as a mention).
    for (const mention of docsPathMentions(isMarkdown(file) ? withoutFences(text) : text))
      if (!linked.has(`${mention.line}:${mention.target}`)) resolve(file, mention, true);
  }
  for (const target of pending)
    if (present.has(target))
      problems.push({
        file: 'scripts/check-links.ts',
        line: 0,
        target,
        reason: `${target} exists now: remove it from PENDING_LINK_TARGETS`,
      });
  return { problems, checked, pendingSeen: [...pendingSeen].sort() };
}

/** Tracked files plus new ones not ignored, as they would be in a clone after commit. */
function repositoryFiles(root: string): string[] {
  const listed = execFileSync(
    'git',
    ['ls-files', '--cached', '--others', '--exclude-standard', '-z'],
    { cwd: root, encoding: 'utf8' },
  );
  return listed.split('\0').filter((file) => file !== '' && existsSync(path.join(root, file)));
}

function main() {
  const root = process.cwd();
  const { problems, checked, pendingSeen } = checkLinks(root, repositoryFiles(root));
  for (const problem of problems)
    console.error(`${problem.file}:${problem.line}: ${problem.target}: ${problem.reason}`);
  if (problems.length > 0) {
    console.error(`check-links: ${problems.length} broken of ${checked} references`);
    process.exit(1);
  }
  const waiting = pendingSeen.length > 0 ? `; pending merge: ${pendingSeen.join(', ')}` : '';
  console.log(`check-links: all ${checked} relative links and docs paths resolve${waiting}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href)
  main();
