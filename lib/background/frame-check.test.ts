import { describe, expect, it } from 'vitest';
import { createFrameCheck } from './frame-check';

describe('createFrameCheck', () => {
  const war = (resource: string) => ({
    web_accessible_resources: [{ resources: [resource], matches: ['https://*.zendesk.com/*'] }],
  });

  it('allows the sidebar frame exactly where the manifest lists it as web-accessible', () => {
    const allowed = createFrameCheck(war('sidepanel.html'));
    expect(allowed('https://acme.zendesk.com/agent/tickets/42')).toBe(true);
    expect(allowed('https://help.acme.test/tickets/42')).toBe(false);
  });

  it('reads Firefox’s manifest, which writes resources with a leading slash', () => {
    expect(createFrameCheck(war('/sidepanel.html'))('https://acme.zendesk.com/agent/')).toBe(true);
  });
});
