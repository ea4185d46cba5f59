import type { BrowserContext, Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { routeCrm } from '../../tests/e2e/crm-pages';
import { sidebarFrame } from '../../tests/e2e/crm-pages';
import { launchWithExtension } from '../../tests/e2e/extension';
import { logCardNames, whenCardShowed } from './card-names';
import {
  FIRST_TICKET,
  heavyPageHtml,
  NEXT_TICKET,
  ORIGIN,
  ticketPath,
  zendeskApi,
} from './heavy-page';

/** Navigation → card (ms) in the first CRM tab of a fresh profile, after a restart, and later. */
export type FirstCardRun = { freshProfileMs: number; restartMs: number; laterTabMs: number };

const CARD_TIMEOUT_MS = 20_000;

async function prepare(context: BrowserContext) {
  await logCardNames(context);
  const page = heavyPageHtml();
  await routeCrm(
    context,
    ORIGIN,
    { [ticketPath(FIRST_TICKET)]: page, [ticketPath(NEXT_TICKET)]: page },
    zendeskApi([FIRST_TICKET, NEXT_TICKET]),
  );
}

/** Opens the ticket in `page` at once and returns navigation start → the customer's name shown. */
async function navigationToCard(page: Page) {
  await page.goto(`${ORIGIN}${ticketPath(FIRST_TICKET)}`, { waitUntil: 'commit' });
  const navigationStart = await page.evaluate(() => performance.timeOrigin);
  const extensionId = await extensionIdOf(page.context());
  const frame = await sidebarFrame(page, extensionId, CARD_TIMEOUT_MS);
  const cardAt = await whenCardShowed(frame, FIRST_TICKET.requester.name, CARD_TIMEOUT_MS);
  return cardAt - navigationStart;
}

async function extensionIdOf(context: BrowserContext) {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return new URL(worker.url()).host;
}

/**
 * One browser life cycle, as an agent has it: a brand-new profile whose first tab opens the CRM
 * as soon as the browser is up; then the browser closed and started again on the same profile
 * (first tab again); then one more tab in that browser. Headless, no admin policy.
 */
export async function measureFirstCard(): Promise<FirstCardRun> {
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'touchpoint-bench-first-card-'));
  try {
    let context = await launchWithExtension(userDataDir, { headless: true });
    await prepare(context);
    const freshProfileMs = await navigationToCard(context.pages()[0] ?? (await context.newPage()));
    // Let the profile settle as an agent's browser would before it is closed (policy cached).
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await context.close();

    context = await launchWithExtension(userDataDir, { headless: true });
    await prepare(context);
    const restartMs = await navigationToCard(context.pages()[0] ?? (await context.newPage()));
    const laterTabMs = await navigationToCard(await context.newPage());
    await context.close();
    return { freshProfileMs, restartMs, laterTabMs };
  } finally {
    rmSync(userDataDir, { recursive: true, force: true });
  }
}
