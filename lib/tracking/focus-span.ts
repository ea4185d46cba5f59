import { IDLE_STATE, OTHER_APP_ID, OWN_PAGES_APP, TAB_ID_NONE, WINDOW_ID_NONE } from './events';
import { GAP_KIND, OUTSIDE, type GapKind, type GapOutput, type SegmentOutput } from './outputs';
import type { AttentionLocation, OpenSpan, TrackerState } from './state';
import { findTab, frontTabOf, type TabEntry, type TabRecord } from './tab-table';

const OUTSIDE_LOCATION: AttentionLocation = { app: OUTSIDE, tabId: TAB_ID_NONE };

/** The gap the state calls for, or null when the agent is focused on a browser tab. */
function gapKindOf(state: TrackerState): GapKind | null {
  if (state.paused) return GAP_KIND.paused;
  if (state.idle === IDLE_STATE.locked) return GAP_KIND.locked;
  if (state.idle === IDLE_STATE.idle) return GAP_KIND.idle;
  if (state.focusedWindowId === WINDOW_ID_NONE) return GAP_KIND.outside;
  return frontTab(state)?.app?.id === OWN_PAGES_APP.id ? GAP_KIND.ownPage : null;
}

/**
 * The id of the focused window's front tab; while the tab in front moves to another window
 * (`movingTabId`), that tab: it never left the agent's eyes.
 */
function frontTabId(state: TrackerState): number | undefined {
  if (state.focusedWindowId === WINDOW_ID_NONE) return undefined;
  return state.movingTabId ?? frontTabOf(state.frontTabs, state.focusedWindowId);
}

/**
 * The focused window's front tab, attended or not (an interaction may end in idleness); one with
 * no entry yet has no app and no record.
 */
export function frontTab(state: TrackerState): TabEntry | undefined {
  const tabId = frontTabId(state);
  return tabId === undefined ? undefined : (findTab(state.tabs, tabId) ?? { tabId, app: null });
}

/**
 * The span the state calls for from `start`, or null when the open span already is it. A focused
 * window whose front tab is unknown (its front tab was just closed, or the window was never
 * reported) keeps the open segment, or the gap of an own page whose tab was closed: Chrome reports
 * the newly active tab right after, and guessing would add a blip of `other` and two switches that
 * did not happen.
 */
export function changedSpan(state: TrackerState, start: number): OpenSpan | null {
  const current = state.span;
  const gap = gapKindOf(state);
  if (gap !== null) return current?.kind === gap ? null : { kind: gap, start };

  const tabId = frontTabId(state);
  if (tabId === undefined) {
    if (current?.kind === 'segment' || current?.kind === GAP_KIND.ownPage) return null;
    return {
      kind: 'segment',
      app: OTHER_APP_ID,
      category: OTHER_APP_ID,
      tabId: TAB_ID_NONE,
      start,
    };
  }
  const entry = findTab(state.tabs, tabId);
  const app = entry?.app ?? null;
  const appId = app?.id ?? OTHER_APP_ID;
  const category = app?.category ?? OTHER_APP_ID;
  const domain = app?.domain;
  const recordKey = entry?.record?.recordKey;
  if (
    current?.kind === 'segment' &&
    current.tabId === tabId &&
    current.app === appId &&
    current.category === category &&
    current.domain === domain &&
    current.recordKey === recordKey
  ) {
    return null;
  }
  const span: OpenSpan = { kind: 'segment', app: appId, category, tabId, start };
  if (domain !== undefined) span.domain = domain;
  if (recordKey !== undefined) span.recordKey = recordKey;
  return span;
}

/** The record in front of an attending agent, if any: an interaction may start or take over. */
export function recordInFront(state: TrackerState): TabRecord | undefined {
  if (state.paused || state.idle !== IDLE_STATE.active) return undefined;
  return frontTab(state)?.record;
}

/**
 * Where attention is during this span. Null (no switch to or from it) for idle, locked, paused and
 * Touchpoint's own pages, and for a focused window whose front tab is not known yet: its tab is reported right after.
 */
export function locationOf(span: OpenSpan): AttentionLocation | null {
  if (span.kind === 'segment') {
    return span.tabId === TAB_ID_NONE ? null : { app: span.app, tabId: span.tabId };
  }
  return span.kind === GAP_KIND.outside ? OUTSIDE_LOCATION : null;
}

/** The output for a span that ends at `end`. */
export function spanOutput(span: OpenSpan, end: number): SegmentOutput | GapOutput {
  if (span.kind !== 'segment') return { type: 'gap', kind: span.kind, start: span.start, end };
  const segment: SegmentOutput = {
    type: 'segment',
    app: span.app,
    category: span.category,
    tabId: span.tabId,
    start: span.start,
    end,
  };
  if (span.domain !== undefined) segment.domain = span.domain;
  if (span.recordKey !== undefined) segment.recordKey = span.recordKey;
  return segment;
}
