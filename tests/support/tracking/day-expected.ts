import type { DaySchedule, Place, PlannedInteraction, ScheduledBlock } from './day-script';

// The figures a generated day must produce, computed from its schedule alone by summing block
// durations and comparing neighbouring places: no reducer, no events. Rules applied:
// - a place block is focus time of its app (`outside`: time outside); idle, locked and paused
//   blocks are gaps of that kind and no place: attention is compared across them;
// - a switch is a pair of consecutive places with different apps; a tab switch, the same app in
//   different tabs; both happen when the second place starts;
// - an interaction counts the parts of its blocks within [start, end): its record's place is
//   handle time, other tabs are time away, outside is outside; and the switches, tab switches and
//   returns (a place on its record right after one that is not) that happen in (start, end].

export type ExpectedInteraction = {
  recordKey: string;
  app: string;
  start: number;
  end: number;
  endReason: PlannedInteraction['endReason'];
  handleMs: number;
  awayMs: number;
  outsideMs: number;
  switchCount: number;
  inAppTabSwitches: number;
  returns: number;
  distinctApps: number;
  appsUsed: string[];
};

export type ExpectedDay = {
  interactions: ExpectedInteraction[];
  /** Focus time per app id. */
  appMs: Record<string, number>;
  /** Gap time per kind. */
  gapMs: { idle: number; locked: number; outside: number; paused: number };
  switches: number;
  inAppTabSwitches: number;
  hourly: { hourStart: number; app: string; ms: number }[];
};

type PlaceBlock = Extract<ScheduledBlock, { kind: 'place' }>;
type Change = { at: number; from: Place; to: Place };

const appOf = (place: Place) => (place.kind === 'outside' ? 'outside' : place.app.id);
const isSwitch = ({ from, to }: Change) => appOf(from) !== appOf(to);
const isTabSwitch = ({ from, to }: Change) =>
  from.kind === 'tab' && to.kind === 'tab' && from.app.id === to.app.id && from.tabId !== to.tabId;
const shows = (place: Place, recordKey: string) =>
  place.kind === 'tab' && place.recordKey === recordKey;

/** The figures a replay of the day must reproduce, from its schedule alone. */
export function expectedDay(schedule: DaySchedule): ExpectedDay {
  const places = schedule.blocks.filter((block): block is PlaceBlock => block.kind === 'place');
  const changes: Change[] = places.slice(1).map((block, index) => ({
    at: block.start,
    from: (places[index] as PlaceBlock).place,
    to: block.place,
  }));

  const appMs: Record<string, number> = {};
  const gapMs = { idle: 0, locked: 0, outside: 0, paused: 0 };
  for (const block of schedule.blocks) {
    const ms = block.end - block.start;
    if (block.kind !== 'place') gapMs[block.kind] += ms;
    else if (block.place.kind === 'outside') gapMs.outside += ms;
    else appMs[block.place.app.id] = (appMs[block.place.app.id] ?? 0) + ms;
  }

  return {
    interactions: schedule.interactions.map((planned) =>
      expectedInteraction(planned, schedule.blocks, changes),
    ),
    appMs,
    gapMs,
    switches: changes.filter(isSwitch).length,
    inAppTabSwitches: changes.filter(isTabSwitch).length,
    hourly: hourlyOf(places),
  };
}

function expectedInteraction(
  planned: PlannedInteraction,
  blocks: readonly ScheduledBlock[],
  changes: readonly Change[],
): ExpectedInteraction {
  let handleMs = 0;
  let awayMs = 0;
  let outsideMs = 0;
  const appsUsed: string[] = [];
  for (const block of blocks.slice(planned.firstBlock, planned.lastBlock + 1)) {
    const ms = Math.min(block.end, planned.end) - Math.max(block.start, planned.start);
    if (block.kind !== 'place' || ms <= 0) continue;
    if (block.place.kind === 'outside') {
      outsideMs += ms;
      continue;
    }
    if (shows(block.place, planned.recordKey)) handleMs += ms;
    else awayMs += ms;
    if (!appsUsed.includes(block.place.app.id)) appsUsed.push(block.place.app.id);
  }
  const during = changes.filter(({ at }) => at > planned.start && at <= planned.end);
  return {
    recordKey: planned.recordKey,
    app: planned.app,
    start: planned.start,
    end: planned.end,
    endReason: planned.endReason,
    handleMs,
    awayMs,
    outsideMs,
    switchCount: during.filter(isSwitch).length,
    inAppTabSwitches: during.filter(isTabSwitch).length,
    returns: during.filter(
      ({ from, to }) => shows(to, planned.recordKey) && !shows(from, planned.recordKey),
    ).length,
    distinctApps: appsUsed.length,
    appsUsed,
  };
}

function hourlyOf(places: readonly PlaceBlock[]) {
  const HOUR = 3_600_000;
  const totals: { hourStart: number; app: string; ms: number }[] = [];
  for (const block of places) {
    if (block.place.kind === 'outside') continue;
    const app = block.place.app.id;
    for (let hour = Math.floor(block.start / HOUR) * HOUR; hour < block.end; hour += HOUR) {
      const ms = Math.min(block.end, hour + HOUR) - Math.max(block.start, hour);
      const total = totals.find((entry) => entry.hourStart === hour && entry.app === app);
      if (total) total.ms += ms;
      else totals.push({ hourStart: hour, app, ms });
    }
  }
  return totals.sort((a, b) => a.hourStart - b.hourStart || a.app.localeCompare(b.app));
}
