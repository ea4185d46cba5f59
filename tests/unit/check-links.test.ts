import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkLinks, headingAnchors } from '../../scripts/check-links';

// Docs paths below are assembled from parts so that this file itself names no missing page:
// the link check scans test sources too.
const DOCS = 'docs';

let root = '';

/** Writes a small repository and returns its file list, as git would list it. */
function plant(files: Record<string, string>): string[] {
  root = mkdtempSync(path.join(tmpdir(), 'check-links-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return Object.keys(files);
}

afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = '';
});

const GUIDE = `# Guide\n\n## Where settings come from\n\nText.\n`;

describe('check-links', () => {
  it('passes a repository whose links, anchors and cited pages all exist', () => {
    const files = plant({
      'README.md': `See [the guide](${DOCS}/guide.md#where-settings-come-from), ![shot](${DOCS}/shot.png), [top](#readme) and [code](lib/).\n\n# Readme\n`,
      [`${DOCS}/guide.md`]: `${GUIDE}Back to [the README](../README.md).\n`,
      [`${DOCS}/shot.png`]: 'png',
      'lib/a.ts': `// Why: ${DOCS}/guide.md "Where settings come from".\nexport const a = 1;\n`,
    });
    expect(checkLinks(root, files, []).problems).toEqual([]);
  });

  it('fails a planted broken link, naming the file, line and target', () => {
    const files = plant({
      'README.md': `# Readme\n\nRead [the missing page](${DOCS}/missing.md).\n`,
    });
    expect(checkLinks(root, files, []).problems).toEqual([
      {
        file: 'README.md',
        line: 3,
        target: `${DOCS}/missing.md`,
        reason: 'no such file in the repository',
      },
    ]);
  });

  it('fails links that leave the repository, also when written as inline code', () => {
    const files = plant({
      [`${DOCS}/a.md`]: `# A\n\n[brief](../../shared/PRODUCT.md) and \`../../shared/HOUSE-STYLE.md\`.\n`,
    });
    expect(checkLinks(root, files, []).problems.map((p) => [p.line, p.reason])).toEqual([
      [3, 'leaves the repository'],
      [3, 'leaves the repository'],
    ]);
  });

  it('fails an anchor that no heading of the target page has', () => {
    const files = plant({
      'README.md': `[settings](${DOCS}/guide.md#settings-reference) [here](#nowhere)\n`,
      [`${DOCS}/guide.md`]: GUIDE,
    });
    expect(checkLinks(root, files, []).problems.map((p) => p.reason)).toEqual([
      `no heading with anchor #settings-reference in ${DOCS}/guide.md`,
      'no heading with anchor #nowhere in README.md',
    ]);
  });

  it('fails a docs page cited in a source comment that does not exist', () => {
    const files = plant({
      'wxt.config.ts': `// See ${DOCS}/permissions.md for why.\nexport default {};\n`,
    });
    expect(checkLinks(root, files, []).problems).toEqual([
      {
        file: 'wxt.config.ts',
        line: 1,
        target: `${DOCS}/permissions.md`,
        reason: 'no such file in the repository',
      },
    ]);
  });

  it('does not count files outside the list (untracked, ignored) as present', () => {
    const files = plant({ 'README.md': `[build](.output/chrome-mv3/manifest.json)\n` });
    writeFileSync(path.join(root, 'extra.md'), '# untracked');
    mkdirSync(path.join(root, '.output/chrome-mv3'), { recursive: true });
    writeFileSync(path.join(root, '.output/chrome-mv3/manifest.json'), '{}');
    expect(checkLinks(root, files, []).problems).toHaveLength(1);
  });

  it('ignores examples in fenced code and inline code, and external URLs', () => {
    const files = plant({
      'README.md': [
        '# Readme',
        '```md',
        `[example](${DOCS}/example.md)`,
        '```',
        'Write `[text](guide.md)`; see [MDN](https://developer.mozilla.org/) and [mail](mailto:a@b.c).',
      ].join('\n'),
    });
    expect(checkLinks(root, files, []).problems).toEqual([]);
  });

  it('allows a pending page while it is missing and fails once it exists', () => {
    const pendingPage = `${DOCS}/collector-http.md`;
    const missing = plant({ 'README.md': `[HTTP](${pendingPage})\n` });
    const waiting = checkLinks(root, missing, [pendingPage]);
    expect(waiting.problems).toEqual([]);
    expect(waiting.pendingSeen).toEqual([pendingPage]);

    const merged = plant({ 'README.md': `[HTTP](${pendingPage})\n`, [pendingPage]: '# HTTP\n' });
    expect(checkLinks(root, merged, [pendingPage]).problems.map((p) => p.reason)).toEqual([
      `${pendingPage} exists now: remove it from PENDING_LINK_TARGETS`,
    ]);
  });
});

describe('heading anchors', () => {
  it('slugs headings as GitHub does, numbering repeats', () => {
    expect([
      ...headingAnchors(
        '# Switch measurement (`npm run bench:tracker`)\n## Notes\n## Notes\n### EX × CX reports\n',
      ),
    ]).toEqual(['switch-measurement-npm-run-benchtracker', 'notes', 'notes-1', 'ex--cx-reports']);
  });
});
