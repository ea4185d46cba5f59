import type { TriggerField } from './trigger-fields';
/** Chrome's `windows.WINDOW_ID_NONE`: no browser window has focus, the agent is in another program. */
export const WINDOW_ID_NONE = -1;

/** Chrome's `tabs.TAB_ID_NONE`: used for focus time in a window whose front tab is not known. */
export const TAB_ID_NONE = -1;

/** The app id of pages that are no known app; also used for non-web pages (`app: null`). */
export { OTHER_APP_ID } from '../../contract/ids';

/**
 * Touchpoint's own pages in a tab (options, welcome). Time there is no
 * app's and no switch away (issue #15): a gap of its own. No adapter id can take it (no colon).
 */
export const OWN_PAGES_APP: AppRef = { id: 'touchpoint:own', category: 'touchpoint:own' };

/** An app as the wiring classified it: adapter first, then the catalogue, else `other`. */
export type AppRef = {
  /** E.g. `zendesk`, `gmail`, `other`. */
  id: string;
  category: string;
  /** Only kept for `other`, and only when policy allows storing such domains. */
  domain?: string;
};

/** What `idle.onStateChanged` reports. */
export const IDLE_STATE = { active: 'active', idle: 'idle', locked: 'locked' } as const;
export type IdleState = (typeof IDLE_STATE)[keyof typeof IDLE_STATE];

/** A tab was brought to the front of its window. `app: null` = not a web page (browser UI, new tab). */
export type TabActivatedEvent = {
  type: 'tab.activated';
  tabId: number;
  windowId: number;
  app: AppRef | null;
};

/** The address of a tab changed (in front or not). Browsers repeat this several times per load. */
export type TabUpdatedEvent = { type: 'tab.updated'; tabId: number; app: AppRef | null };

export type TabRemovedEvent = { type: 'tab.removed'; tabId: number };

/**
 * The tab left `windowId` (`tabs.onDetached`): the agent drags it out, or moves it to another
 * window. It keeps its id, app and record; `tab.attached` says where it went.
 */
export type TabDetachedEvent = { type: 'tab.detached'; tabId: number; windowId: number };

/** The tab went into `windowId` (`tabs.onAttached`), after its `tab.detached`. */
export type TabAttachedEvent = { type: 'tab.attached'; tabId: number; windowId: number };

/**
 * Chrome swapped in a prerendered or instant page under a new tab id (`tabs.onReplaced`): for the
 * agent the same tab, now `addedTabId`. No `tab.removed` comes for `removedTabId`.
 */
export type TabReplacedEvent = { type: 'tab.replaced'; addedTabId: number; removedTabId: number };

/** `windowId: WINDOW_ID_NONE` = the agent left the browser for another program. */
export type WindowFocusedEvent = { type: 'window.focused'; windowId: number };

/** Reported by the browser once the idle threshold has already elapsed (see `idleThresholdMs`). */
export type IdleChangedEvent = { type: 'idle.changed'; state: IdleState };

/**
 * Whether the agent is on a call: a tab of an app in the `phone` category (a softphone, CTI) is
 * playing sound, as the prompt policy takes it (`readAgentState`). Listening and talking need no
 * keyboard or mouse, so `idle` counts as active meanwhile. Nothing else about the call is kept.
 */
export type CallChangedEvent = { type: 'call.changed'; onCall: boolean };

/** The content script read which record a tab shows, and its status as the adapter read it. */
export type RecordSeenEvent = {
  type: 'record.seen';
  tabId: number;
  recordKey: string;
  app: string;
  status?: string;
  /** The fields admin triggers watch (`TRIGGER_FIELDS`), as the adapter read them. */
  fields?: Readonly<Partial<Record<TriggerField, string>>>;
  /** Who the record is about, as identity keys (`email:…`, `phone:…`, `id:…`): see `isLookup`. */
  identityKeys?: readonly string[];
  /**
   * The tab no longer shows the record: this is its last state, read after it left (issue #15).
   * It may end the record's interaction; it does not put the record back in the tab.
   */
  departed?: boolean;
};

/** The tab no longer shows a record. */
export type RecordClearedEvent = { type: 'record.cleared'; tabId: number };

/** The agent paused or resumed measurement (when policy allows pausing). */
export type PausedChangedEvent = { type: 'paused.changed'; paused: boolean };

/**
 * Nothing happened, but time passed: sent when a record in front becomes due to supersede the
 * interaction in progress (`SUPERSEDE_AFTER_MS`), so that it does on time.
 */
export type ClockTickEvent = { type: 'clock.tick' };

/** Everything the wiring feeds the tracker. Events carry no time: the reducer gets it as `now`. */
export type TrackerEvent =
  | TabActivatedEvent
  | TabUpdatedEvent
  | TabRemovedEvent
  | TabDetachedEvent
  | TabAttachedEvent
  | TabReplacedEvent
  | WindowFocusedEvent
  | IdleChangedEvent
  | CallChangedEvent
  | RecordSeenEvent
  | RecordClearedEvent
  | PausedChangedEvent
  | ClockTickEvent;
