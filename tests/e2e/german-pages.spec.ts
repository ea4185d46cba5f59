import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { germanTextOffences } from '../support/german-text';
import { launchWithExtension, serviceWorkerOf, waitForFirstRunPage } from './extension';

// Issue #17, item 3, on the real pages: in a German browser, the popup, the first-run page, the
// options page and the console show no English string and no internal id (the same check as
// components/german-ui.test.tsx, on what Chromium renders).

/** Text nodes and read-aloud attributes a person meets; `<code>` (keys, values as set) excluded. */
const readPageTexts = (page: Page) =>
  page.evaluate(() => {
    const texts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement?.closest('code, script, style, textarea')) continue;
      const text = node.textContent?.trim();
      if (text) texts.push(text);
    }
    for (const element of document.querySelectorAll('[aria-label], [title], [placeholder], [alt]'))
      for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
        const value = element.getAttribute(name)?.trim();
        if (value) texts.push(value);
      }
    texts.push(document.title);
    return texts;
  });

/** Values these pages show that are not UI text: the product's name. */
const DATA = new Set(['Touchpoint']);

test('a German browser gets German popup, first-run, options and console pages', async () => {
  const profile = mkdtempSync(path.join(tmpdir(), 'touchpoint-e2e-german-'));
  const context = await launchWithExtension(profile, { lang: 'de', keepFirstRunPage: true });
  try {
    const welcome = await waitForFirstRunPage(context);
    await expect(welcome.getByRole('heading', { level: 1 })).toHaveText(
      'Willkommen bei Touchpoint',
    );
    const extensionId = new URL((await serviceWorkerOf(context)).url()).host;
    // Each page with a heading it shows once loaded, and how many texts it has at least then
    // (the console without a collector only says so under its heading).
    const pages: Record<string, { path: string; ready: string; least: number }> = {
      popup: { path: 'popup.html', ready: 'Was Touchpoint aufzeichnet', least: 6 },
      options: { path: 'options.html', ready: 'Ihre lokalen Daten', least: 6 },
      console: { path: 'console.html', ready: 'Supervisor-Konsole', least: 2 },
    };
    const offences: string[] = germanTextOffences(await readPageTexts(welcome), DATA).map(
      (offence) => `first-run: ${offence}`,
    );
    for (const [name, { path: file, ready, least }] of Object.entries(pages)) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${file}`);
      await expect(page.getByRole('heading', { name: ready }).first()).toBeVisible();
      // The options page's adapter table comes with the diagnostics: checked only once it is there.
      if (name === 'options')
        await expect(page.getByTestId('adapter-source-zendesk')).toBeVisible();
      await page.waitForTimeout(500);
      const texts = await readPageTexts(page);
      // The page rendered its sections: there is German to check, not an empty shell.
      expect(texts.length, name).toBeGreaterThanOrEqual(least);
      offences.push(...germanTextOffences(texts, DATA).map((offence) => `${name}: ${offence}`));
    }
    expect(offences).toEqual([]);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
