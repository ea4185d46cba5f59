import { WINDOW_ID_NONE } from './events';
import type { TrackerState } from './state';
import { frontTabOf } from './tab-table';

/** What the browser says is in front when asked (`windows.getLastFocused`), not what it reported. */
export type FocusTruth = {
  /** The browser window that has the focus, or WINDOW_ID_NONE when none has. */
  windowId: number;
  /** Its active tab, when it has one (Touchpoint's popup and DevTools windows have none). */
  tabId?: number;
};

/** What to report so the tracker believes the truth again: a window focus, then its front tab. */
export type FocusCorrection = { windowId: number; tabId?: number };

/**
 * Reconciles the tracker's belief with the browser's answer (issue #15). Chrome sends no focus
 * event when its permission dialog or an extension's popup closes, so a belief of "outside" can
 * outlive the agent's return; the answer ends it. Only that direction is corrected here: leaving
 * the browser is Chrome's to report, and the window system's answer lags behind it. (While Chrome
 * is silent after such a "no window", the wiring asks for the leave itself: `wireTracker`.)
 */
export function focusCorrection(
  belief: Pick<TrackerState, 'focusedWindowId' | 'frontTabs'>,
  truth: FocusTruth,
): FocusCorrection | null {
  if (truth.windowId === WINDOW_ID_NONE) return null;
  const windowWrong = belief.focusedWindowId !== truth.windowId;
  const tabWrong =
    truth.tabId !== undefined && frontTabOf(belief.frontTabs, truth.windowId) !== truth.tabId;
  if (!windowWrong && !tabWrong) return null;
  return tabWrong ? { windowId: truth.windowId, tabId: truth.tabId } : { windowId: truth.windowId };
}
