/** The `from`/`to` of a switch while the agent is in another program than the browser. */
export const OUTSIDE = 'outside';

/**
 * Why time is not a focus segment. Priority when several hold: paused › locked › idle › outside ›
 * ownPage (one of Touchpoint's own pages in front, in a tab: neither a ticket's time nor a switch).
 */
export const GAP_KIND = {
  idle: 'idle',
  locked: 'locked',
  outside: 'outside',
  paused: 'paused',
  ownPage: 'own-page',
} as const;
export type GapKind = (typeof GAP_KIND)[keyof typeof GAP_KIND];

/** Why an interaction ended. */
export const END_REASON = {
  /** The adapter read a closed status (`closedStatuses`) for the record. */
  closed: 'closed',
  /** Another open record came in front. */
  superseded: 'superseded',
  /** Idle or locked for longer than `interactionIdleEndMs`; ends when idleness started. */
  idle: 'idle',
  /** The last tab showing the record was closed. */
  tabRemoved: 'tab-removed',
  /** `flushTracker(…, { endInteractions: true })`: end of day, tracking switched off. */
  flush: 'flush',
  /** An admin-defined trigger: a watched field of the record showed one of its values. */
  adminTrigger: 'admin-trigger',
} as const;
export type EndReason = (typeof END_REASON)[keyof typeof END_REASON];

/** One app in front, browser focused, agent not idle, tracking not paused. `[start, end)`, epoch ms. */
export type SegmentOutput = {
  type: 'segment';
  app: string;
  category: string;
  /** Only for `other` apps, and only when `storeOtherDomains` allows it. */
  domain?: string;
  tabId: number;
  /** The record the tab showed, if any. */
  recordKey?: string;
  start: number;
  end: number;
};

/** Time that is no focus segment; segments and gaps tile the tracked time without overlap. */
export type GapOutput = { type: 'gap'; kind: GapKind; start: number; end: number };

/** A change of the app in front, including leaving the browser and coming back (`outside`). */
export type SwitchOutput = {
  type: 'switch';
  from: string;
  to: string;
  at: number;
  /** The interaction this switch is counted for. */
  recordKey?: string;
};

/** A change of tab in front within one app (only when `countInAppTabSwitches`). */
export type InAppTabSwitchOutput = {
  type: 'inAppTabSwitch';
  app: string;
  fromTabId: number;
  toTabId: number;
  at: number;
  recordKey?: string;
};

export type InteractionStartedOutput = {
  type: 'interaction.started';
  recordKey: string;
  app: string;
  start: number;
};

/** What an interaction cost the agent; every figure covers the interaction's `[start, end]` only. */
export type InteractionFigures = {
  /** Focus time on the record itself: a segment whose tab shows the record. */
  handleMs: number;
  /** Focus time on anything else while the interaction is active (other apps, other pages). */
  awayMs: number;
  /** Time outside the browser while the interaction is active. */
  outsideMs: number;
  switchCount: number;
  inAppTabSwitches: number;
  /** Times focus came back to the record after a segment elsewhere or time outside. */
  returns: number;
  /** Apps with focus time while active, including the record's own; `appsUsed.length`. */
  distinctApps: number;
  /** Those apps in the order they were first used. */
  appsUsed: string[];
  /**
   * Focus time on the same customer's record in another app, per app in first-use order (issue
   * #15 "one interaction per piece of work"): context gathered for this record. Part of `awayMs`.
   * Absent when there was none (and in interactions stored before it existed).
   */
  lookups?: LookupFigure[];
};

/** Time spent looking the interaction's customer up in one other app. */
export type LookupFigure = { app: string; ms: number };

export type InteractionEndedOutput = {
  type: 'interaction.ended';
  recordKey: string;
  app: string;
  start: number;
  end: number;
  endReason: EndReason;
} & InteractionFigures;

/** What the reducer emits; the wiring stores them and turns summaries into outbox events. */
export type TrackerOutput =
  | SegmentOutput
  | GapOutput
  | SwitchOutput
  | InAppTabSwitchOutput
  | InteractionStartedOutput
  | InteractionEndedOutput;
