import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createFirstRunService } from './first-run';

describe('first-run page', () => {
  beforeEach(() => fakeBrowser.reset());

  // fakeBrowser starts with one blank tab (no url): only pages opened since count.
  const openTabs = async () =>
    (await fakeBrowser.tabs.query({})).flatMap((tab) => (tab.url ? [tab.url] : []));

  it('opens once on install', async () => {
    createFirstRunService();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' });
    expect(await openTabs()).toEqual([expect.stringMatching(/\/welcome\.html$/)]);
  });

  it('stays closed on updates and browser updates', async () => {
    createFirstRunService();
    await fakeBrowser.runtime.onInstalled.trigger({
      reason: 'update',
      previousVersion: '0.0.9',
    });
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'chrome_update' });
    expect(await openTabs()).toEqual([]);
  });
});
