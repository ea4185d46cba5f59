import type { BrowserContext, Worker } from '@playwright/test';
import { handleCrm } from '../../demo/crm';
import { createDesk } from '../../demo/desk';
import { DEMO_ORIGINS, DEMO_POLICY } from '../../demo/policy';
import { expect } from './extension';

/**
 * The demo apps (`npm start`'s Demo Desk and Demo CRM) at their own addresses, answered by their
 * handlers through Playwright routing: no ports taken, so a running `npm start` does not matter.
 */
export async function routeDemoApps(context: BrowserContext) {
  const handleDesk = createDesk();
  await context.route(`${DEMO_ORIGINS.desk}/**`, async (route) => {
    const request = route.request();
    const body = request.postData();
    const answer = handleDesk({
      method: request.method(),
      url: new URL(request.url()),
      accept: request.headers()['accept'],
      form: body === null ? undefined : new URLSearchParams(body),
    });
    await route.fulfill({
      status: answer.status,
      contentType: answer.contentType,
      headers: answer.headers,
      body: answer.body,
    });
  });
  await context.route(`${DEMO_ORIGINS.crm}/**`, async (route) => {
    const answer = handleCrm(new URL(route.request().url()));
    await route.fulfill({
      status: answer.status,
      contentType: answer.contentType,
      headers: answer.headers,
      body: answer.body,
    });
  });
}

/** The demo's two adapters as an admin's managed policy declares them (JSON text each). */
export const DEMO_ADAPTERS_POLICY = {
  customAdapters: DEMO_POLICY.customAdapters.map((adapter) => JSON.stringify(adapter)),
};

/** Waits until the content script for the demo hosts (declared by policy) is registered. */
export async function demoScriptRegistered(serviceWorker: Worker) {
  await expect
    .poll(
      () =>
        serviceWorker.evaluate(async () =>
          (await chrome.scripting.getRegisteredContentScripts()).flatMap(
            (script) => script.matches,
          ),
        ),
      { timeout: 15_000 },
    )
    .toEqual(expect.arrayContaining(Object.values(DEMO_ORIGINS).map((origin) => `${origin}/*`)));
}
