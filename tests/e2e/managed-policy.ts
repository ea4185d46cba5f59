import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { TEST_EXTENSION_ID } from './extension-identity';

// Chromium on Linux reads machine-wide managed policy from this folder (TOOLCHAIN.md); the
// extension sees its part through chrome.storage.managed.
const POLICY_DIR = process.env.CHROMIUM_POLICY_DIR ?? '/etc/chromium/policies/managed';

/**
 * Installs an admin policy for the test extension until the returned function is called. A spec
 * may name its own file (`fileName`) so that its policy never overwrites another spec's.
 */
export function installManagedPolicy(
  settings: Record<string, unknown>,
  fileName = 'touchpoint-e2e.json',
): () => void {
  const file = path.join(POLICY_DIR, fileName);
  mkdirSync(POLICY_DIR, { recursive: true });
  writeFileSync(
    file,
    JSON.stringify({ '3rdparty': { extensions: { [TEST_EXTENSION_ID]: settings } } }, null, 2),
  );
  return () => rmSync(file, { force: true });
}
