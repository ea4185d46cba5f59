import type { BrowserContext, Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadFixtureSpec, readFixtureHtml } from '../../tests/fixture-spec';
import { sidebarFrame } from '../../tests/e2e/crm-pages';
import { launchWithExtension } from '../../tests/e2e/extension';
import { logCardNames, whenCardShowed } from './card-names';
import { serveCrm } from './crm-server';

// A light ticket page (the Zendesk fixture), not the heavy one: navigation → card would otherwise
// be mostly the page's own load (the heavy page alone takes 0.4–0.7 s to DOMContentLoaded here),
// which no extension can shorten. The page's own time is printed beside it.
const SPEC = loadFixtureSpec('zendesk');
const TICKET = SPEC.pages.find((page) => page.file === 'ticket-42.html')!;
const TICKET_URL = new URL(TICKET.url);
const CUSTOMER = TICKET.expect.customerName!;

/** One navigation: to the card, and to the page's own DOMContentLoaded (ms from navigation). */
export type CardTiming = { cardMs: number; pageDomReadyMs: number };

/** The first CRM tab of a fresh profile, after a restart, and a later tab. */
export type FirstCardRun = { freshProfile: CardTiming; restart: CardTiming; laterTab: CardTiming };

const CARD_TIMEOUT_MS = 20_000;

/** Opens the ticket in `page` at once: navigation start → the customer's name in the card. */
async function navigationToCard(page: Page): Promise<CardTiming> {
  await page.goto(TICKET.url, { waitUntil: 'commit' });
  const navigationStart = await page.evaluate(() => performance.timeOrigin);
  const extensionId = await extensionIdOf(page.context());
  const frame = await sidebarFrame(page, extensionId, CARD_TIMEOUT_MS);
  const cardAt = await whenCardShowed(frame, CUSTOMER, CARD_TIMEOUT_MS);
  const pageDomReadyMs = await page.evaluate(() => {
    const [navigation] = performance.getEntriesByType(
      'navigation',
    ) as PerformanceNavigationTiming[];
    return navigation!.domContentLoadedEventEnd;
  });
  return { cardMs: cardAt - navigationStart, pageDomReadyMs };
}

async function extensionIdOf(context: BrowserContext) {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return new URL(worker.url()).host;
}

/** Tickets an agent opens in the first session before the browser is closed (a used profile). */
const FIRST_SESSION_TABS = 3;

/**
 * One browser life cycle, as an agent has it: a brand-new profile whose first tab opens the CRM
 * as soon as the browser is up, and two more tickets in that first session; then the browser
 * closed and started again on the same profile (first tab again); then one more tab in that
 * browser. Headless, no admin policy. A used profile holds what the browser keeps between starts,
 * such as the compiled code of the sidebar's script, which Chromium stores once a script has run
 * twice: after a single ticket, a "restart" would measure a profile no agent has for long.
 */
export async function measureFirstCard(): Promise<FirstCardRun> {
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'touchpoint-bench-first-card-'));
  const crm = await serveCrm(
    TICKET_URL.origin,
    { [TICKET_URL.pathname]: readFixtureHtml('zendesk', TICKET.file) },
    SPEC.api,
  );
  const launch = async () => {
    const context = await launchWithExtension(userDataDir, {
      headless: true,
      args: crm.chromiumArgs,
    });
    await logCardNames(context);
    return context;
  };
  try {
    let context = await launch();
    const freshProfile = await navigationToCard(context.pages()[0] ?? (await context.newPage()));
    for (let tab = 1; tab < FIRST_SESSION_TABS; tab += 1) {
      await navigationToCard(await context.newPage());
    }
    // Let the profile settle as an agent's browser would before it is closed (policy cached).
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await context.close();

    context = await launch();
    const restart = await navigationToCard(context.pages()[0] ?? (await context.newPage()));
    const laterTab = await navigationToCard(await context.newPage());
    await context.close();
    return { freshProfile, restart, laterTab };
  } finally {
    await crm.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}
