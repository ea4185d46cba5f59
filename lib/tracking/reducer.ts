import { classifyApp, endReasonOf, isTrackedApp, type TrackerConfig } from './config';
import {
  IDLE_STATE,
  OTHER_APP_ID,
  WINDOW_ID_NONE,
  type AppRef,
  type IdleState,
  type RecordSeenEvent,
  type TrackerEvent,
} from './events';
import { changedSpan, frontTab, locationOf, recordInFront, spanOutput } from './focus-span';
import {
  continuedOnWork,
  creditSpan,
  endedOutput,
  isLookup,
  isWorkOnCustomer,
  noteAttention,
  startInteraction,
  startedOutput,
  withLookupRecord,
} from './interaction';
import {
  END_REASON,
  GAP_KIND,
  OUTSIDE,
  type EndReason,
  type InAppTabSwitchOutput,
  type SwitchOutput,
  type TrackerOutput,
} from './outputs';
import {
  initialTrackerState,
  isCurrentTrackerState,
  type OpenSpan,
  type TrackerState,
} from './state';
import {
  findTab,
  frontTabOf,
  withFrontTab,
  withoutFrontTab,
  withoutTab,
  withTab,
  type TabEntry,
  type TabRecord,
} from './tab-table';

/** The new state and what happened, in order. */
export type TrackerStep = { state: TrackerState; outputs: TrackerOutput[] };

export type FlushOptions = {
  /**
   * Keep the last `idleThresholdMs` of an attended span open. The browser reports idle only after
   * the threshold, and idleness is never backdated before the open span's start, so a periodic
   * flush that closed at `now` would move figures whenever it fell inside that window; with this,
   * periodic flushes change no figure. Use it for the wiring's periodic alarm.
   */
  holdBackIdleWindow?: boolean;
  /** End the active interaction with reason `flush` (end of day, tracking switched off). */
  endInteractions?: boolean;
};

/**
 * Until when the tracker's time is closed in spans: the open span's start (a flush holding back
 * the idle window leaves up to `idleThresholdMs` open), or its last step while tracking is off.
 * Spans before it were output with the steps that led to `state`; none will start before it.
 * Hourly totals go up to here only, or an hour's last minute stored later is never counted.
 */
export function closedUntil(state: TrackerState): number {
  return state.span?.start ?? state.lastEventAt;
}

/**
 * How far before the tracker's last step the wiring may stamp a step and still be in order: it
 * stamps on arrival and handles in arrival order, so only a focus that waited to settle comes a
 * little early. Earlier than this, the computer's clock was set back.
 */
export const CLOCK_SET_BACK_MS = 2 * 60_000;

/**
 * The computer's clock was set back to `now` (time sync correcting a clock that ran fast, say):
 * the last steps are later on the old clock than any step can be on the new one until it catches
 * up, and raised to `lastEventAt` as a slipped step is, every step until then would measure
 * nothing (a clock set back an hour: an hour of work lost). Instead what was measured is closed
 * at the old clock's last step, the interaction in progress ends there (`flush`, as at the end of
 * a day), and the tracker goes on from `now` with attention where it is. The wiring calls this:
 * only it knows its stamps are in order (the reducer takes any earlier stamp as simultaneous).
 */
export function rebaseAfterClockSetBack(
  state: TrackerState,
  now: number,
  config: TrackerConfig,
): TrackerStep {
  const closed = flushTracker(state, state.lastEventAt, config, { endInteractions: true });
  const { span, idleSince } = closed.state;
  return {
    state: {
      ...closed.state,
      lastEventAt: now,
      span: span && { ...span, start: now },
      idleSince: idleSince === null ? null : now,
      quietSince: closed.state.quietSince === undefined ? undefined : now,
      attributionFloor: now,
      contender: undefined,
    },
    outputs: closed.outputs,
  };
}

/**
 * The longest the wiring goes without a step while the computer runs: its alarm flushes every
 * minute. A longer silence means nothing ran: the computer slept (a lid closed without locking),
 * or its clock was set forward.
 */
export const SILENCE_MEANS_ASLEEP_MS = 5 * 60_000;

/**
 * Nothing ran between the last step and `now` (`SILENCE_MEANS_ASLEEP_MS`): no event saw the
 * agent, and measured as it stood, a night asleep with the CRM in front was a night in the CRM.
 * The silence is taken as a lock from the last step (never time in an app or away from it; an
 * interaction in progress ends there when the silence outlasts `interactionIdleEndMs`, as after
 * idleness), and attention is back at `now`, where the browser's next idle report corrects it if
 * the agent is not. The wiring calls this, as it does `rebaseAfterClockSetBack`.
 */
export function coverSilence(state: TrackerState, now: number, config: TrackerConfig): TrackerStep {
  const lock = { type: 'idle.changed', state: IDLE_STATE.locked } as const;
  const asleep = reduceTracker(state, lock, state.lastEventAt, config);
  const unlock = { type: 'idle.changed', state: IDLE_STATE.active } as const;
  const awake = reduceTracker(asleep.state, unlock, now, config);
  return { state: awake.state, outputs: [...asleep.outputs, ...awake.outputs] };
}

/**
 * The tracker as a pure reducer. `now` is the event's time (epoch ms). An event stamped earlier
 * than the previous one (the wiring stamps after async hops, so order can slip) is taken as
 * simultaneous with it: `now` is raised to `state.lastEventAt`, so no span is ever negative.
 * Never mutates `state`; unchanged parts of the new state are shared with it. A state stored by
 * a build with another state shape is dropped for a fresh one (nothing of it can be trusted).
 */
export function reduceTracker(
  state: TrackerState,
  event: TrackerEvent,
  now: number,
  config: TrackerConfig,
): TrackerStep {
  if (!isCurrentTrackerState(state)) {
    return reduceTracker(initialTrackerState(now), event, now, config);
  }
  const at = Math.max(now, state.lastEventAt);
  const next: TrackerState = applyDomainPolicy({ ...state, lastEventAt: at }, config);
  if (!config.enabled) {
    const outputs = stopTracking(next, state.lastEventAt, config);
    return { state: applyWhileDisabled(next, event, at, config), outputs };
  }

  const outputs: TrackerOutput[] = [];
  endForbiddenPause(next, at, config);
  settleQuiet(next, at, config, outputs);
  endExpiredInteraction(next, at, config, outputs);
  settleContender(next, at, outputs);
  const changeAt = applyEvent(next, event, at, config, outputs);
  if (next.span === null) resumeTracking(next, at);
  else moveSpan(next, changeAt, config, outputs);
  takeOverRecordInFront(next, at, outputs);
  return { state: next, outputs };
}

/**
 * Closes the open span at `now` without changing focus: the same span continues from `now`, so a
 * flush creates no switch, no return and no interaction boundary (unless `endInteractions`).
 * For periodic persistence pass `holdBackIdleWindow`; at end of day pass `endInteractions`.
 */
export function flushTracker(
  state: TrackerState,
  now: number,
  config: TrackerConfig,
  options: FlushOptions = {},
): TrackerStep {
  if (!isCurrentTrackerState(state)) return flushTracker(initialTrackerState(now), now, config);
  const at = Math.max(now, state.lastEventAt);
  const next: TrackerState = applyDomainPolicy({ ...state, lastEventAt: at }, config);
  if (!config.enabled) {
    const outputs = stopTracking(next, state.lastEventAt, config);
    return { state: forgetRecords(next, at), outputs };
  }

  const outputs: TrackerOutput[] = [];
  if (next.span === null) resumeTracking(next, at);
  if (endForbiddenPause(next, at, config)) moveSpan(next, at, config, outputs);
  settleQuiet(next, at, config, outputs);
  endExpiredInteraction(next, at, config, outputs);
  settleContender(next, at, outputs);
  const span = next.span;
  if (span !== null) {
    // Paused or not: a later idle report is backdated within the open span either way.
    const mayTurnIdle = next.idle === IDLE_STATE.active;
    const cut =
      options.holdBackIdleWindow && mayTurnIdle
        ? Math.max(at - config.idleThresholdMs, next.attributionFloor)
        : at;
    if (cut > span.start) {
      closeSpan(next, cut, outputs);
      next.span = { ...span, start: cut };
    }
  }
  if (options.endInteractions && next.interaction) {
    endInteraction(next, at, END_REASON.flush, outputs);
  }
  return { state: next, outputs };
}

/**
 * Policy no longer allows `other` domains: forget those kept so far, in the tabs and in the open
 * span (the state is persisted, and the span becomes a stored segment). `state` is a fresh copy.
 */
function applyDomainPolicy(state: TrackerState, config: TrackerConfig): TrackerState {
  if (config.storeOtherDomains) {
    state.otherDomainsKept = true;
    return state;
  }
  if (!state.otherDomainsKept) return state;
  state.otherDomainsKept = false;
  state.tabs = state.tabs.map((entry) =>
    entry.app?.domain === undefined ? entry : { ...entry, app: classifyApp(entry.app, config) },
  );
  const span = state.span;
  if (span?.kind === 'segment' && span.domain !== undefined) {
    const { domain: _domain, ...withoutDomain } = span;
    state.span = withoutDomain;
  }
  return state;
}

/** Applies the event to `state` (a fresh copy) and returns when the resulting change happened. */
function applyEvent(
  state: TrackerState,
  event: TrackerEvent,
  now: number,
  config: TrackerConfig,
  outputs: TrackerOutput[],
): number {
  switch (event.type) {
    case 'tab.activated':
      setTabApp(state, event.tabId, classifyApp(event.app, config));
      setFrontTab(state, event.windowId, event.tabId);
      return now;
    case 'tab.updated':
      setTabApp(state, event.tabId, classifyApp(event.app, config));
      return now;
    case 'tab.removed':
      removeTab(state, event.tabId, now, outputs);
      return now;
    case 'tab.detached':
      detachTab(state, event.tabId, event.windowId);
      return now;
    case 'tab.attached':
      attachTab(state, event.tabId, event.windowId);
      return now;
    case 'tab.replaced':
      replaceTab(state, event.addedTabId, event.removedTabId);
      return now;
    case 'window.focused':
      state.focusedWindowId = event.windowId < 0 ? WINDOW_ID_NONE : event.windowId;
      return now;
    case 'idle.changed':
      return changeIdle(state, event.state, now, config);
    case 'call.changed':
      return changeCall(state, event.onCall, now);
    case 'record.seen':
      seeRecord(state, event, now, config, outputs);
      return now;
    case 'record.cleared':
      clearRecord(state, event.tabId);
      return now;
    case 'paused.changed':
      setPaused(state, event.paused, now);
      return now;
    default:
      return now;
  }
}

/**
 * Tracking was just switched off (the state still tracks where attention is): what was measured
 * is closed, and the interaction in progress ends with reason `flush`, as it would at the end of
 * the day, both at `until`: the last step the tracker took with tracking on (an event, or the
 * minute's flush). When it was switched off since is not known, so nothing after that moment is
 * counted. Nothing when tracking was off already.
 */
function stopTracking(state: TrackerState, until: number, config: TrackerConfig): TrackerOutput[] {
  const outputs: TrackerOutput[] = [];
  if (state.span === null || state.lastLocation === null) return outputs;
  endExpiredInteraction(state, until, config, outputs);
  settleContender(state, until, outputs);
  closeSpan(state, until, outputs);
  endInteraction(state, until, END_REASON.flush, outputs);
  return outputs;
}

/** Tracking off: keep only where things are (to resume correctly), forget records, emit nothing. */
function applyWhileDisabled(
  state: TrackerState,
  event: TrackerEvent,
  now: number,
  config: TrackerConfig,
): TrackerState {
  const next = forgetRecords(state, now);
  switch (event.type) {
    case 'tab.activated':
      setTabApp(next, event.tabId, classifyApp(event.app, config));
      setFrontTab(next, event.windowId, event.tabId);
      break;
    case 'tab.updated':
      setTabApp(next, event.tabId, classifyApp(event.app, config));
      break;
    case 'tab.removed':
      removeTab(next, event.tabId, now, []);
      break;
    case 'tab.detached':
      detachTab(next, event.tabId, event.windowId);
      break;
    case 'tab.attached':
      attachTab(next, event.tabId, event.windowId);
      break;
    case 'tab.replaced':
      replaceTab(next, event.addedTabId, event.removedTabId);
      break;
    case 'window.focused':
      next.focusedWindowId = event.windowId < 0 ? WINDOW_ID_NONE : event.windowId;
      break;
    case 'idle.changed':
      next.reportedIdle = event.state;
      next.idle = countedIdle(event.state, next.onCall === true);
      next.quietSince = undefined;
      break;
    case 'call.changed':
      // Nothing is measured while off: a call's end is no reason to wait for idleness.
      next.onCall = event.onCall;
      next.idle = countedIdle(reportedIdleOf(next), event.onCall);
      next.quietSince = undefined;
      break;
    case 'paused.changed':
      setPaused(next, event.paused, now);
      break;
    default:
      break;
  }
  return next;
}

function forgetRecords(state: TrackerState, now: number): TrackerState {
  const tabs = state.tabs.some((entry) => entry.record)
    ? state.tabs.map(({ record: _record, ...entry }) => entry)
    : state.tabs;
  return {
    ...state,
    lastEventAt: now,
    tabs,
    span: null,
    lastLocation: null,
    interaction: null,
    idleSince: null,
  };
}

/** Tracking was off: start afresh from what is in front now, without a switch from before. */
function resumeTracking(state: TrackerState, now: number) {
  const span = changedSpan(state, now);
  if (span === null) return;
  state.span = span;
  state.lastLocation = locationOf(span);
  state.attributionFloor = now;
  if (state.idle !== IDLE_STATE.active && state.idleSince === null) state.idleSince = now;
}

function sameApp(a: AppRef | null | undefined, b: AppRef | null) {
  if (a === b) return true;
  if (!a || !b) return false;
  return a.id === b.id && a.category === b.category && a.domain === b.domain;
}

function setTabApp(state: TrackerState, tabId: number, app: AppRef | null) {
  const entry = findTab(state.tabs, tabId);
  // A tab that left its record's app no longer shows that record. Within the same app the content
  // script reports the next record itself (SPAs fire several updates per navigation).
  const record =
    entry?.record && entry.record.app === (app?.id ?? OTHER_APP_ID) ? entry.record : undefined;
  if (entry?.app !== undefined && sameApp(entry.app, app) && record === entry.record) return;
  const next: TabEntry = { tabId, app };
  if (record) next.record = record;
  state.tabs = withTab(state.tabs, next);
}

function setFrontTab(state: TrackerState, windowId: number, tabId: number) {
  if (windowId < 0) return;
  if (state.movingTabId === tabId) return attachTab(state, tabId, windowId);
  for (const front of state.frontTabs) {
    if (front.windowId === windowId && front.tabId === tabId) return;
  }
  state.frontTabs = withFrontTab(state.frontTabs, windowId, tabId);
}

/**
 * A tab moves to another window: the agent drags it out into a new one (or onto another window's
 * tabs), or Chrome's "Move tab to new window". When it is the tab in front of the agent, it stays
 * in front until it lands (`movingTabId`): the neighbour the window it left brings to the front
 * is no switch. Before, a drag out counted a switch away to that neighbour and a return.
 */
function detachTab(state: TrackerState, tabId: number, windowId: number) {
  const inFront =
    state.focusedWindowId === windowId && frontTabOf(state.frontTabs, windowId) === tabId;
  state.frontTabs = withoutFrontTab(state.frontTabs, tabId);
  if (inFront) state.movingTabId = tabId;
}

/**
 * A moving tab in front lands in `windowId`, in front there, and the focus goes with it: the
 * agent is where they dropped it (Chrome names that window a moment later, after the settling).
 * A tab that was not in front lands unseen: its activation there says the rest.
 */
function attachTab(state: TrackerState, tabId: number, windowId: number) {
  if (state.movingTabId !== tabId) return;
  state.movingTabId = undefined;
  state.frontTabs = withFrontTab(state.frontTabs, windowId, tabId);
  if (state.focusedWindowId !== WINDOW_ID_NONE) state.focusedWindowId = windowId;
}

/**
 * Chrome swapped in a prerendered page under a new id: the same tab for the agent. What was known
 * of the removed id (its app and record, its place in front, the open segment, the ticket's tab)
 * goes to the added one, so nothing is a switch and the ticket keeps its time. Before, the tracker
 * held on to an id that no longer existed and took the new one for an unknown tab. An added id the
 * tracker already knows has reported itself: it stays as it is. The page swapped in may show
 * another address: the wiring reports it right after, as a navigation.
 */
function replaceTab(state: TrackerState, addedTabId: number, removedTabId: number) {
  const removed = findTab(state.tabs, removedTabId);
  if (removed) {
    state.tabs = withoutTab(state.tabs, removedTabId);
    if (!findTab(state.tabs, addedTabId)) {
      state.tabs = withTab(state.tabs, { ...removed, tabId: addedTabId });
    }
  }
  const front = state.frontTabs.find((candidate) => candidate.tabId === removedTabId);
  if (front) state.frontTabs = withFrontTab(state.frontTabs, front.windowId, addedTabId);
  if (state.movingTabId === removedTabId) state.movingTabId = addedTabId;
  const span = state.span;
  if (span?.kind === 'segment' && span.tabId === removedTabId) {
    state.span = { ...span, tabId: addedTabId };
  }
  if (state.lastLocation?.tabId === removedTabId) {
    state.lastLocation = { ...state.lastLocation, tabId: addedTabId };
  }
  if (state.interaction?.tabId === removedTabId) {
    state.interaction = { ...state.interaction, tabId: addedTabId };
  }
}

function removeTab(state: TrackerState, tabId: number, now: number, outputs: TrackerOutput[]) {
  const entry = findTab(state.tabs, tabId);
  if (entry) state.tabs = withoutTab(state.tabs, tabId);
  state.frontTabs = withoutFrontTab(state.frontTabs, tabId);
  if (state.movingTabId === tabId) state.movingTabId = undefined;
  const interaction = state.interaction;
  if (!interaction) return;
  // The ticket's tab may have gone on to something else (its requester's profile, a ticket passed
  // through): closing it closes the ticket's last tab all the same.
  const itsTab = entry?.record?.recordKey === interaction.recordKey || interaction.tabId === tabId;
  const shownElsewhere = state.tabs.some(
    (other) => other.record?.recordKey === interaction.recordKey,
  );
  if (itsTab && !shownElsewhere) endOrPauseEnd(state, now, END_REASON.tabRemoved, outputs);
}

/**
 * Ends the interaction at `now` for `reason`, unless the agent has paused measurement: nothing
 * may be dated inside a pause (a solve read then told the collector when the paused agent
 * solved the ticket, and prompted), so it ends where the pause began, as a flush, which asks
 * nothing.
 */
function endOrPauseEnd(
  state: TrackerState,
  now: number,
  reason: EndReason,
  outputs: TrackerOutput[],
) {
  if (!state.paused) return endInteraction(state, now, reason, outputs);
  const pausedGap = state.span?.kind === GAP_KIND.paused ? state.span.start : now;
  endInteraction(state, state.pausedSince ?? pausedGap, END_REASON.flush, outputs);
}

/**
 * A pause the admin no longer allows (`allowPause` turned off while the agent was paused, or
 * before a browser restart that kept the pause) ends now: otherwise it lasted until the agent
 * resumed, which they may never do. Returns whether it ended one.
 */
function endForbiddenPause(state: TrackerState, now: number, config: TrackerConfig): boolean {
  if (!state.paused || config.allowPause) return false;
  setPaused(state, false, now);
  return true;
}

function setPaused(state: TrackerState, paused: boolean, now: number) {
  if (paused && !state.paused) state.pausedSince = now;
  if (!paused) state.pausedSince = undefined;
  state.paused = paused;
}

function seeRecord(
  state: TrackerState,
  event: RecordSeenEvent,
  now: number,
  config: TrackerConfig,
  outputs: TrackerOutput[],
) {
  if (!isTrackedApp(event.app, config)) {
    if (!event.departed) clearRecord(state, event.tabId);
    return;
  }
  const endReason = endReasonOf(event, config);
  const closed = endReason !== null;
  const entry = findTab(state.tabs, event.tabId);
  const current = entry?.record;
  // A departed record's last state changes no tab: the tab shows whatever came next.
  const identityKeys = event.identityKeys ?? [];
  if (
    !event.departed &&
    (current?.recordKey !== event.recordKey ||
      current.app !== event.app ||
      current.closed !== closed ||
      !sameKeys(current.identityKeys ?? [], identityKeys))
  ) {
    const record = tabRecordOf(event, closed, identityKeys);
    state.tabs = withTab(state.tabs, { ...entry, tabId: event.tabId, record });
  }
  // The customer may be read later than the record (an API answer): lookups compare the latest.
  const interaction = state.interaction;
  if (
    interaction?.recordKey === event.recordKey &&
    identityKeys.length > 0 &&
    !sameKeys(interaction.identityKeys, identityKeys)
  ) {
    state.interaction = { ...interaction, identityKeys };
  }
  if (endReason === null) return;
  // Closed is a fact about the record, not the tab: another tab still showing the old status
  // must not start it again (and a repeated report must not end and restart it).
  if (
    state.tabs.some((other) => other.record?.recordKey === event.recordKey && !other.record.closed)
  ) {
    state.tabs = state.tabs.map((other) =>
      other.record?.recordKey === event.recordKey && !other.record.closed
        ? { ...other, record: { ...other.record, closed: true } }
        : other,
    );
  }
  const contender = state.contender;
  if (contender?.recordKey === event.recordKey) {
    // Solved before its 2 s were up: worked on from the moment it came in front, no tab passed
    // through. It supersedes then, so that its solve ends it (and may prompt) like any other.
    state.contender = undefined;
    supersede(state, tabRecordOf(event, closed, identityKeys), contender.since, outputs);
  }
  if (state.interaction?.recordKey === event.recordKey) {
    endOrPauseEnd(state, now, endReason, outputs);
  }
}

/** The record a tab shows, as a report of it reads. */
function tabRecordOf(
  event: RecordSeenEvent,
  closed: boolean,
  identityKeys: readonly string[],
): TabRecord {
  const record: TabRecord = { recordKey: event.recordKey, app: event.app, closed };
  if (identityKeys.length > 0) record.identityKeys = identityKeys;
  return record;
}

function sameKeys(a: readonly string[], b: readonly string[]) {
  return a.length === b.length && a.every((key, index) => key === b[index]);
}

function clearRecord(state: TrackerState, tabId: number) {
  const entry = findTab(state.tabs, tabId);
  if (!entry?.record) return;
  const { record: _record, ...rest } = entry;
  state.tabs = withTab(state.tabs, rest);
}

/**
 * The browser reports `idle` once the threshold has passed, so idleness started `idleThresholdMs`
 * earlier — but never before the open span started, nor before the latest interaction start or
 * end, or call end (all already attributed). `locked` is reported as it happens and is not
 * backdated. On a call, `idle` counts as active (`countedIdle`).
 */
function changeIdle(
  state: TrackerState,
  reported: IdleState,
  now: number,
  config: TrackerConfig,
): number {
  if (reportedIdleOf(state) === reported) return now;
  state.reportedIdle = reported;
  // Input, or a lock: the quiet after a call is over either way.
  state.quietSince = undefined;
  const since =
    reported === IDLE_STATE.idle
      ? Math.max(now - config.idleThresholdMs, idleFloor(state, now))
      : now;
  return countIdle(state, countedIdle(reported, state.onCall === true), now, since);
}

/**
 * The agent is on a call, or no longer. Listening and talking need no input: while the call
 * lasts the browser's `idle` counts as active, so the time stays with the app in front and no
 * interaction ends for idleness. From its end idleness is counted as after the agent's last input:
 * once the browser has reported `idle`, the agent is idle from the call's end when
 * `idleThresholdMs` pass without input (`settleQuiet`); never backdated into the call.
 */
function changeCall(state: TrackerState, onCall: boolean, now: number): number {
  if ((state.onCall === true) === onCall) return now;
  state.onCall = onCall;
  const reported = reportedIdleOf(state);
  if (onCall) {
    state.quietSince = undefined;
    return countIdle(state, countedIdle(reported, true), now, now);
  }
  state.attributionFloor = Math.max(state.attributionFloor, now);
  if (reported === IDLE_STATE.idle) state.quietSince = now;
  return now;
}

/**
 * The call ended with the browser reporting `idle` (`quietSince`), and no input came in the
 * `idleThresholdMs` since: the agent has been idle from the call's end, as the browser would
 * have reported had their last input been then. Before the step's own event, which may end it.
 */
function settleQuiet(
  state: TrackerState,
  now: number,
  config: TrackerConfig,
  outputs: TrackerOutput[],
) {
  const quietSince = state.quietSince;
  if (quietSince === undefined || state.span === null) return;
  if (now - quietSince < config.idleThresholdMs) return;
  state.quietSince = undefined;
  const since = Math.max(quietSince, idleFloor(state, now));
  moveSpan(state, countIdle(state, IDLE_STATE.idle, now, since), config, outputs);
}

/** What the browser last reported; states stored before calls counted had only `idle`. */
function reportedIdleOf(state: TrackerState): IdleState {
  return state.reportedIdle ?? state.idle;
}

/** Idleness as the tracker counts it: on a call, the browser's `idle` is the agent listening. */
function countedIdle(reported: IdleState, onCall: boolean): IdleState {
  return onCall && reported === IDLE_STATE.idle ? IDLE_STATE.active : reported;
}

/** The earliest idleness may be backdated to: the open span's start, an attributed boundary. */
function idleFloor(state: TrackerState, now: number) {
  return Math.max(state.span?.start ?? now, state.attributionFloor);
}

/**
 * Sets the counted idleness and returns when the change happened: `since` when the agent turns
 * idle from active (backdated), else `now`. Idle turning into a lock keeps its start.
 */
function countIdle(state: TrackerState, idle: IdleState, now: number, since: number): number {
  const previous = state.idle;
  if (previous === idle) return now;
  state.idle = idle;
  if (idle === IDLE_STATE.active) {
    state.idleSince = null;
    return now;
  }
  if (previous !== IDLE_STATE.active) return now;
  state.idleSince = since;
  return since;
}

function endExpiredInteraction(
  state: TrackerState,
  now: number,
  config: TrackerConfig,
  outputs: TrackerOutput[],
) {
  const interaction = state.interaction;
  if (interaction === null || state.idleSince === null) return;
  if (now - state.idleSince <= config.interactionIdleEndMs) return;
  endInteraction(state, Math.max(state.idleSince, interaction.start), END_REASON.idle, outputs);
}

function endInteraction(
  state: TrackerState,
  at: number,
  reason: EndReason,
  outputs: TrackerOutput[],
) {
  const interaction = state.interaction;
  if (interaction === null) return;
  const credited = state.span ? creditSpan(interaction, state.span, at) : interaction;
  outputs.push(endedOutput(credited, at, reason));
  state.interaction = null;
  state.attributionFloor = Math.max(state.attributionFloor, at);
  // Its lookups still on screen rest: wherever the agent lands next (the contact beside the tab
  // just closed, the one in front when the solve was read) starts nothing by itself.
  const resting = interaction.lookupRecords.filter((key) =>
    state.tabs.some((tab) => tab.record?.recordKey === key),
  );
  state.restingLookups = resting.length > 0 ? resting : undefined;
}

/**
 * Resting lookups rest until the agent is on a tab that shows none of them. Time in another
 * program, idle or locked does not wake them: the agent comes back to where they were.
 */
function wakeRestingLookups(state: TrackerState) {
  const resting = state.restingLookups;
  if (!resting) return;
  const front = frontTab(state);
  if (front && !resting.includes(front.record?.recordKey ?? '')) state.restingLookups = undefined;
}

function closeSpan(state: TrackerState, end: number, outputs: TrackerOutput[]) {
  const span = state.span;
  if (span === null || end <= span.start) return;
  outputs.push(spanOutput(span, end));
  if (state.interaction) state.interaction = creditSpan(state.interaction, span, end);
}

/** Closes the open span at `changeAt` if the state now calls for another, and notes switches. */
function moveSpan(
  state: TrackerState,
  changeAt: number,
  config: TrackerConfig,
  outputs: TrackerOutput[],
) {
  const span = changedSpan(state, changeAt);
  if (span === null) return;
  closeSpan(state, changeAt, outputs);
  state.span = span;
  noteLocation(state, span, config, outputs);
}

/** Idle, locked, paused and own pages are no location: attention is compared across them. */
function noteLocation(
  state: TrackerState,
  span: OpenSpan,
  config: TrackerConfig,
  outputs: TrackerOutput[],
) {
  const location = locationOf(span);
  if (location === null) return;
  const previous = state.lastLocation;
  state.lastLocation = location;
  let interaction = state.interaction;
  if (previous !== null && previous.app !== location.app) {
    const output: SwitchOutput = {
      type: 'switch',
      from: previous.app,
      to: location.app,
      at: span.start,
    };
    if (interaction) {
      output.recordKey = interaction.recordKey;
      interaction = { ...interaction, switchCount: interaction.switchCount + 1 };
    }
    outputs.push(output);
  } else if (
    previous !== null &&
    config.countInAppTabSwitches &&
    location.app !== OUTSIDE &&
    previous.tabId !== location.tabId
  ) {
    const output: InAppTabSwitchOutput = {
      type: 'inAppTabSwitch',
      app: location.app,
      fromTabId: previous.tabId,
      toTabId: location.tabId,
      at: span.start,
    };
    if (interaction) {
      output.recordKey = interaction.recordKey;
      interaction = { ...interaction, inAppTabSwitches: interaction.inAppTabSwitches + 1 };
    }
    outputs.push(output);
  }
  if (interaction) state.interaction = noteAttention(interaction, span);
}

/**
 * An open record in front starts an interaction, ending one on another record (`superseded`),
 * unless it is a lookup for the active one (the same customer in another app), or the piece of
 * work the active one, begun on its customer's record, was the start of.
 */
function takeOverRecordInFront(state: TrackerState, now: number, outputs: TrackerOutput[]) {
  wakeRestingLookups(state);
  const record = recordInFront(state);
  const contender = state.contender;
  state.contender = undefined;
  if (!record || record.closed) return;
  if (state.interaction === null && state.restingLookups?.includes(record.recordKey)) return;
  if (state.interaction) {
    if (state.interaction.recordKey === record.recordKey) return;
    if (isWorkOnCustomer(state.interaction, record)) {
      state.interaction = {
        ...continuedOnWork(state.interaction, record),
        tabId: frontTab(state)?.tabId,
      };
      return;
    }
    if (isLookup(state.interaction, record, now)) {
      state.interaction = withLookupRecord(state.interaction, record.recordKey);
      return;
    }
    // It supersedes once it has stayed in front long enough (`settleContender`).
    state.contender =
      contender?.recordKey === record.recordKey
        ? contender
        : { recordKey: record.recordKey, since: now };
    return;
  }
  start(state, record, now, outputs);
}

function start(state: TrackerState, record: TabRecord, at: number, outputs: TrackerOutput[]) {
  const interaction = { ...startInteraction(record, at), tabId: frontTab(state)?.tabId };
  state.interaction = interaction;
  state.attributionFloor = at;
  outputs.push(startedOutput(interaction));
  const resting = state.restingLookups?.filter((key) => key !== record.recordKey);
  state.restingLookups = resting?.length ? resting : undefined;
}

/**
 * How long another record must stay in front before it supersedes the interaction in progress.
 * Passing through a tab is no new piece of work: Ctrl+Tab, or the neighbour Chrome brings to the
 * front when a tab is closed. Before, 200 ms on ticket 102 ended ticket 101 ("moved on", with its
 * prompt), and the minutes in Gmail that followed were charged to 102.
 */
export const SUPERSEDE_AFTER_MS = 2_000;

/**
 * A contender that has stayed in front `SUPERSEDE_AFTER_MS` supersedes the interaction at that
 * moment, whenever the next event or flush comes: the moment does not depend on when the tracker
 * hears of it (a tick from the wiring makes it on time for the views). The contender was in front
 * at the last event and nothing has happened since.
 */
function settleContender(state: TrackerState, now: number, outputs: TrackerOutput[]) {
  const contender = state.contender;
  if (!contender) return;
  const due = contender.since + SUPERSEDE_AFTER_MS;
  if (now < due) return;
  state.contender = undefined;
  const record = recordInFront(state);
  if (!record || record.recordKey !== contender.recordKey || record.closed) return;
  supersede(state, record, due, outputs);
}

/** `record` takes over at `at` from the interaction in progress. */
function supersede(state: TrackerState, record: TabRecord, at: number, outputs: TrackerOutput[]) {
  endInteraction(state, at, END_REASON.superseded, outputs);
  start(state, record, at, outputs);
}
