import { OTHER_APP_ID, OWN_PAGES_APP, type AppRef, type RecordSeenEvent } from './events';
import { END_REASON, type EndReason } from './outputs';
import type { TriggerField } from './trigger-fields';

/** "When `field` of a record in `app` changes to one of `values`, the interaction ends." */
export type EndTrigger = { app: string; field: TriggerField; values: readonly string[] };

/** What the settings module decides about measurement; passed with every event. */
export type TrackerConfig = {
  /** Off: the reducer emits nothing and forgets every record it saw. */
  enabled: boolean;
  countInAppTabSwitches: boolean;
  /** How long without input the browser waits before reporting idle; idleness is backdated by it. */
  idleThresholdMs: number;
  /** Apps measured as themselves; the others count as `other`. */
  trackedApps: readonly string[] | 'all';
  /** Statuses (compared without case) that end the record's interaction. */
  closedStatuses: readonly string[];
  /** Admin-defined ends: a record field of an app showing one of these values (issue #4). */
  endTriggers: readonly EndTrigger[];
  /** Idle or locked for longer than this ends the active interaction. */
  interactionIdleEndMs: number;
  /** Whether the domain of an `other` site may appear in state and outputs. */
  storeOtherDomains: boolean;
  /** Whether the agent may pause measurement; a pause in force ends when it becomes false. */
  allowPause: boolean;
};

/**
 * "Solved", "closed" and "resolved" as CRMs show them in the languages their agents work in: a
 * status read from the page is in the CRM's UI language (ServiceNow's "Gelöst", osTicket's
 * "Résolu"). Other words an app uses are an admin trigger's business (`interactionEndTriggers`).
 */
const CLOSED_STATUSES = [
  ...['solved', 'closed', 'resolved'],
  ...['gelöst', 'geschlossen', 'erledigt'],
  ...['résolu', 'résolue', 'fermé', 'fermée', 'clos', 'clôturé', 'clôturée'],
  ...['resuelto', 'resuelta', 'cerrado', 'cerrada'],
  ...['risolto', 'risolta', 'chiuso', 'chiusa'],
  ...['opgelost', 'gesloten'],
  ...['resolvido', 'resolvida', 'fechado', 'fechada'],
];

/** The settings' defaults (issue #3): 60 s idle threshold, interactions end after 30 min idle. */
export const DEFAULT_TRACKER_CONFIG: TrackerConfig = {
  enabled: true,
  countInAppTabSwitches: true,
  idleThresholdMs: 60_000,
  trackedApps: 'all',
  closedStatuses: CLOSED_STATUSES,
  endTriggers: [],
  interactionIdleEndMs: 30 * 60_000,
  storeOtherDomains: false,
  allowPause: true,
};

const OTHER_APP: AppRef = { id: OTHER_APP_ID, category: OTHER_APP_ID };

/** Whether an app is measured as itself rather than as `other`. */
export function isTrackedApp(appId: string, config: TrackerConfig): boolean {
  return config.trackedApps === 'all' || config.trackedApps.includes(appId);
}

/**
 * The app as the tracker may keep it: untracked apps become `other`; a domain is kept only for
 * `other` and only when policy allows it (a known app is its id). Applied when the event comes in,
 * so a disallowed domain never reaches the persisted state.
 */
export function classifyApp(app: AppRef | null, config: TrackerConfig): AppRef | null {
  if (app === null || app.id === OWN_PAGES_APP.id) return app;
  if (app.id === OTHER_APP_ID) {
    if (app.domain === undefined) return app;
    return config.storeOtherDomains ? app : OTHER_APP;
  }
  if (!isTrackedApp(app.id, config)) return OTHER_APP;
  return app.domain === undefined ? app : { id: app.id, category: app.category };
}

/**
 * Whether what the adapter read ends the record's interaction, and why: a closed status first,
 * then an admin trigger. Values are compared as the CRM shows them, without case ("Solved").
 */
export function endReasonOf(event: RecordSeenEvent, config: TrackerConfig): EndReason | null {
  if (isClosedStatus(config.closedStatuses, event.status)) return END_REASON.closed;
  const fired = config.endTriggers.some(
    (trigger) =>
      trigger.app === event.app && includesValue(trigger.values, event.fields?.[trigger.field]),
  );
  return fired ? END_REASON.adminTrigger : null;
}

/**
 * A closed word alone, or leading a status that says more after a dash, colon, slash or bracket:
 * Salesforce orgs and Freshdesk accounts name their closed values "Closed - Resolved",
 * "Resolved (duplicate)" or "Geschlossen: kein Feedback". "Not resolved" or "Reopened" are not.
 */
function isClosedStatus(closedStatuses: readonly string[], status: string | undefined) {
  const leading = status?.split(/\s*[-–—:/(]/, 1)[0];
  return includesValue(closedStatuses, status) || includesValue(closedStatuses, leading);
}

function includesValue(values: readonly string[], value: string | undefined) {
  if (value === undefined) return false;
  const normalised = value.trim().toLowerCase();
  return values.some((candidate) => candidate.toLowerCase() === normalised);
}
