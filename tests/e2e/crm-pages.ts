import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Frame, Page } from '@playwright/test';

const FIXTURES = path.resolve('tests/fixtures');

export function fixtureHtml(crm: string, file: string) {
  return readFileSync(path.join(FIXTURES, crm, file), 'utf8');
}

/** What a CRM address answers: a JSON API answer, a page, or 404. */
export type CrmAnswer = { status: number; contentType: string; body: string };

/** The answer to `url` from fixture `pages` (by path and query, or path) and JSON `api` answers. */
export function answerCrm(
  url: URL,
  pages: Record<string, string>,
  api: Record<string, unknown> = {},
): CrmAnswer {
  const pathAndQuery = url.pathname + url.search;
  if (pathAndQuery in api) {
    return {
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify(api[pathAndQuery]),
    };
  }
  const body = pages[pathAndQuery] ?? pages[url.pathname];
  if (body === undefined) return { status: 404, contentType: 'text/plain', body: 'not found' };
  return { status: 200, contentType: 'text/html', body };
}

/** Serves fixture pages (and JSON API answers) at real CRM addresses, without any network. */
export async function routeCrm(
  context: BrowserContext,
  origin: string,
  pages: Record<string, string>,
  api: Record<string, unknown> = {},
) {
  await context.route(`${origin}/**`, (route) =>
    route.fulfill(answerCrm(new URL(route.request().url()), pages, api)),
  );
}

/** The sidebar document inside the page's overlay (a cross-origin extension frame). */
export async function sidebarFrame(
  page: Page,
  extensionId: string,
  timeoutMs = 10_000,
): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = page
      .frames()
      .find((candidate) => candidate.url().startsWith(`chrome-extension://${extensionId}/`));
    if (frame) return frame;
    if (Date.now() > deadline) throw new Error('sidebar frame did not appear');
    await page.waitForTimeout(50);
  }
}

type DomNode = {
  nodeName: string;
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: DomNode[];
  contentDocument?: DomNode;
};

/**
 * Attributes of elements inside the page's DOM including closed shadow roots, read through the
 * DevTools protocol (the test's view, which page scripts do not have). Frames are not entered.
 */
export async function elementsThroughShadowRoots(page: Page, tagName: string) {
  const cdp = await page.context().newCDPSession(page);
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as {
    root: DomNode;
  };
  const found: Record<string, string>[] = [];
  async function visit(node: DomNode) {
    if (node.nodeName.toLowerCase() === tagName) {
      const attributes: Record<string, string> = {};
      for (let i = 0; i + 1 < (node.attributes?.length ?? 0); i += 2) {
        attributes[node.attributes![i]!] = node.attributes![i + 1]!;
      }
      found.push(attributes);
    }
    for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) await visit(child);
  }
  await visit(root);
  await cdp.detach();
  return found;
}
