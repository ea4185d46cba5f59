import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { TEST_EXTENSION_ID } from './extension-identity';

// Chromium on Linux reads machine-wide managed policy from this folder (TOOLCHAIN.md); the
// extension sees its part through chrome.storage.managed.
const POLICY_DIR = process.env.CHROMIUM_POLICY_DIR ?? '/etc/chromium/policies/managed';
const POLICY_FILE = path.join(POLICY_DIR, 'touchpoint-e2e.json');

/** Installs an admin policy for the test extension until the returned function is called. */
export function installManagedPolicy(settings: Record<string, unknown>): () => void {
  mkdirSync(POLICY_DIR, { recursive: true });
  writeFileSync(
    POLICY_FILE,
    JSON.stringify({ '3rdparty': { extensions: { [TEST_EXTENSION_ID]: settings } } }, null, 2),
  );
  return () => rmSync(POLICY_FILE, { force: true });
}
