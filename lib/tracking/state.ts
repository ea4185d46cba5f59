import { IDLE_STATE, WINDOW_ID_NONE, type IdleState } from './events';
import { GAP_KIND, type GapKind, type InteractionFigures, type LookupFigure } from './outputs';
import type { FrontTab, TabEntry } from './tab-table';

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

/** The interaction in progress, with its figures so far (credited up to `accountedUntil`). */
export type ActiveInteraction = Omit<InteractionFigures, 'distinctApps' | 'lookups'> & {
  lookups: LookupFigure[];
  recordKey: string;
  app: string;
  /** Its record's customer, as last read: records of other apps sharing one are lookups. */
  identityKeys: readonly string[];
  /** Records taken as lookups for this interaction: their focus time goes to `lookups`. */
  lookupRecords: string[];
  start: number;
  accountedUntil: number;
  /** Focus went elsewhere since the record was last in front: the next time it is, is a return. */
  leftRecord: boolean;
  /**
   * The tab that last showed its record in front: closing it ends the interaction when no other
   * tab shows the record, even if the tab had gone on (to the requester's profile). Absent: none.
   */
  tabId?: number;
};

/**
 * Everything the tracker knows, as plain JSON: the wiring persists it with every step and restores
 * it when the service worker wakes, which changes no figure.
 */
export type TrackerState = {
  version: typeof TRACKER_STATE_VERSION;
  /** Time of the latest event or flush; earlier `now`s are raised to it. */
  lastEventAt: number;
  focusedWindowId: number;
  /** The tab in front of each window. */
  frontTabs: FrontTab[];
  /**
   * The tab in front that is moving to another window (detached, not attached yet): it stays in
   * front of the agent, whatever the window it left brings to the front meanwhile. Absent: none.
   */
  movingTabId?: number;
  /** Known tabs: their app, classified with the config (`null`: not a web page), and record. */
  tabs: TabEntry[];
  /**
   * Idleness as the tracker counts it: the browser's report, except that `idle` counts as active
   * while the agent is on a call (`onCall`), and for `idleThresholdMs` after it (`quietSince`).
   */
  idle: IdleState;
  /** When the current idleness started (backdated); null while active. */
  idleSince: number | null;
  /** What the browser last reported (`idle.changed`). Absent in states stored before: `idle`. */
  reportedIdle?: IdleState;
  /** A phone app's tab is playing sound (`call.changed`). Absent in states stored before: no. */
  onCall?: boolean;
  /**
   * The call ended here with the browser reporting `idle` and no input since: the agent is idle
   * from here once that has lasted `idleThresholdMs`, as if their last input was the call's end.
   */
  quietSince?: number;
  paused: boolean;
  /**
   * When the agent paused (while paused): an interaction whose record is closed meanwhile ends
   * there. Absent in states stored before it existed: the paused gap's start stands in.
   */
  pausedSince?: number;
  /** Null while tracking is off. */
  span: OpenSpan | null;
  /** Null until the first attended location is known (no switch from nowhere). */
  lastLocation: AttentionLocation | null;
  interaction: ActiveInteraction | null;
  /** Latest interaction start or end, or call end: idleness is never backdated across it. */
  attributionFloor: number;
  /** Whether `other` domains may be in this state (policy allowed them when they came in). */
  otherDomainsKept: boolean;
  /**
   * The lookups still on screen when their interaction ended (the ticket solved while the agent
   * was on the customer's contact, its tab closed beside it): none starts an interaction of its
   * own until the agent has been on a tab that shows none of them. Absent: none.
   */
  restingLookups?: string[];
  /**
   * Another record in front since `since`, which supersedes the interaction in progress once it
   * has stayed there `SUPERSEDE_AFTER_MS`. Absent in states stored before it existed: none.
   */
  contender?: { recordKey: string; since: number };
};

/** Bumped whenever the state's shape changes: a stored state of another version is not resumed. */
export const TRACKER_STATE_VERSION = 3;

/** Whether a stored value is a state this build can resume (not one from an older build). */
export function isCurrentTrackerState(value: unknown): value is TrackerState {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { version?: unknown }).version === TRACKER_STATE_VERSION
  );
}

/**
 * A tracker that has seen nothing yet: outside the browser until the wiring reports focus, or
 * paused when the agent's pause carries over from the last session (only they end it).
 */
export function initialTrackerState(now: number, paused = false): TrackerState {
  return {
    version: TRACKER_STATE_VERSION,
    lastEventAt: now,
    focusedWindowId: WINDOW_ID_NONE,
    frontTabs: [],
    movingTabId: undefined,
    tabs: [],
    idle: IDLE_STATE.active,
    idleSince: null,
    reportedIdle: IDLE_STATE.active,
    onCall: false,
    quietSince: undefined,
    paused,
    pausedSince: paused ? now : undefined,
    span: { kind: paused ? GAP_KIND.paused : 'outside', start: now },
    lastLocation: null,
    interaction: null,
    attributionFloor: now,
    otherDomainsKept: false,
    // Present from the start, if empty: states of one shape keep the reducer's code fast in V8.
    restingLookups: undefined,
    contender: undefined,
  };
}
