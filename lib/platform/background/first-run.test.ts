import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createMemoryStore } from '../../background/key-value';
import { createFirstRunService } from './first-run';

describe('first-run page', () => {
  beforeEach(() => fakeBrowser.reset());

  // fakeBrowser starts with one blank tab (no url): only pages opened since count.
  const openTabs = async () =>
    (await fakeBrowser.tabs.query({})).flatMap((tab) => (tab.url ? [tab.url] : []));

  const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

  it('opens once on install, even when the browser reports the same install again', async () => {
    createFirstRunService({ local: createMemoryStore() });
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' });
    await settle();
    expect(await openTabs()).toEqual([expect.stringMatching(/\/welcome\.html$/)]);
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' });
    await settle();
    expect(await openTabs()).toHaveLength(1);
  });

  it('stays closed on updates and browser updates', async () => {
    createFirstRunService({ local: createMemoryStore() });
    await fakeBrowser.runtime.onInstalled.trigger({
      reason: 'update',
      previousVersion: '0.0.9',
    });
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'chrome_update' });
    await settle();
    expect(await openTabs()).toEqual([]);
  });
});
