import {
  GAP_KIND,
  type EndReason,
  type InteractionEndedOutput,
  type InteractionFigures,
  type InteractionStartedOutput,
  type LookupFigure,
} from './outputs';
import type { ActiveInteraction, OpenSpan, TrackerState } from './state';
import type { TabRecord } from './tab-table';
import {
  CUSTOMER_RECORD_TYPES,
  parseRecordKey,
  type RecordType,
} from '../../contract/record-fields';

/**
 * Whether `record`, in front while `interaction` is active, is context gathered for it: the same
 * customer (an identity key in common) in another app, or the customer's own record (a contact,
 * a user, …) in the same app. Pure; see the rules above.
 */
export function isLookup(interaction: ActiveInteraction, record: TabRecord, now: number): boolean {
  if (record.recordKey === interaction.recordKey) return false;
  const onWork = !describesCustomer(interaction.recordKey);
  // A company's record (an account) has the company's keys, a switchboard's phone, never the
  // person's: whether its keys match says nothing. Opened while a ticket is in hand, it is context.
  if (onWork && describesOrganisation(record.recordKey)) return true;
  const customer = describesCustomer(record.recordKey);
  if (record.app === interaction.app && !customer) return false;
  const keys = record.identityKeys;
  // A customer's record is often read before its customer is (Zendesk's requester profile gets
  // its email from the API): it waits as a lookup, and its keys decide once they come.
  if (!keys || keys.length === 0) return customer;
  // So is a ticket's customer, for a moment; a ticket whose app never reads one waits no longer.
  if (interaction.identityKeys.length === 0) {
    return customer && now - interaction.start < CUSTOMER_READ_WAIT_MS;
  }
  return sharesKey(interaction, keys);
}

/**
 * How long an interaction's customer may take to be read (Zendesk's API answers in about a
 * second, and the tab's request budget may hold it a few more) before the records of customers
 * opened beside it stop waiting for it.
 */
export const CUSTOMER_READ_WAIT_MS = 10_000;

const sharesKey = (interaction: ActiveInteraction, keys: readonly string[]) =>
  keys.some((key) => interaction.identityKeys.includes(key));

/** Whether a record key (`app:type:id`) names a customer's record rather than a piece of work. */
const describesCustomer = (recordKey: string) =>
  CUSTOMER_RECORD_TYPES.includes(parseRecordKey(recordKey).recordType);

const ORGANISATION_RECORD_TYPES: readonly RecordType[] = ['account', 'company'];
const describesOrganisation = (recordKey: string) =>
  ORGANISATION_RECORD_TYPES.includes(parseRecordKey(recordKey).recordType);

/**
 * Whether `record` is the piece of work an interaction begun on its customer's record was the
 * start of: a ticket or case of the same customer, in any app, after a screen-pop opened the
 * contact or the agent searched the customer first. The order of two looks is no reason to count
 * two pieces of work, nor to take the ticket for a lookup of the contact.
 */
export function isWorkOnCustomer(interaction: ActiveInteraction, record: TabRecord): boolean {
  if (!describesCustomer(interaction.recordKey) || describesCustomer(record.recordKey)) {
    return false;
  }
  return sharesKey(interaction, record.identityKeys ?? []);
}

/**
 * The interaction continued on the piece of work `record` (see `isWorkOnCustomer`): the time on
 * the customer's record so far becomes a lookup of it, as if the ticket had come first.
 */
export function continuedOnWork(
  interaction: ActiveInteraction,
  record: TabRecord,
): ActiveInteraction {
  const onCustomer = interaction.handleMs;
  return {
    ...interaction,
    recordKey: record.recordKey,
    app: record.app,
    identityKeys: [...new Set([...(record.identityKeys ?? []), ...interaction.identityKeys])],
    lookupRecords: [
      interaction.recordKey,
      ...interaction.lookupRecords.filter((key) => key !== record.recordKey),
    ],
    lookups:
      onCustomer > 0
        ? addLookup(interaction.lookups, interaction.app, onCustomer)
        : interaction.lookups,
    handleMs: 0,
    awayMs: interaction.awayMs + onCustomer,
    leftRecord: false,
  };
}

/** `interaction` with `recordKey` taken as one of its lookups. */
export function withLookupRecord(
  interaction: ActiveInteraction,
  recordKey: string,
): ActiveInteraction {
  if (interaction.lookupRecords.includes(recordKey)) return interaction;
  return { ...interaction, lookupRecords: [...interaction.lookupRecords, recordKey] };
}

// Interaction rules (issue #3), all at the time of the event that shows them:
// - starts when its record is in front of an attending agent: the record's tab is the front tab
//   of the focused window, the browser has focus, the agent is not idle, locked or paused, and
//   the record's status is not closed (an already solved ticket opened for reference starts none);
// - ends `superseded` when a different open record has been in front for `SUPERSEDE_AFTER_MS`
//   (2 s), at the end of those 2 s, when the new one starts: a tab passed through (Ctrl+Tab, the
//   neighbour of a closed tab) is time away, not a new piece of work;
// - ends `closed` when a closed status is read for its record (in front or not), at that event;
// - ends `admin-trigger` when a field an admin trigger watches shows one of its values (issue
//   #4); like a closed status, the record then starts none while it keeps that value;
// - ends `tab-removed` when the tab that last showed its record is closed and no other tab shows
//   it, at that event (also when that tab had gone on to something else);
// - ends `flush` when tracking is switched off, at the last step taken while it was on;
// - ends `idle` when idle or locked lasts longer than `interactionIdleEndMs`, at the (backdated)
//   moment idleness started; a pause does not end it (the agent chose to stop the clock);
// - a record that is in front again after its interaction ended starts a new one; its lookups
//   still on screen when it ended wait until the agent has been on a tab showing none of them;
// - a lookup is no new piece of work (issue #15): while an interaction is active, a record of
//   another app about the same customer (an identity key in common) starts none and supersedes
//   nothing; its focus time counts as time away for the active interaction, listed per app in
//   `lookups`, and switches to and from it count for the active interaction as any switch does.
//   In the same app, the customer's own record (a contact, user, account, company or lead with a
//   key in common: Zendesk's requester profile) is a lookup too; any other record of the same app
//   is another piece of work (another ticket of the same customer). A customer's record whose
//   customer is not read yet, or while the ticket's is not (for its first 10 s), is a lookup until
//   both are: then the keys decide, at that moment;
// - an interaction begun on a customer's record (a screen-pop opened the contact, the agent
//   searched the customer first) continues on the first ticket or case of that customer to come
//   in front, in any app: the time on the customer's record so far becomes a lookup of it.
// Switches count for the interaction active when the agent made them: the switch that brings a
// new record in front counts for the interaction it supersedes, not for the new one.

/** A new interaction on `record`, with nothing accounted yet. */
export function startInteraction(record: TabRecord, at: number): ActiveInteraction {
  return {
    recordKey: record.recordKey,
    app: record.app,
    identityKeys: record.identityKeys ?? [],
    lookupRecords: [],
    lookups: [],
    start: at,
    accountedUntil: at,
    handleMs: 0,
    awayMs: 0,
    outsideMs: 0,
    switchCount: 0,
    inAppTabSwitches: 0,
    returns: 0,
    appsUsed: [],
    leftRecord: false,
    tabId: undefined,
  };
}

/** Adds the part of `[span.start, end)` not yet accounted for to the interaction's figures. */
export function creditSpan(
  interaction: ActiveInteraction,
  span: OpenSpan,
  end: number,
): ActiveInteraction {
  const from = Math.max(span.start, interaction.accountedUntil);
  if (end <= from) return interaction;
  const ms = end - from;
  if (span.kind === 'segment') {
    const appsUsed = interaction.appsUsed.includes(span.app)
      ? interaction.appsUsed
      : [...interaction.appsUsed, span.app];
    if (span.recordKey === interaction.recordKey) {
      return { ...interaction, accountedUntil: end, handleMs: interaction.handleMs + ms, appsUsed };
    }
    const lookups =
      span.recordKey !== undefined && interaction.lookupRecords.includes(span.recordKey)
        ? addLookup(interaction.lookups, span.app, ms)
        : interaction.lookups;
    return {
      ...interaction,
      accountedUntil: end,
      awayMs: interaction.awayMs + ms,
      appsUsed,
      lookups,
    };
  }
  if (span.kind === GAP_KIND.outside) {
    return { ...interaction, accountedUntil: end, outsideMs: interaction.outsideMs + ms };
  }
  return { ...interaction, accountedUntil: end };
}

function addLookup(lookups: readonly LookupFigure[], app: string, ms: number): LookupFigure[] {
  const known = lookups.some((lookup) => lookup.app === app);
  return known
    ? lookups.map((lookup) => (lookup.app === app ? { app, ms: lookup.ms + ms } : lookup))
    : [...lookups, { app, ms }];
}

/** Focus moved to a new location: leaving the record, or coming back to it (a return). */
export function noteAttention(interaction: ActiveInteraction, span: OpenSpan): ActiveInteraction {
  const onRecord = span.kind === 'segment' && span.recordKey === interaction.recordKey;
  if (onRecord && span.tabId !== interaction.tabId) {
    return noteAttention({ ...interaction, tabId: span.tabId }, span);
  }
  if (onRecord && interaction.leftRecord) {
    return { ...interaction, leftRecord: false, returns: interaction.returns + 1 };
  }
  if (!onRecord && !interaction.leftRecord) return { ...interaction, leftRecord: true };
  return interaction;
}

function figuresOf(interaction: ActiveInteraction): InteractionFigures {
  return {
    handleMs: interaction.handleMs,
    awayMs: interaction.awayMs,
    outsideMs: interaction.outsideMs,
    switchCount: interaction.switchCount,
    inAppTabSwitches: interaction.inAppTabSwitches,
    returns: interaction.returns,
    distinctApps: interaction.appsUsed.length,
    appsUsed: interaction.appsUsed,
    ...(interaction.lookups.length > 0 ? { lookups: interaction.lookups } : {}),
  };
}

/** The `interaction.started` output of an interaction. */
export function startedOutput(interaction: ActiveInteraction): InteractionStartedOutput {
  return {
    type: 'interaction.started',
    recordKey: interaction.recordKey,
    app: interaction.app,
    start: interaction.start,
  };
}

/** The summary of an interaction that has been credited up to `end`. */
export function endedOutput(
  interaction: ActiveInteraction,
  end: number,
  endReason: EndReason,
): InteractionEndedOutput {
  return {
    type: 'interaction.ended',
    recordKey: interaction.recordKey,
    app: interaction.app,
    start: interaction.start,
    end,
    endReason,
    ...figuresOf(interaction),
  };
}

/**
 * Which figure of the active interaction the span in progress adds to, second by second (and the
 * app of a lookup it also adds to): lets a view tick between two updates (issue #17 item 5).
 */
export type GrowingFigure = { figure: 'handleMs' | 'awayMs' | 'outsideMs'; lookupApp?: string };

function growingFigureOf(interaction: ActiveInteraction, span: OpenSpan | null) {
  if (span === null) return null;
  if (span.kind === GAP_KIND.outside) return { figure: 'outsideMs' } as const;
  if (span.kind !== 'segment') return null;
  if (span.recordKey === interaction.recordKey) return { figure: 'handleMs' } as const;
  return span.recordKey !== undefined && interaction.lookupRecords.includes(span.recordKey)
    ? ({ figure: 'awayMs', lookupApp: span.app } as const)
    : ({ figure: 'awayMs' } as const);
}

/**
 * The active interaction's figures up to `now`, open span included, and which figure keeps
 * growing after `now` (`growing`, null while idle, locked or paused): for the sidebar's live view.
 */
export function currentInteraction(
  state: TrackerState,
  now: number,
):
  | (InteractionStartedOutput &
      InteractionFigures & { asOf: number; growing: GrowingFigure | null })
  | null {
  const interaction = state.interaction;
  if (interaction === null) return null;
  const at = Math.max(now, state.lastEventAt);
  const credited = state.span ? creditSpan(interaction, state.span, at) : interaction;
  return {
    ...startedOutput(credited),
    ...figuresOf(credited),
    asOf: at,
    growing: growingFigureOf(credited, state.span),
  };
}
