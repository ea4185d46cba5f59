import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Frame, Page } from '@playwright/test';

const FIXTURES = path.resolve('tests/fixtures');

export function fixtureHtml(crm: string, file: string) {
  return readFileSync(path.join(FIXTURES, crm, file), 'utf8');
}

/** Serves fixture pages (and JSON API answers) at real CRM addresses, without any network. */
export async function routeCrm(
  context: BrowserContext,
  origin: string,
  pages: Record<string, string>,
  api: Record<string, unknown> = {},
) {
  await context.route(`${origin}/**`, async (route) => {
    const url = new URL(route.request().url());
    const pathAndQuery = url.pathname + url.search;
    if (pathAndQuery in api) {
      return route.fulfill({
        contentType: 'application/json',
        body: JSON.stringify(api[pathAndQuery]),
      });
    }
    const body = pages[pathAndQuery] ?? pages[url.pathname];
    if (body === undefined)
      return route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' });
    return route.fulfill({ contentType: 'text/html', body });
  });
}

/** The sidebar document inside the page's overlay (a cross-origin extension frame). */
export async function sidebarFrame(page: Page, extensionId: string): Promise<Frame> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const frame = page
      .frames()
      .find((candidate) => candidate.url().startsWith(`chrome-extension://${extensionId}/`));
    if (frame) return frame;
    if (Date.now() > deadline) throw new Error('sidebar frame did not appear');
    await page.waitForTimeout(50);
  }
}
