import { describe, expect, it } from 'vitest';
import { attributeProfile } from '../../scripts/bench/busy-attribution';

const frame = (functionName: string, url = '') => ({ functionName, url });

describe('attributeProfile (bench:page, busy page)', () => {
  // (root) → page script → extension callback → DOM call; (root) → (idle); (root) → page script
  const profile = {
    nodes: [
      { id: 1, callFrame: frame('(root)'), children: [2, 5] },
      { id: 2, callFrame: frame('replaceRows', 'https://acme.zendesk.com/'), children: [3] },
      { id: 3, callFrame: frame('onMutation', 'chrome-extension://abc/crm.js'), children: [4] },
      { id: 4, callFrame: frame('querySelector'), children: [] },
      { id: 5, callFrame: frame('(idle)'), children: [] },
    ],
    samples: [2, 3, 4, 4, 5, 5, 2],
    timeDeltas: [100, 200, 300, 400, 1000, 1000, 100],
  };
  const isOurs = (url: string) => url.startsWith('chrome-extension://');

  it('counts every sample with the extension anywhere on its stack, and what it called', () => {
    expect(attributeProfile(profile, isOurs)).toEqual({
      extensionMs: 0.9,
      extensionSamples: 3,
      busyMs: 1.1,
    });
  });

  it('attributes nothing to a page the extension never ran in', () => {
    expect(attributeProfile(profile, () => false).extensionSamples).toBe(0);
  });
});
