import {
  GAP_KIND,
  type EndReason,
  type InteractionEndedOutput,
  type InteractionFigures,
  type InteractionStartedOutput,
} from './outputs';
import type { ActiveInteraction, OpenSpan, TrackerState } from './state';
import type { TabRecord } from './tab-table';

// Interaction rules (issue #3), all at the time of the event that shows them:
// - starts when its record is in front of an attending agent: the record's tab is the front tab
//   of the focused window, the browser has focus, the agent is not idle, locked or paused, and
//   the record's status is not closed (an already solved ticket opened for reference starts none);
// - ends `superseded` when a different open record is in front, at that moment;
// - ends `closed` when a closed status is read for its record (in front or not), at that event;
// - ends `admin-trigger` when a field an admin trigger watches shows one of its values (issue
//   #4); like a closed status, the record then starts none while it keeps that value;
// - ends `tab-removed` when the last tab showing its record is closed, at that event;
// - ends `idle` when idle or locked lasts longer than `interactionIdleEndMs`, at the (backdated)
//   moment idleness started; a pause does not end it (the agent chose to stop the clock);
// - a record that is in front again after its interaction ended starts a new one.
// Switches count for the interaction active when the agent made them: the switch that brings a
// new record in front counts for the interaction it supersedes, not for the new one.

/** A new interaction on `record`, with nothing accounted yet. */
export function startInteraction(record: TabRecord, at: number): ActiveInteraction {
  return {
    recordKey: record.recordKey,
    app: record.app,
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
    return span.recordKey === interaction.recordKey
      ? { ...interaction, accountedUntil: end, handleMs: interaction.handleMs + ms, appsUsed }
      : { ...interaction, accountedUntil: end, awayMs: interaction.awayMs + ms, appsUsed };
  }
  if (span.kind === GAP_KIND.outside) {
    return { ...interaction, accountedUntil: end, outsideMs: interaction.outsideMs + ms };
  }
  return { ...interaction, accountedUntil: end };
}

/** Focus moved to a new location: leaving the record, or coming back to it (a return). */
export function noteAttention(interaction: ActiveInteraction, span: OpenSpan): ActiveInteraction {
  const onRecord = span.kind === 'segment' && span.recordKey === interaction.recordKey;
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

/** The active interaction's figures up to `now`, open span included: for the sidebar's live view. */
export function currentInteraction(
  state: TrackerState,
  now: number,
): (InteractionStartedOutput & InteractionFigures) | null {
  const interaction = state.interaction;
  if (interaction === null) return null;
  const at = Math.max(now, state.lastEventAt);
  const credited = state.span ? creditSpan(interaction, state.span, at) : interaction;
  return { ...startedOutput(credited), ...figuresOf(credited) };
}
