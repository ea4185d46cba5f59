import { chromium, type BrowserContext } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CHROMIUM_FLAGS, chromiumExecutable, launchWithExtension } from '../../tests/e2e/extension';

export type Mode = 'with' | 'without';

export type BenchBrowser = { mode: Mode; context: BrowserContext; close: () => Promise<void> };

/** One persistent browser per mode, each in a fresh temporary profile. */
export async function launchBenchBrowser(mode: Mode): Promise<BenchBrowser> {
  const userDataDir = mkdtempSync(path.join(tmpdir(), `touchpoint-bench-${mode}-`));
  const context =
    mode === 'with'
      ? await launchWithExtension(userDataDir, { headless: true })
      : await chromium.launchPersistentContext(userDataDir, {
          executablePath: chromiumExecutable(),
          headless: true,
          args: CHROMIUM_FLAGS,
        });
  return {
    mode,
    context,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The Chromium the benches drive, as it names itself ("Chromium 156.0.8078.129 …"): machines that
 * look alike may have another one installed (session 15 found Chromium 150 where the docs said
 * 156), and each run's figures must say which browser made them.
 */
export function chromiumVersion() {
  const executable = chromiumExecutable();
  if (!executable) return "Playwright's Chromium";
  return execFileSync(executable, ['--version'], { encoding: 'utf8' }).trim();
}
