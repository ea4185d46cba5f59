import { describe, expect, it } from 'vitest';
import { attributeProfile } from '../../scripts/bench/busy-attribution';

const frame = (functionName: string, url = '') => ({ functionName, url });

describe('attributeProfile (bench:page, busy page)', () => {
  // (root) → extension start → DOM call; (root) → page change → extension callback → DOM call;
  // (root) → (idle); (root) → page change.
  const profile = {
    nodes: [
      { id: 1, callFrame: frame('(root)'), children: [2, 4, 7] },
      { id: 2, callFrame: frame('mountSidebar', 'chrome-extension://abc/crm.js'), children: [3] },
      { id: 3, callFrame: frame('appendChild'), children: [] },
      { id: 4, callFrame: frame('replaceRows', 'https://acme.zendesk.com/'), children: [5] },
      { id: 5, callFrame: frame('onMutation', 'chrome-extension://abc/crm.js'), children: [6] },
      { id: 6, callFrame: frame('querySelector'), children: [] },
      { id: 7, callFrame: frame('(idle)'), children: [] },
    ],
    // start: 2, 3 (ours); then the page changes: 4, 5, 6, 6 (two of ours) and idle.
    samples: [2, 3, 7, 4, 5, 6, 6, 7, 7, 4],
    timeDeltas: [50, 150, 500, 100, 200, 300, 400, 1000, 1000, 100],
  };
  const isOurs = (url: string) => url.startsWith('chrome-extension://');

  it('counts every sample with the extension anywhere on its stack, and what it called', () => {
    const result = attributeProfile(profile, isOurs, 'replaceRows');
    expect(result.extensionMs).toBeCloseTo(1.1);
    expect(result.extensionSamples).toBe(5);
    expect(result.busyMs).toBeCloseTo(1.3);
  });

  it("tells the extension's start from what it does while the page changes", () => {
    const result = attributeProfile(profile, isOurs, 'replaceRows');
    expect(result.whileChangingMs).toBeCloseTo(0.9);
    expect(result.whileChangingPageSamples).toBe(5);
  });

  it('attributes nothing to a page the extension never ran in', () => {
    expect(attributeProfile(profile, () => false, 'replaceRows').extensionSamples).toBe(0);
  });

  it('has no window of changes when the page never changed', () => {
    const result = attributeProfile(profile, isOurs, 'noSuchFunction');
    expect(result.whileChangingPageSamples).toBe(0);
    expect(result.whileChangingMs).toBe(0);
  });

  it('counts the long tasks the extension made long, not those the page made long anyway', () => {
    // (root) → page change; (root) → extension; (root) → idle. Deltas in µs, 10 to 100 ms.
    const tasksProfile = {
      nodes: [
        { id: 1, callFrame: frame('(root)'), children: [2, 3, 4] },
        { id: 2, callFrame: frame('replaceRows', 'https://acme.zendesk.com/'), children: [] },
        { id: 3, callFrame: frame('onRecord', 'chrome-extension://abc/crm.js'), children: [] },
        { id: 4, callFrame: frame('(idle)'), children: [] },
      ],
      samples: [3, 2, 3, 4, 2, 3],
      timeDeltas: [10_000, 45_000, 8_000, 100_000, 60_000, 1_000],
    };
    // The first change's sample (index 1) is at 55 ms of the profile, 1,000 ms of the page's
    // clock: the samples fall at 955, 1000, 1008, 1108, 1168 and 1169 ms.
    const result = attributeProfile(tasksProfile, isOurs, 'replaceRows', {
      firstChangeAt: 1000,
      longTasks: [
        { start: 900, duration: 55 }, // the extension's 10 ms: 45 ms without it
        { start: 960, duration: 52 }, // the page's 45 ms and the extension's 8 ms after it
        { start: 1110, duration: 61 }, // the page's 60 ms: long without the extension's 1 ms
      ],
    });
    expect(result.longTasks).toBe(3);
    expect(result.longTasksMadeByExtension).toBe(2);
  });

  it('places no long task without the page’s timeline', () => {
    const result = attributeProfile(profile, isOurs, 'replaceRows');
    expect(result.longTasks).toBe(0);
    expect(result.longTasksMadeByExtension).toBe(0);
  });
});
