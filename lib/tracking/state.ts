import { IDLE_STATE, WINDOW_ID_NONE, type AppRef, type IdleState } from './events';
import type { GapKind } from './outputs';

/** The span in progress: a focus segment or a gap, with its start; closed by the next change. */
export type OpenSpan =
  | {
      kind: 'segment';
      app: string;
      category: string;
      domain?: string;
      tabId: number;
      recordKey?: string;
      start: number;
    }
  | { kind: GapKind; start: number };

/** Where the agent's attention was when last attended: an app's tab, or `outside` (tabId -1). */
export type AttentionLocation = { app: string; tabId: number };

/** The record a tab shows; `closed` when its status is one of `closedStatuses`. */
export type TabRecord = { recordKey: string; app: string; closed: boolean };

/** The interaction in progress, with its figures so far (credited up to `accountedUntil`). */
export type ActiveInteraction = {
  recordKey: string;
  app: string;
  start: number;
  accountedUntil: number;
  handleMs: number;
  awayMs: number;
  outsideMs: number;
  switchCount: number;
  inAppTabSwitches: number;
  returns: number;
  appsUsed: string[];
  /** Focus went elsewhere since the record was last in front: the next time it is, is a return. */
  leftRecord: boolean;
};

/**
 * Everything the tracker knows, as plain JSON: the wiring keeps it in `storage.session` and restores
 * it when the service worker wakes. Maps are keyed by window and tab ids.
 */
export type TrackerState = {
  version: 1;
  /** Time of the latest event or flush; earlier `now`s are raised to it. */
  lastEventAt: number;
  focusedWindowId: number;
  /** windowId → the tab in front of that window. */
  frontTabs: Record<number, number>;
  /** tabId → its app, already classified with the config (`null`: not a web page). */
  tabApps: Record<number, AppRef | null>;
  /** tabId → the record it shows. Empty while tracking is off. */
  tabRecords: Record<number, TabRecord>;
  idle: IdleState;
  /** When the current idleness started (backdated); null while active. */
  idleSince: number | null;
  paused: boolean;
  /** Null while tracking is off. */
  span: OpenSpan | null;
  /** Null until the first attended location is known (no switch from nowhere). */
  lastLocation: AttentionLocation | null;
  interaction: ActiveInteraction | null;
  /** Latest interaction start or end: idleness is never backdated across it. */
  attributionFloor: number;
};

/** A tracker that has seen nothing yet: outside the browser until the wiring reports focus. */
export function initialTrackerState(now: number): TrackerState {
  return {
    version: 1,
    lastEventAt: now,
    focusedWindowId: WINDOW_ID_NONE,
    frontTabs: {},
    tabApps: {},
    tabRecords: {},
    idle: IDLE_STATE.active,
    idleSince: null,
    paused: false,
    span: { kind: 'outside', start: now },
    lastLocation: null,
    interaction: null,
    attributionFloor: now,
  };
}
