import { existsSync } from 'node:fs';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { loadFixtureSpec, readFixtureHtml } from '../fixture-spec';

// Issue 6, acceptance 4: the Firefox package in real Firefox (Debian's firefox-esr), driven over
// WebDriver BiDi with puppeteer-core (Playwright's Firefox needs its own patched build):
// installed as a temporary add-on, a Zendesk fixture page served at its real address by request
// interception, the adapter reads it and the sidebar opens over the page's right part.
// Run: npm run test:firefox (builds the Firefox package first; FIREFOX_PATH to use another).

const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const EXTENSION_DIR = path.resolve('.output/firefox-mv3');

const SCREENSHOT = path.resolve('test-results/firefox-sidebar.png');

/** Polls `check` until it returns something other than undefined/false, for up to 15 s. */
async function until<T>(
  check: () => T | Promise<T>,
  what: string,
): Promise<Exclude<T, false | undefined>> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value as Exclude<T, false | undefined>;
    if (Date.now() > deadline) throw new Error(`${what} did not appear`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function main() {
  if (!existsSync(FIREFOX)) throw new Error(`no Firefox at ${FIREFOX} (set FIREFOX_PATH)`);
  const spec = loadFixtureSpec('zendesk');
  const fixture = spec.pages[0]!;
  const html = readFixtureHtml('zendesk', fixture.file);
  const origin = new URL(fixture.url).origin;

  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    extraPrefsFirefox: {
      // Host permissions of the built-in CRMs granted at install, as a store install asks for them.
      'extensions.originControls.grantByDefault': true,
    },
  });
  try {
    const id = await browser.installExtension(EXTENSION_DIR);
    console.log(`installed ${id}`);
    const page = await browser.newPage();
    await page.setRequestInterception(true);
    const answer = (url: URL) => {
      const api = spec.api[url.pathname + url.search];
      if (api !== undefined)
        return { status: 200, contentType: 'application/json', body: JSON.stringify(api) };
      if (url.pathname === new URL(fixture.url).pathname)
        return { status: 200, contentType: 'text/html', body: html };
      return { status: 404, contentType: 'text/plain', body: 'not found' };
    };
    const seen: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      seen.push(request.url());
      const done = url.origin === origin ? request.respond(answer(url)) : request.continue();
      // A request of a page that is going away cannot be answered any more: not a failure.
      done.catch(() => undefined);
    });
    await page.goto(fixture.url);

    // The content script matched the page: the adapter asked the CRM's API for the requester.
    await until(
      () => seen.some((url) => url.endsWith('/api/v2/users/9001.json')),
      'adapter API calls',
    );
    // The sidebar's host element covers the right part of the page (the frame inside sits in a
    // closed shadow root, which Firefox's WebDriver BiDi does not list; the screenshot shows it).
    const { width, height } = await page.evaluate(() => ({
      width: window.innerWidth,
      height: window.innerHeight,
    }));
    const elementAt = (x: number, y: number) =>
      page.evaluate(([px, py]) => document.elementFromPoint(px!, py!)?.localName ?? null, [x, y]);
    await until(
      async () => (await elementAt(width - 150, height / 2)) === 'touchpoint-sidebar',
      'the sidebar',
    );
    if ((await elementAt(150, height / 2)) === 'touchpoint-sidebar')
      throw new Error('the sidebar covers the whole page');
    await page.screenshot({ path: SCREENSHOT });
    console.log(
      `${await browser.version()}: the Touchpoint sidebar is shown on ${fixture.url} (screenshot: ${SCREENSHOT})`,
    );
  } finally {
    await browser.close();
  }
}

await main();
