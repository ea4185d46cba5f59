import { WINDOW_ID_NONE, type AppRef, type TrackerEvent } from '../../../lib/tracking/events';
import type { EndReason } from '../../../lib/tracking/outputs';
import type { ReplayStep } from './replay';
import { SUPERSEDE_AFTER_MS } from '../../../lib/tracking/reducer';
import { createRandom, type Random } from '../../../contract/seeded-random';

// A generated agent day for the replay test and the benchmark. It is built in two passes: a
// schedule of blocks (where the agent is, and for how long, and which interaction each belongs
// to), then the browser events that such a day produces, with the repeats real browsers send.
// Expected figures come from the schedule alone (day-expected.ts), never from the reducer.

/** The apps of the generated day. */
export const DAY_APPS = {
  zendesk: { id: 'zendesk', category: 'crm' },
  salesforce: { id: 'salesforce', category: 'crm' },
  gmail: { id: 'gmail', category: 'mail' },
  slack: { id: 'slack', category: 'chat' },
  confluence: { id: 'confluence', category: 'knowledge-base' },
  other: { id: 'other', category: 'other', domain: 'parcel-tracker.example' },
} as const satisfies Record<string, AppRef>;

const WINDOW = { main: 1, chat: 2 } as const;
const TAB = { zendeskViews: 11, gmail: 20, confluence: 21, salesforce: 22, other: 23, slack: 30 };

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
/** The browser reports idle this long after the last input (the tracker's default threshold). */
const IDLE_REPORT_DELAY = MINUTE;

export type TabPlace = {
  kind: 'tab';
  app: AppRef;
  windowId: number;
  tabId: number;
  recordKey?: string;
};
export type Place = TabPlace | { kind: 'outside' };
export type GapBlockKind = 'idle' | 'locked' | 'paused';

/** Where the agent is during `[start, end)`; gap blocks keep the place of the block before. */
export type ScheduledBlock = { start: number; end: number } & (
  { kind: 'place'; place: Place } | { kind: GapBlockKind }
);

/** An interaction as scheduled: which blocks it spans and when and why it ends. */
export type PlannedInteraction = {
  recordKey: string;
  app: 'zendesk' | 'salesforce';
  /** The tab showing the record (a ticket tab in Zendesk, the console tab in Salesforce). */
  tabId: number;
  start: number;
  /** `closed`: when the closed status is read; `tab-removed`: when the tab is closed. */
  end: number;
  endReason: Exclude<EndReason, 'flush'>;
  firstBlock: number;
  lastBlock: number;
};

export type DaySchedule = {
  start: number;
  end: number;
  blocks: ScheduledBlock[];
  interactions: PlannedInteraction[];
};

/** A day's schedule, its replay steps (events and flushes), and how many of them are events. */
export type AgentDay = { schedule: DaySchedule; steps: ReplayStep[]; eventCount: number };

export type AgentDayOptions = {
  /** Epoch ms of 08:00 that day. */
  start?: number;
  /** First tab id for ticket tabs; distinct per day when days are chained. */
  ticketTabBase?: number;
};

/** A seeded 8-hour agent day: the schedule, and the events (plus periodic flushes) it produces. */
export function buildAgentDay(seed: number, options: AgentDayOptions = {}): AgentDay {
  const random = createRandom(seed);
  const start = options.start ?? Date.UTC(2025, 2, 3, 8, 0, 0);
  const schedule = planDay(random, start, options.ticketTabBase ?? 1000);
  const events = scriptEvents(schedule, random);
  return { schedule, steps: withFlushes(events, schedule), eventCount: events.length };
}

const place = {
  zendeskTicket: (recordKey: string, tabId: number): TabPlace => ({
    kind: 'tab',
    app: DAY_APPS.zendesk,
    windowId: WINDOW.main,
    tabId,
    recordKey,
  }),
  salesforceCase: (recordKey: string): TabPlace => ({
    kind: 'tab',
    app: DAY_APPS.salesforce,
    windowId: WINDOW.main,
    tabId: TAB.salesforce,
    recordKey,
  }),
  zendeskViews: tab(DAY_APPS.zendesk, TAB.zendeskViews),
  salesforceList: tab(DAY_APPS.salesforce, TAB.salesforce),
  gmail: tab(DAY_APPS.gmail, TAB.gmail),
  confluence: tab(DAY_APPS.confluence, TAB.confluence),
  other: tab(DAY_APPS.other, TAB.other),
  slack: { kind: 'tab', app: DAY_APPS.slack, windowId: WINDOW.chat, tabId: TAB.slack } as TabPlace,
  outside: { kind: 'outside' } as Place,
};

function tab(app: AppRef, tabId: number): TabPlace {
  return { kind: 'tab', app, windowId: WINDOW.main, tabId };
}

function samePlace(a: Place | undefined, b: Place) {
  if (a === undefined || a.kind !== b.kind) return false;
  if (a.kind === 'outside' || b.kind === 'outside') return true;
  return a.tabId === b.tabId && a.recordKey === b.recordKey;
}

type StepKind = 'record' | 'list' | 'kb' | 'mail' | 'chat' | 'outside' | 'other' | 'idle' | 'lock';
const TICKET_STEPS: Record<StepKind, number> = {
  record: 28,
  list: 9,
  kb: 14,
  mail: 10,
  chat: 12,
  outside: 10,
  other: 5,
  idle: 6,
  lock: 3,
};
const DURATIONS: Record<StepKind | 'pause', [min: number, max: number]> = {
  record: [20 * SECOND, 4 * MINUTE],
  list: [5 * SECOND, 40 * SECOND],
  kb: [15 * SECOND, 2 * MINUTE],
  mail: [20 * SECOND, 3 * MINUTE],
  chat: [10 * SECOND, 2 * MINUTE],
  outside: [10 * SECOND, 3 * MINUTE],
  other: [10 * SECOND, MINUTE],
  idle: [70 * SECOND, 5 * MINUTE],
  lock: [2 * MINUTE, 6 * MINUTE],
  pause: [3 * MINUTE, 8 * MINUTE],
};

type Crm = 'zendesk' | 'salesforce';
type Ending = 'closed' | 'superseded' | 'tab-removed' | { gap: 'idle' | 'locked'; ms: number };
type Ticket = { crm: Crm; recordKey: string; tabId: number; record: TabPlace };

function planDay(random: Random, start: number, ticketTabBase: number): DaySchedule {
  const blocks: ScheduledBlock[] = [];
  const interactions: PlannedInteraction[] = [];
  let t = start;
  let nextTicketTab = ticketTabBase;
  let ticketNumber = 0;

  const lastBlock = () => blocks[blocks.length - 1];
  const lastPlace = () => {
    for (let index = blocks.length - 1; index >= 0; index--) {
      const block = blocks[index];
      if (block?.kind === 'place') return block.place;
    }
    return undefined;
  };
  const addPlace = (where: Place, ms: number) => {
    blocks.push({ kind: 'place', place: where, start: t, end: t + ms });
    t += ms;
  };
  const addGap = (kind: GapBlockKind, ms: number) => {
    blocks.push({ kind, start: t, end: t + ms });
    t += ms;
  };
  const duration = (kind: StepKind | 'pause') => random.int(...DURATIONS[kind]);

  const placeOf = (kind: StepKind, ticket?: Ticket): Place => {
    switch (kind) {
      case 'record':
        return ticket ? ticket.record : place.gmail;
      case 'list':
        return (ticket?.crm ?? random.pick(['zendesk', 'salesforce'] as const)) === 'zendesk'
          ? place.zendeskViews
          : place.salesforceList;
      case 'kb':
        return place.confluence;
      case 'mail':
        return place.gmail;
      case 'chat':
        return place.slack;
      case 'outside':
        return place.outside;
      default:
        return place.other;
    }
  };

  /** Places (and the odd idle) between tickets: no interaction is active. */
  const interlude = (kinds: readonly StepKind[]) => {
    for (const kind of kinds) {
      if (kind === 'idle') {
        if (lastBlock()?.kind === 'place') addGap('idle', duration('idle'));
        continue;
      }
      const where = placeOf(kind);
      if (lastBlock()?.kind === 'place' && samePlace(lastPlace(), where)) continue;
      addPlace(where, duration(kind));
    }
  };

  const openTicket = (crm: Crm): Ticket => {
    ticketNumber += 1;
    const recordKey =
      crm === 'zendesk'
        ? `zendesk:${48_000 + ticketNumber}`
        : `salesforce:500Qy${10_000 + ticketNumber}`;
    const tabId = crm === 'zendesk' ? nextTicketTab++ : TAB.salesforce;
    const record =
      crm === 'zendesk' ? place.zendeskTicket(recordKey, tabId) : place.salesforceCase(recordKey);
    return { crm, recordKey, tabId, record };
  };

  const planTicket = (ticket: Ticket, ending: Ending, withPause = false) => {
    const firstBlock = blocks.length;
    const first = t;
    // A ticket that supersedes the one in progress does so once it has stayed in front
    // SUPERSEDE_AFTER_MS (its first block, on its record, lasts longer): until then the agent is
    // away from the previous ticket.
    const previous = interactions.at(-1);
    const supersedes = previous?.endReason === 'superseded' && previous.end === first;
    if (supersedes) {
      previous.end = first + SUPERSEDE_AFTER_MS;
      previous.lastBlock = firstBlock;
    }
    addPlace(ticket.record, duration('record'));
    const steps = random.int(2, 9);
    const pauseFrom = withPause ? random.int(0, steps - 1) : Infinity;
    let paused = false;
    // Gaps never follow gaps: each is entered from a place and left to a place.
    const pauseIfDue = (step: number) => {
      if (paused || step < pauseFrom || lastBlock()?.kind !== 'place') return;
      addGap('paused', duration('pause'));
      paused = true;
    };
    for (let step = 0; step < steps; step++) {
      pauseIfDue(step);
      const kind = random.weighted(TICKET_STEPS);
      if (kind === 'idle' || kind === 'lock') {
        if (lastBlock()?.kind === 'place') {
          addGap(kind === 'lock' ? 'locked' : 'idle', duration(kind));
        }
        continue;
      }
      const where = placeOf(kind, ticket);
      if (lastBlock()?.kind === 'place' && samePlace(lastPlace(), where)) continue;
      addPlace(where, duration(kind));
    }
    if (lastBlock()?.kind !== 'place') addPlace(ticket.record, duration('record'));
    pauseIfDue(steps);

    let end = t;
    let endReason: PlannedInteraction['endReason'] = 'superseded';
    if (ending === 'closed') {
      if (lastBlock()?.kind !== 'place' || !samePlace(lastPlace(), ticket.record)) {
        addPlace(ticket.record, duration('record'));
      }
      end = t - random.int(SECOND, 5 * SECOND);
      endReason = 'closed';
    } else if (ending === 'tab-removed') {
      const last = lastPlace();
      if (lastBlock()?.kind !== 'place' || samePlace(last, ticket.record)) {
        const kind = random.pick(['kb', 'mail', 'chat', 'outside', 'other', 'list'] as const);
        addPlace(placeOf(kind, ticket), duration(kind));
      }
      const block = lastBlock();
      if (block === undefined) throw new Error('a ticket has blocks');
      end = block.start + Math.floor((block.end - block.start) * (0.2 + 0.6 * random.next()));
      endReason = 'tab-removed';
    } else if (typeof ending === 'object') {
      if (lastBlock()?.kind !== 'place') addPlace(ticket.record, duration('record'));
      end = t;
      addGap(ending.gap, ending.ms);
      endReason = 'idle';
    }
    interactions.push({
      recordKey: ticket.recordKey,
      app: ticket.crm,
      tabId: ticket.tabId,
      start: supersedes ? first + SUPERSEDE_AFTER_MS : first,
      end,
      endReason,
      firstBlock,
      lastBlock: blocks.length - 1,
    });
    // Zendesk closes a solved ticket's tab; the browser shows the views tab next to it.
    if (endReason === 'closed' && ticket.crm === 'zendesk') {
      addPlace(place.zendeskViews, duration('list'));
    }
  };

  const ticketsUntil = (until: number, pauseInFirst = false) => {
    let superseded = false;
    let first = true;
    while (t < until || superseded) {
      const crm: Crm = random.chance(0.6) ? 'zendesk' : 'salesforce';
      let ending = random.weighted({
        closed: 60,
        superseded: 28,
        'tab-removed': crm === 'zendesk' ? 12 : 0,
      });
      if (t >= until) ending = 'closed';
      planTicket(openTicket(crm), ending, pauseInFirst && first);
      first = false;
      superseded = ending === 'superseded';
      if (!superseded && random.chance(0.4)) {
        interlude(
          Array.from({ length: random.int(1, 3) }, () =>
            random.pick(['mail', 'chat', 'outside', 'kb', 'other', 'list', 'idle'] as const),
          ),
        );
      }
    }
  };

  interlude(['mail', 'chat', 'mail']);
  ticketsUntil(start + 4 * HOUR - 10 * MINUTE);
  // Lunch: the agent locks the screen for 45 minutes with a ticket still open.
  planTicket(openTicket(random.pick(['zendesk', 'salesforce'] as const)), {
    gap: 'locked',
    ms: 45 * MINUTE,
  });
  interlude(['mail', 'chat']);
  ticketsUntil(start + 6 * HOUR, true);
  // A meeting away from the desk: idle for 35 minutes, then back on the same ticket.
  const meetingTicket = openTicket('zendesk');
  planTicket(meetingTicket, { gap: 'idle', ms: 35 * MINUTE });
  planTicket(meetingTicket, 'closed');
  ticketsUntil(start + 7 * HOUR + 40 * MINUTE);
  addPlace(place.gmail, Math.max(start + 8 * HOUR - t, 2 * MINUTE));
  return { start, end: t, blocks, interactions };
}

type TabContent = { app: AppRef; recordKey?: string };
type TimedAction = { at: number; run: (at: number) => void };

/** The events such a day produces in a browser, in time order. */
function scriptEvents(
  schedule: DaySchedule,
  random: Random,
): { at: number; event: TrackerEvent }[] {
  const events: { at: number; event: TrackerEvent }[] = [];
  const emit = (at: number, event: TrackerEvent) => events.push({ at, event });
  let focused = WINDOW_ID_NONE;
  const front = new Map<number, number>();
  const content = new Map<number, TabContent>();
  const statuses = new Map<string, string>();
  const staleTabs: number[] = [];
  const progressed = new Set<string>();

  const focus = (at: number, windowId: number) => {
    focused = windowId;
    emit(at, { type: 'window.focused', windowId });
  };
  const activate = (at: number, tabId: number, windowId: number) => {
    const app = content.get(tabId)?.app ?? null;
    front.set(windowId, tabId);
    emit(at, { type: 'tab.activated', tabId, windowId, app });
  };
  const seeRecord = (at: number, tabId: number, recordKey: string, app: AppRef) => {
    emit(at, {
      type: 'record.seen',
      tabId,
      recordKey,
      app: app.id,
      status: statuses.get(recordKey),
    });
  };
  const removeTab = (at: number, tabId: number) => {
    emit(at, { type: 'tab.removed', tabId });
    content.delete(tabId);
    if (front.get(WINDOW.main) === tabId) {
      front.delete(WINDOW.main);
      // The browser brings the neighbouring tab to the front.
      activate(at, TAB.zendeskViews, WINDOW.main);
    }
  };

  /** Brings `where` in front the way an agent does; returns the tab that loaded a page, if any. */
  const goTo = (at: number, where: Place): number | undefined => {
    if (where.kind === 'outside') {
      if (focused !== WINDOW_ID_NONE) focus(at, WINDOW_ID_NONE);
      return undefined;
    }
    let loaded: number | undefined;
    const shown = content.get(where.tabId);
    // Pages load before their tab comes to the front (a link from the views list, a screen pop),
    // so the previous page of that tab is never in front in between.
    if (!shown) {
      if (where.recordKey) {
        statuses.set(where.recordKey, where.app.id === 'zendesk' ? 'open' : 'New');
        seeRecord(at, where.tabId, where.recordKey, where.app);
      }
      content.set(where.tabId, { app: where.app, recordKey: where.recordKey });
      loaded = where.tabId;
    } else if (shown.recordKey !== where.recordKey) {
      emit(at, { type: 'tab.updated', tabId: where.tabId, app: where.app });
      if (where.recordKey) {
        if (!statuses.has(where.recordKey)) statuses.set(where.recordKey, 'New');
        seeRecord(at, where.tabId, where.recordKey, where.app);
      } else emit(at, { type: 'record.cleared', tabId: where.tabId });
      content.set(where.tabId, { app: where.app, recordKey: where.recordKey });
      loaded = where.tabId;
    }
    if (front.get(where.windowId) !== where.tabId) activate(at, where.tabId, where.windowId);
    if (focused !== where.windowId) focus(at, where.windowId);
    return loaded;
  };

  const inside = (block: ScheduledBlock, from = block.start + 1, to = block.end - 1) =>
    random.int(from, Math.max(from, to));

  const noise = (at: number, kind: ScheduledBlock['kind']) => {
    const frontTab = focused === WINDOW_ID_NONE ? undefined : front.get(focused);
    const shown = frontTab === undefined ? undefined : content.get(frontTab);
    const backgroundTab = random.pick([TAB.gmail, TAB.slack, TAB.confluence]);
    const background = () => {
      const app = content.get(backgroundTab)?.app;
      if (app) emit(at, { type: 'tab.updated', tabId: backgroundTab, app });
    };
    if (kind !== 'place') return background();
    const choice = random.weighted({
      frontUpdated: shown ? 4 : 0,
      recordSeenAgain: shown?.recordKey ? 3 : 0,
      statusProgress: shown?.recordKey && !progressed.has(shown.recordKey) ? 1 : 0,
      focusAgain: 1,
      stillActive: 1,
      background: 2,
      backgroundRecord: 1,
    });
    if (choice === 'frontUpdated' && frontTab !== undefined && shown) {
      emit(at, { type: 'tab.updated', tabId: frontTab, app: shown.app });
    } else if (choice === 'recordSeenAgain' && frontTab !== undefined && shown?.recordKey) {
      seeRecord(at, frontTab, shown.recordKey, shown.app);
    } else if (choice === 'statusProgress' && frontTab !== undefined && shown?.recordKey) {
      // The agent replied: still open for the tracker, just a new status string.
      progressed.add(shown.recordKey);
      const status = statuses.get(shown.recordKey);
      if (status === 'open' || status === 'New') {
        statuses.set(shown.recordKey, status === 'open' ? 'pending' : 'Working');
      }
      seeRecord(at, frontTab, shown.recordKey, shown.app);
    } else if (choice === 'focusAgain') {
      emit(at, { type: 'window.focused', windowId: focused });
    } else if (choice === 'stillActive') {
      emit(at, { type: 'idle.changed', state: 'active' });
    } else if (choice === 'backgroundRecord') {
      const tabId = staleTabs.find((id) => content.has(id));
      const stale = tabId === undefined ? undefined : content.get(tabId);
      if (tabId !== undefined && stale?.recordKey) seeRecord(at, tabId, stale.recordKey, stale.app);
      else background();
    } else background();
  };

  // Morning: the browser opens with its pinned tabs, Slack in a second window.
  const { start } = schedule;
  const pinned: [number, AppRef][] = [
    [TAB.zendeskViews, DAY_APPS.zendesk],
    [TAB.salesforce, DAY_APPS.salesforce],
    [TAB.other, DAY_APPS.other],
    [TAB.confluence, DAY_APPS.confluence],
    [TAB.gmail, DAY_APPS.gmail],
  ];
  for (const [tabId, app] of pinned) {
    content.set(tabId, { app });
    activate(start, tabId, WINDOW.main);
  }
  content.set(TAB.slack, { app: DAY_APPS.slack });
  activate(start, TAB.slack, WINDOW.chat);

  const endsIn = new Map<number, PlannedInteraction[]>();
  for (const interaction of schedule.interactions) {
    const list = endsIn.get(interaction.lastBlock) ?? [];
    list.push(interaction);
    endsIn.set(interaction.lastBlock, list);
  }

  const closedStatus = { zendesk: 'solved', salesforce: 'Closed' } as const;
  const notFront = (tabId: number) => ![...front.values()].includes(tabId);

  schedule.blocks.forEach((block, index) => {
    const previous = schedule.blocks[index - 1];
    const actions: TimedAction[] = [];
    const later = (time: number, run: TimedAction['run']) => actions.push({ at: time, run });

    for (const ended of endsIn.get(index - 1) ?? []) {
      // Zendesk closes a solved ticket's tab; superseded tickets stay open in the background.
      if (ended.app !== 'zendesk') continue;
      if (ended.endReason === 'closed') removeTab(block.start, ended.tabId);
      if (ended.endReason === 'superseded') staleTabs.push(ended.tabId);
    }

    if (block.kind === 'place') {
      const loaded = goTo(block.start, block.place);
      if (previous?.kind === 'paused') {
        emit(block.start, { type: 'paused.changed', paused: false });
      } else if (previous && previous.kind !== 'place') {
        emit(block.start, { type: 'idle.changed', state: 'active' });
      }
      // Browsers repeat tab updates while a page loads (loading, complete, title, favicon).
      if (loaded !== undefined) {
        const app = content.get(loaded)?.app ?? null;
        for (let repeat = random.int(2, 4); repeat > 0; repeat--) {
          const time = inside(block, block.start + 50, Math.min(block.start + 1500, block.end - 1));
          later(time, (now) => emit(now, { type: 'tab.updated', tabId: loaded, app }));
        }
      }
      // Pages update titles, unread counts and favicons all the time; the longer the stay, the more.
      const perStay = Math.floor((block.end - block.start) / (10 * SECOND));
      for (let count = random.int(3, 5 + perStay); count > 0; count--) {
        later(inside(block), (now) => noise(now, block.kind));
      }
      if (staleTabs.length > 0 && random.chance(0.5)) {
        later(inside(block), (now) => {
          const tabId = staleTabs.find((id) => content.has(id) && notFront(id));
          if (tabId === undefined) return;
          staleTabs.splice(staleTabs.indexOf(tabId), 1);
          content.delete(tabId);
          emit(now, { type: 'tab.removed', tabId });
        });
      }
    } else {
      if (block.kind === 'paused') {
        emit(block.start, { type: 'paused.changed', paused: true });
        if (random.chance(0.5)) {
          later(inside(block), (now) => {
            if (focused !== WINDOW_ID_NONE) focus(now, WINDOW_ID_NONE);
          });
        }
      } else if (block.kind === 'locked') {
        emit(block.start, { type: 'idle.changed', state: 'locked' });
        // The lock screen takes focus from the browser.
        later(block.start + 1500, (now) => {
          if (focused !== WINDOW_ID_NONE) focus(now, WINDOW_ID_NONE);
        });
      } else {
        later(block.start + IDLE_REPORT_DELAY, (now) =>
          emit(now, { type: 'idle.changed', state: 'idle' }),
        );
      }
      for (
        let count = random.int(0, 2 + Math.floor((block.end - block.start) / MINUTE));
        count > 0;
        count--
      ) {
        later(inside(block), (now) => noise(now, block.kind));
      }
    }

    for (const ending of endsIn.get(index) ?? []) {
      if (ending.endReason === 'closed') {
        later(ending.end, (now) => {
          statuses.set(ending.recordKey, closedStatus[ending.app]);
          const app = ending.app === 'zendesk' ? DAY_APPS.zendesk : DAY_APPS.salesforce;
          seeRecord(now, ending.tabId, ending.recordKey, app);
        });
      } else if (ending.endReason === 'tab-removed') {
        later(ending.end, (now) => removeTab(now, ending.tabId));
      }
    }

    actions.sort((a, b) => a.at - b.at);
    for (const action of actions) action.run(action.at);
  });
  return events;
}

const FLUSH_EVERY = 5 * MINUTE;

/** Adds the wiring's periodic flush (an alarm every 5 minutes) and the end-of-day flush. */
function withFlushes(
  events: { at: number; event: TrackerEvent }[],
  schedule: DaySchedule,
): ReplayStep[] {
  const steps: ReplayStep[] = [];
  let nextFlush = schedule.start + FLUSH_EVERY;
  const flushUntil = (time: number) => {
    for (; nextFlush < time; nextFlush += FLUSH_EVERY) {
      steps.push({ at: nextFlush, flush: { holdBackIdleWindow: true } });
    }
  };
  for (const step of events) {
    flushUntil(step.at);
    steps.push(step);
  }
  flushUntil(schedule.end);
  steps.push({ at: schedule.end, flush: { endInteractions: true } });
  return steps;
}
