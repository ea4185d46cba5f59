import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { EXTENSION_DIR } from '../../tests/e2e/extension';

export const CONTENT_SCRIPT = path.join(EXTENSION_DIR, 'content-scripts', 'crm.js');

/** Bytes of the content script as shipped and as gzip -9 would send it. */
export function contentScriptSize() {
  const source = readFileSync(CONTENT_SCRIPT);
  return { raw: source.length, gzip: gzipSync(source, { level: 9 }).length };
}
