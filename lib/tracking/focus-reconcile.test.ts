import { describe, expect, it } from 'vitest';
import { WINDOW_ID_NONE } from './events';
import { focusCorrection } from './focus-reconcile';

const frontTabs = [
  { windowId: 1, tabId: 10 },
  { windowId: 2, tabId: 20 },
];

describe('focusCorrection', () => {
  it('ends a stale "outside" when the browser says a window has the focus', () => {
    expect(
      focusCorrection({ focusedWindowId: WINDOW_ID_NONE, frontTabs }, { windowId: 1 }),
    ).toEqual({ windowId: 1 });
  });

  it('reports the front tab too when the tracker missed its activation', () => {
    expect(
      focusCorrection({ focusedWindowId: WINDOW_ID_NONE, frontTabs }, { windowId: 1, tabId: 11 }),
    ).toEqual({ windowId: 1, tabId: 11 });
    expect(focusCorrection({ focusedWindowId: 1, frontTabs }, { windowId: 1, tabId: 11 })).toEqual({
      windowId: 1,
      tabId: 11,
    });
  });

  it('follows the browser to another of its windows', () => {
    expect(focusCorrection({ focusedWindowId: 1, frontTabs }, { windowId: 2, tabId: 20 })).toEqual({
      windowId: 2,
    });
  });

  it('changes nothing when the belief is true, or when no window has the focus', () => {
    expect(
      focusCorrection({ focusedWindowId: 1, frontTabs }, { windowId: 1, tabId: 10 }),
    ).toBeNull();
    // Touchpoint's own page in front: no tab to report, the window is right.
    expect(focusCorrection({ focusedWindowId: 1, frontTabs }, { windowId: 1 })).toBeNull();
    // Leaving the browser is Chrome's to report; the window system's answer lags behind it.
    expect(
      focusCorrection({ focusedWindowId: 1, frontTabs }, { windowId: WINDOW_ID_NONE }),
    ).toBeNull();
  });
});
