import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  dangerousEvalFindings,
  formatFinding,
  readBuiltFiles,
  scanBuiltFiles,
} from './store-build-scan';

// Run after the store builds (`npm run check:store`): fails when a built file holds demo or debug
// material, or web-ext lint finds the `Function` constructor. See scripts/store-build-scan.ts.
// Other folders may be named on the command line (e.g. `.output/chrome-mv3-e2e`, which must fail).
const BUILDS =
  process.argv.length > 2 ? process.argv.slice(2) : ['.output/chrome-mv3', '.output/firefox-mv3'];

function lintReport(dir: string): unknown {
  let output: string;
  try {
    output = execFileSync(
      'npx',
      ['web-ext', 'lint', '--source-dir', dir, '--no-config-discovery', '--output', 'json'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    );
  } catch (error) {
    // web-ext exits non-zero on lint errors; its JSON report is on stdout all the same.
    output = String((error as { stdout?: unknown }).stdout ?? '');
  }
  try {
    return JSON.parse(output);
  } catch {
    throw new Error(`web-ext lint gave no JSON report for ${dir}`);
  }
}

/** Issue #17: the toolbar and the extensions page show Touchpoint's icon, not a grey letter. */
function missingIcons(dir: string): string[] {
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as {
    icons?: Record<string, string>;
    action?: { default_icon?: Record<string, string> };
  };
  return ['16', '32', '48', '128'].flatMap((size) =>
    [
      ['icons', manifest.icons?.[size]],
      ['action.default_icon', manifest.action?.default_icon?.[size]],
    ].flatMap(([field, file]) =>
      file && existsSync(path.join(dir, file)) ? [] : [`${dir}: ${field} has no ${size} px icon`],
    ),
  );
}
const iconProblems = BUILDS.flatMap(missingIcons);
if (iconProblems.length > 0) {
  console.error(iconProblems.join('\n'));
  process.exit(1);
}

/** Issue #15 item 8: the content script every CRM page loads stays within 8 KB gzipped. */
const CONTENT_SCRIPT_MAX_GZIP_BYTES = 8 * 1024;
function contentScriptTooLarge(dir: string): string[] {
  const file = path.join(dir, 'content-scripts', 'crm.js');
  const bytes = gzipSync(readFileSync(file), { level: 9 }).length;
  return bytes > CONTENT_SCRIPT_MAX_GZIP_BYTES
    ? [`${file}: ${bytes} bytes gzipped, over ${CONTENT_SCRIPT_MAX_GZIP_BYTES}`]
    : [];
}
const sizeProblems = BUILDS.flatMap(contentScriptTooLarge);
if (sizeProblems.length > 0) {
  console.error(sizeProblems.join('\n'));
  process.exit(1);
}

const findings = BUILDS.flatMap((dir) => [
  ...scanBuiltFiles(readBuiltFiles(dir)),
  ...dangerousEvalFindings(lintReport(dir), dir),
]);
if (findings.length > 0) {
  console.error(`The store builds hold what only demo or e2e builds may (${findings.length}):`);
  for (const finding of findings) console.error(`  ${formatFinding(finding)}`);
  process.exit(1);
}
console.log(`${BUILDS.join(' and ')}: no demo host or token, no debug message, no eval`);
