import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  dangerousEvalFindings,
  readBuiltFiles,
  scanBuiltFiles,
} from '../../scripts/store-build-scan';
import { DEMO_COLLECTOR, DEMO_ORIGINS } from '../../demo/policy';

const CLEAN_CHUNK = 'var e={type:`sync.now`,payload:{}};console.debug(`Touchpoint`,e);';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** A built extension folder with a manifest and one chunk holding `chunk`. */
function builtFolder(chunk: string) {
  dir = mkdtempSync(path.join(tmpdir(), 'store-build-'));
  mkdirSync(path.join(dir, 'chunks'));
  writeFileSync(path.join(dir, 'manifest.json'), '{"manifest_version":3}');
  writeFileSync(path.join(dir, 'chunks', 'router-abc.js'), chunk);
  writeFileSync(path.join(dir, 'icon.png'), 'tp_demo-in-a-binary-is-not-read');
  return dir;
}

describe('store build scan', () => {
  it('passes a build without demo or debug material', () => {
    expect(scanBuiltFiles(readBuiltFiles(builtFolder(CLEAN_CHUNK)))).toEqual([]);
  });

  it('fails a built file that holds the demo agent token, naming the file and the token', () => {
    const folder = builtFolder(`${CLEAN_CHUNK}var t=\`${DEMO_COLLECTOR.agentToken}\`;`);
    expect(scanBuiltFiles(readBuiltFiles(folder))).toEqual([
      {
        file: path.join(folder, 'chunks', 'router-abc.js'),
        rule: 'demo token',
        match: DEMO_COLLECTOR.agentToken,
        why: 'demo/policy.ts',
      },
    ]);
  });

  it('fails the demo apps, the demo collector and a debug message name', () => {
    const chunk = [
      `fetch(\`${DEMO_ORIGINS.desk}/x\`)`,
      `fetch(\`${DEMO_ORIGINS.crm}/x\`)`,
      `fetch(\`${DEMO_COLLECTOR.url}/v1/events\`)`,
      `({"debug.enqueueSyntheticEvents":{from:\`extension\`}})`,
    ].join(';');
    const rules = scanBuiltFiles([{ path: 'background.js', text: chunk }]).map(
      ({ rule, match }) => `${rule} ${match}`,
    );
    expect(rules).toEqual([
      'demo host 127.0.0.1:5301',
      'demo host 127.0.0.1:5302',
      'demo host 127.0.0.1:5400',
      'debug message debug.enqueueSyntheticEvents',
    ]);
  });

  it('fails a web-ext lint report with a DANGEROUS_EVAL warning, and only that kind', () => {
    const report = {
      errors: [],
      warnings: [
        { code: 'UNSAFE_VAR_ASSIGNMENT', file: 'chunks/a.js', line: 9 },
        { code: 'DANGEROUS_EVAL', file: 'background.js', line: 1, message: 'eval' },
      ],
    };
    expect(dangerousEvalFindings(report, '.output/firefox-mv3')).toMatchObject([
      { file: path.join('.output/firefox-mv3', 'background.js'), rule: 'DANGEROUS_EVAL' },
    ]);
    expect(dangerousEvalFindings({ errors: [], warnings: [] }, 'x')).toEqual([]);
  });
});
