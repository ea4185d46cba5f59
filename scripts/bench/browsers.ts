import { chromium, type BrowserContext } from '@playwright/test';
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
