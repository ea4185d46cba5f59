import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../settings/definitions';
import { createBuilderHandlers } from './builder-handlers';

const sender = { tabId: undefined, url: 'chrome-extension://id/sidepanel.html' };

describe('builder.status', () => {
  it('keeps the builder closed unless managed policy turns it on', async () => {
    const settings = defaultSettings();
    const handlers = createBuilderHandlers({ policy: async () => ({ settings }) });
    expect(await handlers['builder.status']({}, sender)).toEqual({
      allowed: false,
      collectorUrl: null,
    });
  });

  it('opens it, with the collector to publish to, when policy allows', async () => {
    const settings = {
      ...defaultSettings(),
      adapterBuilder: true,
      collectorUrl: 'https://collector.acme.test',
    };
    const handlers = createBuilderHandlers({ policy: async () => ({ settings }) });
    expect(await handlers['builder.status']({}, sender)).toEqual({
      allowed: true,
      collectorUrl: 'https://collector.acme.test',
    });
  });
});
