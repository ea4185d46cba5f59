import {
  chromium,
  test as base,
  type BrowserContext,
  type Page,
  type Worker,
} from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FIRST_RUN_PAGE } from '../../lib/constants';

export const EXTENSION_DIR = path.resolve('.output/chrome-mv3-e2e');

/** Chromium to drive: CHROMIUM_PATH, else Debian's, else Playwright's own download (laptops). */
export function chromiumExecutable(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}

/** Flags for Debian's Chromium on a closed network (TOOLCHAIN.md), with or without the extension. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  // Chromium 156 builds its WebUI omnibox popups (the "AI mode" composebox) for every new tab, even
  // headless: some 200 resource loads and their script per tab, which no test uses and which
  // compete on a 2-core machine with what the benches measure (first card 440 ms without them,
  // 650–750 ms with them; issue #15 item 6). That is the browser's own work, not the extension's.
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup',
];

/**
 * Chromium with the built extension. Headed when there is a display (window focus then behaves
 * as on a desktop); `headless` forces a mode (the page-cost benchmark compares like with like).
 */
export async function launchWithExtension(
  userDataDir: string,
  {
    headless = !process.env.DISPLAY,
    lang,
    keepFirstRunPage = false,
    args = [],
  }: {
    headless?: boolean;
    /** The browser's UI language (what `chrome.i18n` answers), e.g. `de`; the system's without. */
    lang?: string;
    /** Leave the first-run page that opens on install (its own test); closed otherwise. */
    keepFirstRunPage?: boolean;
    /** More Chromium flags (a bench's host mapping to its local server). */
    args?: readonly string[];
  } = {},
): Promise<BrowserContext> {
  if (!existsSync(path.join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No built extension in ${EXTENSION_DIR}: run npm run build:e2e first`);
  }
  // A new profile installs the extension, which opens its first-run page (issue #17).
  const installs = !existsSync(path.join(userDataDir, 'Default'));
  const launch = () =>
    chromium.launchPersistentContext(userDataDir, {
      executablePath: chromiumExecutable(),
      headless,
      args: [
        `--disable-extensions-except=${EXTENSION_DIR}`,
        `--load-extension=${EXTENSION_DIR}`,
        ...CHROMIUM_FLAGS,
        ...(lang ? [`--lang=${lang}`] : []),
        ...args,
      ],
      // Chromium on Linux takes its UI language from the environment.
      ...(lang && { env: { ...process.env, LANGUAGE: lang, LANG: `${lang}.UTF-8` } }),
    });
  let context = await launch();
  // Tests and benches start from the blank tab, as an agent after reading the page would.
  if (installs && !keepFirstRunPage) await (await waitForFirstRunPage(context)).close();
  // Chromium sometimes starts an extension with no message bundle at all (every getMessage
  // answers "", in the worker and in every page, for the whole session; seen in about half of
  // the fresh starts on this machine). The product then shows its default locale
  // (lib/i18n/packaged-messages.ts); tests that check a language need the browser's, so such a
  // start is retried, as an agent's next browser start would be.
  for (let retry = 0; retry < 3 && !(await hasMessageBundle(context)); retry += 1) {
    await context.close();
    context = await launch();
  }
  return context;
}

async function hasMessageBundle(context: BrowserContext) {
  const worker = await serviceWorkerOf(context);
  return (await worker.evaluate(() => chrome.i18n.getMessage('extensionName'))) !== '';
}

/** The first-run page the install opened; fails when none opens within 10 s. */
export async function waitForFirstRunPage(context: BrowserContext): Promise<Page> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const page = context
      .pages()
      .find((candidate) => candidate.url().endsWith(`/${FIRST_RUN_PAGE}`));
    if (page) return page;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no ${FIRST_RUN_PAGE} opened on install within 10 s`);
}

export async function serviceWorkerOf(context: BrowserContext): Promise<Worker> {
  return context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
}

type ExtensionFixtures = {
  context: BrowserContext;
  extensionId: string;
  serviceWorker: Worker;
  page: Page;
};

/** A fresh profile with the built extension loaded, per test. */
export const test = base.extend<ExtensionFixtures>({
  // eslint-disable-next-line no-empty-pattern
  context: async ({}, use) => {
    const userDataDir = mkdtempSync(path.join(tmpdir(), 'touchpoint-e2e-'));
    const context = await launchWithExtension(userDataDir);
    await use(context);
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  },
  serviceWorker: async ({ context }, use) => {
    await use(await serviceWorkerOf(context));
  },
  extensionId: async ({ serviceWorker }, use) => {
    await use(new URL(serviceWorker.url()).host);
  },
  page: async ({ context }, use) => {
    await use(context.pages()[0] ?? (await context.newPage()));
  },
});
export const expect = test.expect;
