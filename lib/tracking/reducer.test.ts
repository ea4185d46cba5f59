import { describe, expect, it } from 'vitest';
import { DEFAULT_TRACKER_CONFIG, type TrackerConfig } from './config';
import { OWN_PAGES_APP, type AppRef, type IdleState, type TrackerEvent } from './events';
import type { InteractionEndedOutput, TrackerOutput } from './outputs';
import { closedUntil, flushTracker, reduceTracker } from './reducer';
import { replaySteps, type ReplayStep } from '../../tests/support/tracking/replay';
import { currentInteraction } from './interaction';
import { initialTrackerState, isCurrentTrackerState, type TrackerState } from './state';

const T0 = Date.UTC(2025, 2, 3, 9, 0, 0);
const at = (seconds: number) => T0 + seconds * 1000;
const MIN = 60;

const zendesk: AppRef = { id: 'zendesk', category: 'crm' };
const salesforce: AppRef = { id: 'salesforce', category: 'crm' };
const gmail: AppRef = { id: 'gmail', category: 'mail' };
const shop: AppRef = { id: 'other', category: 'other', domain: 'shop.example' };

const activate = (tabId: number, app: AppRef | null, windowId = 1): TrackerEvent => ({
  type: 'tab.activated',
  tabId,
  windowId,
  app,
});
const update = (tabId: number, app: AppRef | null): TrackerEvent => ({
  type: 'tab.updated',
  tabId,
  app,
});
const remove = (tabId: number): TrackerEvent => ({ type: 'tab.removed', tabId });
const focus = (windowId: number): TrackerEvent => ({ type: 'window.focused', windowId });
const detach = (tabId: number, windowId: number): TrackerEvent => ({
  type: 'tab.detached',
  tabId,
  windowId,
});
const attach = (tabId: number, windowId: number): TrackerEvent => ({
  type: 'tab.attached',
  tabId,
  windowId,
});
const replaced = (addedTabId: number, removedTabId: number): TrackerEvent => ({
  type: 'tab.replaced',
  addedTabId,
  removedTabId,
});
const idle = (state: IdleState): TrackerEvent => ({ type: 'idle.changed', state });
const pause = (paused: boolean): TrackerEvent => ({ type: 'paused.changed', paused });
const record = (
  tabId: number,
  recordKey: string,
  app = 'zendesk',
  status = 'open',
): TrackerEvent => ({
  type: 'record.seen',
  tabId,
  recordKey,
  app,
  status,
});
const cleared = (tabId: number): TrackerEvent => ({ type: 'record.cleared', tabId });
const withFields = (
  event: TrackerEvent,
  fields: { status?: string; priority?: string },
): TrackerEvent => ({ ...event, fields }) as TrackerEvent;

type Script = [seconds: number, ...events: TrackerEvent[]][];

/** The agent on ticket Z1 in zendesk tab 1 of focused window 1, from second 0. */
const onTicket: Script = [[0, record(1, 'Z1'), activate(1, zendesk), focus(1)]];
/** The agent in zendesk tab 1 (no record) of focused window 1, from second 0. */
const inZendesk: Script = [[0, activate(1, zendesk), focus(1)]];

function stepsOf(script: Script, endSeconds: number): ReplayStep[] {
  const steps: ReplayStep[] = script.flatMap(([seconds, ...events]) =>
    events.map((event) => ({ at: at(seconds), event })),
  );
  steps.push({ at: at(endSeconds), flush: { endInteractions: true } });
  return steps;
}

const s = (time: number) => (time - T0) / 1000;

/** Outputs in seconds from T0, as tuples that read like the tables below. */
function summarise(outputs: TrackerOutput[]) {
  return {
    segments: outputs.flatMap((o) =>
      o.type === 'segment'
        ? [[o.app, s(o.start), s(o.end), ...(o.recordKey ? [o.recordKey] : [])]]
        : [],
    ),
    gaps: outputs.flatMap((o) => (o.type === 'gap' ? [[o.kind, s(o.start), s(o.end)]] : [])),
    switches: outputs.flatMap((o) =>
      o.type === 'switch' ? [[o.from, o.to, s(o.at), ...(o.recordKey ? [o.recordKey] : [])]] : [],
    ),
    tabSwitches: outputs.flatMap((o) =>
      o.type === 'inAppTabSwitch' ? [[o.app, o.fromTabId, o.toTabId, s(o.at)]] : [],
    ),
    started: outputs.flatMap((o) =>
      o.type === 'interaction.started' ? [[o.recordKey, s(o.start)]] : [],
    ),
    interactions: outputs.flatMap((o) =>
      o.type === 'interaction.ended'
        ? [
            {
              ...o,
              start: s(o.start),
              end: s(o.end),
              handleMs: o.handleMs / 1000,
              awayMs: o.awayMs / 1000,
              outsideMs: o.outsideMs / 1000,
            },
          ]
        : [],
    ),
  };
}

type Summary = ReturnType<typeof summarise>;
type InteractionExpectation = Partial<Omit<InteractionEndedOutput, 'type'>>;
type RuleCase = {
  rule: string;
  script: Script;
  end: number;
  config?: Partial<TrackerConfig>;
  expected: Partial<Omit<Summary, 'interactions'>> & { interactions?: InteractionExpectation[] };
};

// Interaction times and durations below are in seconds.
const rules: RuleCase[] = [
  {
    rule: 'a change of app is a switch and ends the segment',
    script: [...inZendesk, [60, activate(2, gmail)]],
    end: 100,
    expected: {
      segments: [
        ['zendesk', 0, 60],
        ['gmail', 60, 100],
      ],
      gaps: [],
      switches: [['zendesk', 'gmail', 60]],
      tabSwitches: [],
    },
  },
  {
    rule: 'a change of tab within one app is counted apart, not as a switch',
    script: [...inZendesk, [30, activate(3, zendesk)]],
    end: 90,
    expected: {
      segments: [
        ['zendesk', 0, 30],
        ['zendesk', 30, 90],
      ],
      switches: [],
      tabSwitches: [['zendesk', 1, 3, 30]],
    },
  },
  {
    rule: 'in-app tab switches are not counted when the setting is off',
    script: [...inZendesk, [30, activate(3, zendesk)]],
    end: 90,
    config: { countInAppTabSwitches: false },
    expected: { switches: [], tabSwitches: [] },
  },
  {
    rule: 'leaving the browser and coming back are two switches and an outside gap',
    script: [...inZendesk, [40, focus(-1)], [100, focus(1)]],
    end: 130,
    expected: {
      segments: [
        ['zendesk', 0, 40],
        ['zendesk', 100, 130],
      ],
      gaps: [['outside', 40, 100]],
      switches: [
        ['zendesk', 'outside', 40],
        ['outside', 'zendesk', 100],
      ],
    },
  },
  {
    rule: 'coming back from outside to another tab of the app is a switch, not also a tab switch',
    script: [...inZendesk, [0, activate(7, zendesk, 2)], [40, focus(-1)], [100, focus(2)]],
    end: 130,
    expected: {
      switches: [
        ['zendesk', 'outside', 40],
        ['outside', 'zendesk', 100],
      ],
      tabSwitches: [],
    },
  },
  {
    // Chrome's events for a drag out, as the wiring hands them on (focus waits 150 ms to settle):
    // the window left behind brings its neighbour to the front as the tab leaves.
    rule: 'the tab in front dragged out into a new window stays in front: no switch, its time goes on',
    script: [
      ...onTicket,
      [0, update(2, gmail)],
      [60, detach(1, 1), activate(2, gmail, 1), attach(1, 2), activate(1, zendesk, 2)],
      [60.15, focus(2)],
    ],
    end: 120,
    expected: {
      segments: [['zendesk', 0, 120, 'Z1']],
      gaps: [],
      switches: [],
      tabSwitches: [],
      interactions: [{ recordKey: 'Z1', handleMs: 120, awayMs: 0, switchCount: 0, returns: 0 }],
    },
  },
  {
    rule: 'a tab dragged out is no switch either when the new window takes the focus before the tab is activated there',
    script: [
      ...onTicket,
      [0, update(2, gmail)],
      [60, detach(1, 1), activate(2, gmail, 1), attach(1, 2), focus(2), activate(1, zendesk, 2)],
    ],
    end: 120,
    expected: { segments: [['zendesk', 0, 120, 'Z1']], switches: [], tabSwitches: [] },
  },
  {
    rule: 'a tab dragged into another window is no switch; what the agent does there next counts as usual',
    script: [
      ...onTicket,
      [0, activate(7, gmail, 2)],
      [60, detach(1, 1), activate(2, gmail, 1), attach(1, 2), activate(1, zendesk, 2)],
      [60.15, focus(2)],
      [90, activate(7, gmail, 2)],
    ],
    end: 120,
    expected: {
      segments: [
        ['zendesk', 0, 90, 'Z1'],
        ['gmail', 90, 120],
      ],
      switches: [['zendesk', 'gmail', 90, 'Z1']],
      interactions: [{ recordKey: 'Z1', handleMs: 90, awayMs: 30, switchCount: 1 }],
    },
  },
  {
    rule: 'a drag let go over its own window is no switch',
    script: [
      ...onTicket,
      [60, detach(1, 1), activate(2, gmail, 1), attach(1, 1), activate(1, zendesk, 1)],
    ],
    end: 120,
    expected: { segments: [['zendesk', 0, 120, 'Z1']], switches: [], tabSwitches: [] },
  },
  {
    rule: 'a tab moved to another window while not in front takes no focus with it',
    script: [
      ...onTicket,
      [0, activate(7, gmail, 2)],
      [60, detach(7, 2), attach(7, 3), activate(7, gmail, 3)],
      [90, activate(2, gmail, 1)],
    ],
    end: 120,
    expected: {
      segments: [
        ['zendesk', 0, 90, 'Z1'],
        ['gmail', 90, 120],
      ],
      switches: [['zendesk', 'gmail', 90, 'Z1']],
    },
  },
  {
    // Chrome swaps in a prerendered page under a new tab id (tabs.onReplaced), nothing else.
    rule: 'a tab replaced under a new id keeps what was known of it: no switch, its record and its time',
    script: [
      ...onTicket,
      [0, update(2, gmail)],
      [60, replaced(5, 1), update(5, zendesk)],
      [90, activate(2, gmail)],
      [120, activate(5, zendesk)],
    ],
    end: 150,
    expected: {
      segments: [
        ['zendesk', 0, 90, 'Z1'],
        ['gmail', 90, 120],
        ['zendesk', 120, 150, 'Z1'],
      ],
      switches: [
        ['zendesk', 'gmail', 90, 'Z1'],
        ['gmail', 'zendesk', 120, 'Z1'],
      ],
      tabSwitches: [],
      interactions: [{ recordKey: 'Z1', handleMs: 120, awayMs: 30, switchCount: 2, returns: 1 }],
    },
  },
  {
    rule: 'closing the tab that replaced the ticket’s tab ends the ticket',
    script: [...onTicket, [60, replaced(5, 1)], [90, remove(5)]],
    end: 120,
    expected: {
      interactions: [{ recordKey: 'Z1', end: 90, endReason: 'tab-removed', handleMs: 90 }],
    },
  },
  {
    rule: 'a replacement that shows another app is a switch to it, as a navigation is',
    script: [...onTicket, [60, replaced(5, 1), update(5, gmail)]],
    end: 120,
    expected: {
      segments: [
        ['zendesk', 0, 60, 'Z1'],
        ['gmail', 60, 120],
      ],
      switches: [['zendesk', 'gmail', 60, 'Z1']],
    },
  },
  {
    rule: 'idle is backdated by the threshold',
    script: [...inZendesk, [200, idle('idle')], [500, idle('active')]],
    end: 560,
    expected: {
      segments: [
        ['zendesk', 0, 140],
        ['zendesk', 500, 560],
      ],
      gaps: [['idle', 140, 500]],
      switches: [],
    },
  },
  {
    rule: 'idle is never backdated before the open segment started',
    script: [...inZendesk, [100, activate(2, gmail)], [130, idle('idle')], [400, idle('active')]],
    end: 400,
    expected: {
      segments: [['zendesk', 0, 100]],
      gaps: [['idle', 100, 400]],
      switches: [['zendesk', 'gmail', 100]],
    },
  },
  {
    rule: 'idle while outside the browser replaces the outside time from when it started',
    script: [...inZendesk, [10, focus(-1)], [200, idle('idle')], [300, idle('active'), focus(1)]],
    end: 300,
    expected: {
      gaps: [
        ['outside', 10, 140],
        ['idle', 140, 300],
      ],
      switches: [
        ['zendesk', 'outside', 10],
        ['outside', 'zendesk', 300],
      ],
    },
  },
  {
    rule: 'a lock is reported as it happens and is not backdated',
    script: [...inZendesk, [200, idle('locked')], [300, idle('active')]],
    end: 300,
    expected: { segments: [['zendesk', 0, 200]], gaps: [['locked', 200, 300]] },
  },
  {
    rule: 'idle turning into a lock keeps the backdated start',
    script: [...inZendesk, [200, idle('idle')], [400, idle('locked')], [500, idle('active')]],
    end: 500,
    expected: {
      segments: [['zendesk', 0, 140]],
      gaps: [
        ['idle', 140, 400],
        ['locked', 400, 500],
      ],
    },
  },
  {
    rule: 'a pause is a gap, and what happens during it is no switch',
    script: [
      ...inZendesk,
      [60, pause(true)],
      [90, activate(2, gmail)],
      [120, focus(-1)],
      [150, focus(1)],
      [200, pause(false)],
    ],
    end: 230,
    expected: {
      segments: [
        ['zendesk', 0, 60],
        ['gmail', 200, 230],
      ],
      gaps: [['paused', 60, 200]],
      switches: [['zendesk', 'gmail', 200]],
    },
  },
  {
    rule: 'a ticket solved or closed during a pause ends its interaction where the pause began, asking nothing',
    script: [...onTicket, [60, pause(true)], [120, record(1, 'Z1', 'zendesk', 'Solved')]],
    end: 200,
    expected: {
      interactions: [{ recordKey: 'Z1', start: 0, end: 60, endReason: 'flush', handleMs: 60 }],
    },
  },
  {
    rule: 'a ticket tab closed during a pause ends its interaction where the pause began',
    script: [...onTicket, [60, pause(true)], [120, remove(1)]],
    end: 200,
    expected: {
      interactions: [{ recordKey: 'Z1', start: 0, end: 60, endReason: 'flush', handleMs: 60 }],
    },
  },
  {
    rule: 'a pause takes precedence over idle, lock and outside',
    script: [
      ...inZendesk,
      [60, pause(true)],
      [90, focus(-1)],
      [200, idle('idle')],
      [300, idle('locked')],
      [400, idle('active'), focus(1)],
      [500, pause(false)],
    ],
    end: 520,
    expected: { gaps: [['paused', 60, 500]], switches: [] },
  },
  {
    rule: 'an interaction starts when its record is first in front, and a closed status ends it',
    script: [
      ...onTicket,
      [120, activate(2, gmail)],
      [150, activate(1, zendesk)],
      [200, record(1, 'Z1', 'zendesk', 'Solved')],
      [260, activate(2, gmail)],
    ],
    end: 300,
    expected: {
      started: [['Z1', 0]],
      switches: [
        ['zendesk', 'gmail', 120, 'Z1'],
        ['gmail', 'zendesk', 150, 'Z1'],
        ['zendesk', 'gmail', 260],
      ],
      interactions: [
        {
          recordKey: 'Z1',
          app: 'zendesk',
          start: 0,
          end: 200,
          endReason: 'closed',
          handleMs: 170,
          awayMs: 30,
          outsideMs: 0,
          switchCount: 2,
          returns: 1,
          distinctApps: 2,
          appsUsed: ['zendesk', 'gmail'],
        },
      ],
    },
  },
  {
    rule: 'a record that left its tab and was solved there ends with its last state; the tab shows what came next',
    script: [
      ...onTicket,
      // Zendesk "close tab" after update: the ticket goes, the views show, then its last look.
      [90, cleared(1)],
      [90, { ...record(1, 'Z1', 'zendesk', 'solved'), departed: true } as TrackerEvent],
      [120, record(1, 'Z2')],
    ],
    end: 180,
    expected: {
      started: [
        ['Z1', 0],
        ['Z2', 120],
      ],
      segments: [
        ['zendesk', 0, 90, 'Z1'],
        ['zendesk', 90, 120],
        ['zendesk', 120, 180, 'Z2'],
      ],
      interactions: [
        { recordKey: 'Z1', end: 90, endReason: 'closed', handleMs: 90 },
        { recordKey: 'Z2', end: 180, endReason: 'flush' },
      ],
    },
  },
  {
    rule: 'a record that left its tab still open changes nothing',
    script: [
      ...onTicket,
      [90, cleared(1)],
      [90, { ...record(1, 'Z1'), departed: true } as TrackerEvent],
      [120, record(1, 'Z2')],
    ],
    end: 180,
    expected: {
      segments: [
        ['zendesk', 0, 90, 'Z1'],
        ['zendesk', 90, 120],
        ['zendesk', 120, 180, 'Z2'],
      ],
      interactions: [
        { recordKey: 'Z1', end: 122, endReason: 'superseded' },
        { recordKey: 'Z2', start: 122, end: 180, endReason: 'flush' },
      ],
    },
  },
  {
    rule: 'a closed status read in any tab closes the record in all of them',
    script: [...onTicket, [0, record(3, 'Z1')], [60, record(3, 'Z1', 'zendesk', 'solved')]],
    end: 90,
    expected: {
      started: [['Z1', 0]],
      interactions: [{ recordKey: 'Z1', end: 60, endReason: 'closed', handleMs: 60 }],
    },
  },
  {
    rule: 'an admin trigger ends the interaction when its field shows one of its values',
    config: { endTriggers: [{ app: 'zendesk', field: 'status', values: ['Pending'] }] },
    script: [
      ...onTicket,
      [30, withFields(record(1, 'Z1', 'zendesk', 'Open'), { status: 'Open' })],
      [90, withFields(record(1, 'Z1', 'zendesk', 'pending'), { status: 'pending' })],
      // Still pending: the record starts no new interaction while it keeps that value.
      [120, withFields(record(1, 'Z1', 'zendesk', 'Pending'), { status: 'Pending' })],
      // The customer replied: open again, a new interaction on the same ticket.
      [200, withFields(record(1, 'Z1', 'zendesk', 'Open'), { status: 'Open' })],
    ],
    end: 260,
    expected: {
      started: [
        ['Z1', 0],
        ['Z1', 200],
      ],
      interactions: [
        { recordKey: 'Z1', start: 0, end: 90, endReason: 'admin-trigger', handleMs: 90 },
        { recordKey: 'Z1', start: 200, end: 260, endReason: 'flush', handleMs: 60 },
      ],
    },
  },
  {
    rule: "an admin trigger fires only for its app and field; a closed status still reads as 'closed'",
    config: { endTriggers: [{ app: 'salesforce', field: 'priority', values: ['Escalated'] }] },
    script: [
      ...onTicket,
      [30, withFields(record(1, 'Z1'), { priority: 'Escalated' })],
      [60, withFields(record(1, 'Z1', 'zendesk', 'Solved'), { priority: 'Escalated' })],
    ],
    end: 90,
    expected: {
      started: [['Z1', 0]],
      interactions: [{ recordKey: 'Z1', end: 60, endReason: 'closed' }],
    },
  },
  {
    rule: 'a record in a background tab starts nothing',
    script: [...inZendesk, [10, record(5, 'Z5')]],
    end: 60,
    expected: { started: [], interactions: [] },
  },
  {
    rule: 'another open record in front supersedes once it stayed 2 s; the switch to it counts for the old one',
    script: [...onTicket, [100, record(2, 'S1', 'salesforce'), activate(2, salesforce)]],
    end: 160,
    expected: {
      started: [
        ['Z1', 0],
        ['S1', 102],
      ],
      switches: [['zendesk', 'salesforce', 100, 'Z1']],
      interactions: [
        {
          recordKey: 'Z1',
          end: 102,
          endReason: 'superseded',
          handleMs: 100,
          awayMs: 2,
          switchCount: 1,
        },
        { recordKey: 'S1', start: 102, end: 160, endReason: 'flush', handleMs: 58, switchCount: 0 },
      ],
    },
  },
  {
    rule: 'a new record in the same tab supersedes without a switch',
    script: [...onTicket, [100, record(1, 'Z2')]],
    end: 130,
    expected: {
      segments: [
        ['zendesk', 0, 100, 'Z1'],
        ['zendesk', 100, 130, 'Z2'],
      ],
      switches: [],
      interactions: [
        { recordKey: 'Z1', end: 102, endReason: 'superseded', switchCount: 0 },
        { recordKey: 'Z2', start: 102, end: 130 },
      ],
    },
  },
  {
    rule: 'a record passed through for under 2 s (Ctrl+Tab, a closed tab’s neighbour) supersedes nothing',
    script: [
      ...onTicket,
      [100, record(2, 'Z2'), activate(2, zendesk)],
      [101, activate(3, gmail)],
      [200, activate(1, zendesk)],
    ],
    end: 260,
    expected: {
      started: [['Z1', 0]],
      interactions: [
        {
          recordKey: 'Z1',
          end: 260,
          endReason: 'flush',
          handleMs: 160,
          awayMs: 100,
          switchCount: 2,
          returns: 1,
        },
      ],
    },
  },
  {
    rule: 'a record solved before it stayed 2 s was worked on from when it came in front: it supersedes then and ends closed',
    script: [...onTicket, [100, record(1, 'Z2')], [101, record(1, 'Z2', 'zendesk', 'Solved')]],
    end: 130,
    expected: {
      started: [
        ['Z1', 0],
        ['Z2', 100],
      ],
      interactions: [
        { recordKey: 'Z1', end: 100, endReason: 'superseded', handleMs: 100 },
        { recordKey: 'Z2', start: 100, end: 101, endReason: 'closed', handleMs: 1 },
      ],
    },
  },
  {
    rule: 'a ticket solved in another tab within 2 s takes over from when its tab came in front; back on the first, it starts again',
    script: [
      ...onTicket,
      [100, record(2, 'Z2'), activate(2, zendesk)],
      [101, record(2, 'Z2', 'zendesk', 'Solved')],
      [110, activate(1, zendesk)],
    ],
    end: 130,
    expected: {
      started: [
        ['Z1', 0],
        ['Z2', 100],
        ['Z1', 110],
      ],
      interactions: [
        { recordKey: 'Z1', end: 100, endReason: 'superseded', handleMs: 100 },
        { recordKey: 'Z2', start: 100, end: 101, endReason: 'closed', handleMs: 1 },
        { recordKey: 'Z1', start: 110, end: 130, endReason: 'flush', handleMs: 20 },
      ],
    },
  },
  {
    rule: 'a solved record opened for reference does not take over',
    script: [...onTicket, [100, record(2, 'Z9', 'zendesk', 'solved'), activate(2, zendesk)]],
    end: 160,
    expected: {
      tabSwitches: [['zendesk', 1, 2, 100]],
      interactions: [
        {
          recordKey: 'Z1',
          endReason: 'flush',
          handleMs: 100,
          awayMs: 60,
          inAppTabSwitches: 1,
          appsUsed: ['zendesk'],
        },
      ],
    },
  },
  {
    rule: 'idle past the limit ends the interaction when idleness started',
    script: [...onTicket, [300, idle('idle')], [300 + 31 * MIN, idle('active')]],
    end: 300 + 32 * MIN,
    expected: {
      gaps: [['idle', 240, 300 + 31 * MIN]],
      started: [
        ['Z1', 0],
        ['Z1', 300 + 31 * MIN],
      ],
      interactions: [
        { recordKey: 'Z1', start: 0, end: 240, endReason: 'idle', handleMs: 240 },
        { recordKey: 'Z1', start: 300 + 31 * MIN, handleMs: 60, endReason: 'flush' },
      ],
    },
  },
  {
    rule: 'idle within the limit keeps the interaction and counts as neither handle nor away',
    script: [...onTicket, [300, idle('idle')], [300 + 29 * MIN, idle('active')]],
    end: 300 + 30 * MIN,
    expected: {
      interactions: [
        { recordKey: 'Z1', end: 300 + 30 * MIN, endReason: 'flush', handleMs: 300, awayMs: 0 },
      ],
    },
  },
  {
    rule: 'a lunch lock ends the interaction at the lock, even if reported later',
    script: [
      ...onTicket,
      [600, idle('locked')],
      [610, focus(-1)],
      [600 + 40 * MIN, update(9, gmail)],
      [600 + 45 * MIN, activate(2, gmail), focus(1), idle('active')],
    ],
    end: 600 + 50 * MIN,
    expected: {
      gaps: [['locked', 600, 600 + 45 * MIN]],
      switches: [['zendesk', 'gmail', 600 + 45 * MIN]],
      interactions: [
        { recordKey: 'Z1', end: 600, endReason: 'idle', handleMs: 600, switchCount: 0 },
      ],
    },
  },
  {
    rule: "closing the record's last tab ends the interaction",
    script: [...onTicket, [60, activate(2, gmail)], [90, remove(1)]],
    end: 120,
    expected: {
      interactions: [
        { recordKey: 'Z1', end: 90, endReason: 'tab-removed', handleMs: 60, awayMs: 30 },
      ],
    },
  },
  {
    rule: 'closing one of two tabs showing the record does not end it',
    script: [...onTicket, [0, record(3, 'Z1')], [60, activate(2, gmail)], [90, remove(1)]],
    end: 120,
    expected: { interactions: [{ recordKey: 'Z1', end: 120, endReason: 'flush', awayMs: 60 }] },
  },
  {
    rule: 'closing the front tab keeps the segment until the next front tab is reported',
    script: [...inZendesk, [0, activate(2, gmail)], [50, remove(2)], [50, activate(1, zendesk)]],
    end: 80,
    expected: {
      segments: [
        ['gmail', 0, 50],
        ['zendesk', 50, 80],
      ],
      switches: [
        ['zendesk', 'gmail', 0],
        ['gmail', 'zendesk', 50],
      ],
    },
  },
  {
    rule: 'a focused window whose front tab is not known yet is other time, and no switch',
    script: [...inZendesk, [40, focus(-1)], [100, focus(5)], [110, activate(9, gmail, 5)]],
    end: 130,
    expected: {
      segments: [
        ['zendesk', 0, 40],
        ['other', 100, 110],
        ['gmail', 110, 130],
      ],
      switches: [
        ['zendesk', 'outside', 40],
        ['outside', 'gmail', 110],
      ],
    },
  },
  {
    rule: "Touchpoint's own page in a tab is neither the ticket's time nor a switch away",
    // The agent opens the options page in a new tab for five minutes, then goes back to the ticket.
    script: [...onTicket, [60, activate(7, OWN_PAGES_APP)], [360, activate(1, zendesk)]],
    end: 420,
    expected: {
      segments: [
        ['zendesk', 0, 60, 'Z1'],
        ['zendesk', 360, 420, 'Z1'],
      ],
      gaps: [['own-page', 60, 360]],
      switches: [],
      tabSwitches: [],
      interactions: [{ handleMs: 120, awayMs: 0, outsideMs: 0, switchCount: 0, returns: 0 }],
    },
  },
  {
    rule: 'closing an own page back onto the ticket leaves no blip of other time between them',
    // Chrome reports the own tab's removal first, the ticket's tab in front 3 ms later.
    script: [
      ...onTicket,
      [60, activate(7, OWN_PAGES_APP)],
      [120, remove(7)],
      [120.003, activate(1, zendesk)],
    ],
    end: 180,
    expected: {
      segments: [
        ['zendesk', 0, 60, 'Z1'],
        ['zendesk', 120.003, 180, 'Z1'],
      ],
      gaps: [['own-page', 60, 120.003]],
      switches: [],
      interactions: [{ handleMs: 119.997, awayMs: 0, distinctApps: 1, appsUsed: ['zendesk'] }],
    },
  },
  {
    rule: 'from an own page to another app is one switch, from where the agent was before it',
    script: [...onTicket, [60, activate(7, OWN_PAGES_APP)], [90, activate(8, gmail)]],
    end: 120,
    config: { trackedApps: ['zendesk', 'gmail'] },
    expected: {
      gaps: [['own-page', 60, 90]],
      switches: [['zendesk', 'gmail', 90, 'Z1']],
    },
  },
  {
    rule: "closing the ticket's tab onto an own page ends the interaction, and no time is the ticket's after",
    script: [...onTicket, [60, remove(1), activate(7, OWN_PAGES_APP)]],
    end: 200,
    expected: {
      segments: [['zendesk', 0, 60, 'Z1']],
      gaps: [['own-page', 60, 200]],
      interactions: [{ endReason: 'tab-removed', end: 60, handleMs: 60 }],
    },
  },
  {
    rule: "navigating the record's tab to another app drops the record",
    script: [...onTicket, [60, update(1, gmail)], [90, update(1, zendesk), record(1, 'Z1')]],
    end: 100,
    expected: {
      segments: [
        ['zendesk', 0, 60, 'Z1'],
        ['gmail', 60, 90],
        ['zendesk', 90, 100, 'Z1'],
      ],
      interactions: [{ handleMs: 70, awayMs: 30, switchCount: 2, returns: 1 }],
    },
  },
  {
    rule: 'a list page in the same tab is time away, and coming back is a return',
    script: [...onTicket, [60, cleared(1)], [80, record(1, 'Z1')], [90, focus(-1)], [95, focus(1)]],
    end: 100,
    expected: {
      interactions: [
        { handleMs: 75, awayMs: 20, outsideMs: 5, switchCount: 2, returns: 2, distinctApps: 1 },
      ],
    },
  },
  {
    rule: 'apps that are not tracked count as other, and their records are ignored',
    script: [...inZendesk, [10, record(2, 'S1', 'salesforce'), activate(2, salesforce)]],
    end: 40,
    config: { trackedApps: ['zendesk'] },
    expected: {
      segments: [
        ['zendesk', 0, 10],
        ['other', 10, 40],
      ],
      switches: [['zendesk', 'other', 10]],
      started: [],
    },
  },
  {
    rule: 'a page that is no web page counts as other',
    script: [...inZendesk, [10, activate(2, null)]],
    end: 40,
    expected: { switches: [['zendesk', 'other', 10]] },
  },
  {
    rule: 'duplicated events change nothing',
    script: [
      ...onTicket,
      ...onTicket,
      [10, focus(1), activate(1, zendesk), update(1, zendesk), record(1, 'Z1'), idle('active')],
      [
        20,
        pause(false),
        update(1, zendesk),
        update(1, zendesk),
        record(1, 'Z1', 'zendesk', 'pending'),
      ],
      [30, activate(2, gmail)],
      [31, activate(2, gmail), focus(1)],
      [40, focus(-1)],
      [41, focus(-1), remove(99), cleared(98)],
    ],
    end: 60,
    expected: {
      segments: [
        ['zendesk', 0, 30, 'Z1'],
        ['gmail', 30, 40],
      ],
      gaps: [['outside', 40, 60]],
      switches: [
        ['zendesk', 'gmail', 30, 'Z1'],
        ['gmail', 'outside', 40, 'Z1'],
      ],
      started: [['Z1', 0]],
    },
  },
  {
    rule: 'an event stamped before the previous one is taken as simultaneous with it',
    script: [...inZendesk, [100, activate(2, gmail)], [50, activate(1, zendesk)]],
    end: 130,
    expected: {
      segments: [
        ['zendesk', 0, 100],
        ['zendesk', 100, 130],
      ],
      switches: [
        ['zendesk', 'gmail', 100],
        ['gmail', 'zendesk', 100],
      ],
    },
  },
];

describe('reduceTracker rules', () => {
  it.each(rules)('$rule', ({ script, end, config, expected }) => {
    const steps = stepsOf(script, end);
    const { outputs } = replaySteps(steps, { ...DEFAULT_TRACKER_CONFIG, ...config });
    const summary = summarise(outputs);
    const { interactions, ...rest } = expected;
    for (const [key, value] of Object.entries(rest)) {
      expect(summary[key as keyof typeof rest], key).toEqual(value);
    }
    if (interactions) {
      expect(summary.interactions).toHaveLength(interactions.length);
      interactions.forEach((interaction, index) => {
        expect(summary.interactions[index]).toMatchObject(interaction);
      });
    }
  });
});

describe('configuration', () => {
  it('keeps the domain of an other site only when policy allows it', () => {
    const script: Script = [[0, activate(5, shop), focus(1)]];
    const without = replaySteps(stepsOf(script, 10), DEFAULT_TRACKER_CONFIG);
    const withDomains = replaySteps(stepsOf(script, 10), {
      ...DEFAULT_TRACKER_CONFIG,
      storeOtherDomains: true,
    });
    expect(without.outputs).toEqual([
      { type: 'segment', app: 'other', category: 'other', tabId: 5, start: at(0), end: at(10) },
    ]);
    expect(JSON.stringify(without.state)).not.toContain('shop.example');
    expect(withDomains.outputs[0]).toMatchObject({ app: 'other', domain: 'shop.example' });
  });

  it('forgets kept domains as soon as policy stops allowing them', () => {
    const allowed = { ...DEFAULT_TRACKER_CONFIG, storeOtherDomains: true };
    let state = initialTrackerState(at(0));
    state = reduceTracker(state, activate(5, shop), at(0), allowed).state;
    state = reduceTracker(state, focus(1), at(0), allowed).state;
    expect(JSON.stringify(state)).toContain('shop.example');
    const step = reduceTracker(state, activate(6, gmail), at(10), DEFAULT_TRACKER_CONFIG);
    expect(step.outputs[0]).toEqual({
      type: 'segment',
      app: 'other',
      category: 'other',
      tabId: 5,
      start: at(0),
      end: at(10),
    });
    expect(JSON.stringify(step.state)).not.toContain('shop.example');
  });

  it('keeps no domain for a known app: its id says which it is', () => {
    const withHost = { ...zendesk, domain: 'acme.zendesk.com' };
    const { outputs, state } = replaySteps(
      stepsOf([[0, activate(1, withHost), focus(1)]], 10),
      DEFAULT_TRACKER_CONFIG,
    );
    expect(outputs[0]).not.toHaveProperty('domain');
    expect(JSON.stringify(state)).not.toContain('acme');
  });

  it('emits nothing and keeps no record while tracking is off', () => {
    const config = { ...DEFAULT_TRACKER_CONFIG, enabled: false };
    const { state, outputs } = replaySteps(
      stepsOf(
        [...onTicket, [60, activate(2, gmail)], [90, idle('idle')], [95, record(3, 'Z3')]],
        120,
      ),
      config,
    );
    expect(outputs).toEqual([]);
    expect(state.tabs.filter((tab) => tab.record)).toEqual([]);
    expect(state.interaction).toBeNull();
    expect(state.span).toBeNull();
  });

  it('ends the interaction in progress when switched off, at the last step it took while on', () => {
    const off = { ...DEFAULT_TRACKER_CONFIG, enabled: false };
    const steps = stepsOf(onTicket, 60).map((step) =>
      'flush' in step ? { at: step.at, flush: {} } : step,
    );
    const { state, outputs } = replaySteps(steps, DEFAULT_TRACKER_CONFIG);
    // The last step with tracking on was the minute's flush at 60 s; the next one, at 100 s,
    // finds it off. When it was switched off in between is not known: nothing after 60 s counts.
    const stopped = reduceTracker(state, activate(2, gmail), at(100), off);
    expect(summarise([...outputs, ...stopped.outputs]).segments).toEqual([
      ['zendesk', 0, 60, 'Z1'],
    ]);
    expect(stopped.outputs.filter((o) => o.type === 'interaction.ended')).toEqual([
      expect.objectContaining({
        recordKey: 'Z1',
        endReason: 'flush',
        end: at(60),
        handleMs: 60_000,
      }),
    ]);
    // …and nothing after it: the next steps while off emit nothing.
    expect(flushTracker(stopped.state, at(200), off).outputs).toEqual([]);
    expect(stopped.state.interaction).toBeNull();
  });

  it('resumes from what is in front when switched back on, without a switch from before', () => {
    const off = { ...DEFAULT_TRACKER_CONFIG, enabled: false };
    let state = initialTrackerState(at(0));
    state = reduceTracker(state, activate(2, gmail), at(0), off).state;
    state = reduceTracker(state, focus(1), at(0), off).state;
    const resumed = reduceTracker(state, record(2, 'G1', 'gmail'), at(50), DEFAULT_TRACKER_CONFIG);
    expect(resumed.outputs).toEqual([
      { type: 'interaction.started', recordKey: 'G1', app: 'gmail', start: at(50) },
    ]);
    const flushed = flushTracker(resumed.state, at(80), DEFAULT_TRACKER_CONFIG);
    expect(summarise(flushed.outputs).segments).toEqual([['gmail', 50, 80, 'G1']]);
  });
});

describe('flushTracker', () => {
  it('closes the open segment and continues it, with no switch and no return', () => {
    const steps = stepsOf([...onTicket, [30, activate(2, gmail)], [60, activate(1, zendesk)]], 100);
    steps.splice(3, 0, { at: at(20), flush: {} });
    const { outputs } = replaySteps(steps, DEFAULT_TRACKER_CONFIG);
    const summary = summarise(outputs);
    expect(summary.segments).toEqual([
      ['zendesk', 0, 20, 'Z1'],
      ['zendesk', 20, 30, 'Z1'],
      ['gmail', 30, 60],
      ['zendesk', 60, 100, 'Z1'],
    ]);
    expect(summary.interactions[0]).toMatchObject({ handleMs: 70, switchCount: 2, returns: 1 });
  });

  it('with holdBackIdleWindow, leaves idle backdating exactly as without the flush', () => {
    const script: Script = [...inZendesk, [200, idle('idle')], [300, idle('active')]];
    const steps = stepsOf(script, 300);
    steps.splice(2, 0, { at: at(170), flush: { holdBackIdleWindow: true } });
    const summary = summarise(replaySteps(steps, DEFAULT_TRACKER_CONFIG).outputs);
    expect(summary.segments).toEqual([
      ['zendesk', 0, 110],
      ['zendesk', 110, 140],
    ]);
    expect(summary.gaps).toEqual([['idle', 140, 300]]);
  });

  it('says until when its time is closed: the held-back idle window is still open', () => {
    const state = replaySteps(stepsOf(inZendesk, 0).slice(0, -1), DEFAULT_TRACKER_CONFIG).state;
    const flushed = flushTracker(state, at(170), DEFAULT_TRACKER_CONFIG, {
      holdBackIdleWindow: true,
    });
    expect(summarise(flushed.outputs).segments).toEqual([['zendesk', 0, 110]]);
    expect(closedUntil(flushed.state)).toBe(at(110));
    const off = { ...DEFAULT_TRACKER_CONFIG, enabled: false };
    expect(closedUntil(flushTracker(flushed.state, at(200), off).state)).toBe(at(200));
  });

  it('ends the interaction only when asked to', () => {
    const state = replaySteps(stepsOf(onTicket, 0).slice(0, -1), DEFAULT_TRACKER_CONFIG).state;
    expect(flushTracker(state, at(10), DEFAULT_TRACKER_CONFIG).outputs).toHaveLength(1);
    const final = flushTracker(state, at(10), DEFAULT_TRACKER_CONFIG, { endInteractions: true });
    expect(final.outputs.map((output) => output.type)).toEqual(['segment', 'interaction.ended']);
    expect(final.state.interaction).toBeNull();
  });
});

describe('a pause the admin no longer allows', () => {
  it('ends at the next step once allowPause is off, and measurement goes on from there', () => {
    const paused = replaySteps(
      stepsOf([...inZendesk, [60, pause(true)]], 0).slice(0, -1),
      DEFAULT_TRACKER_CONFIG,
    ).state;
    const forbidden = { ...DEFAULT_TRACKER_CONFIG, allowPause: false };
    const flushed = flushTracker(paused, at(120), forbidden);
    expect(flushed.state.paused).toBe(false);
    const ended = flushTracker(flushed.state, at(180), forbidden, { endInteractions: true });
    const summary = summarise([...flushed.outputs, ...ended.outputs]);
    expect(summary.gaps).toEqual([['paused', 60, 120]]);
    expect(summary.segments).toEqual([['zendesk', 120, 180]]);
  });
});

describe('a phone call (a phone app playing sound)', () => {
  const call = (onCall: boolean): TrackerEvent => ({ type: 'call.changed', onCall });
  const solved = record(1, 'Z1', 'zendesk', 'Solved');
  /** The minute alarm's flushes, as the wiring makes them, between the script's steps. */
  const withMinuteFlushes = (steps: ReplayStep[], endSeconds: number): ReplayStep[] =>
    [
      ...steps,
      ...Array.from({ length: Math.floor(endSeconds / MIN) }, (_, minute) => ({
        at: at((minute + 1) * MIN - 1),
        flush: { holdBackIdleWindow: true },
      })),
    ].sort((a, b) => a.at - b.at);
  /** Spans the flushes cut, joined again: [app or kind, start, end, record]. */
  const joined = (spans: (string | number)[][]) =>
    spans.reduce<(string | number)[][]>((result, span) => {
      const last = result.at(-1);
      if (last && last[0] === span[0] && last[3] === span[3] && last[2] === span[1]) {
        last[2] = span[2] as number;
      } else result.push([...span]);
      return result;
    }, []);
  const replay = (script: Script, end: number) => {
    const steps = withMinuteFlushes(stepsOf(script, end), end);
    const summary = summarise(replaySteps(steps, DEFAULT_TRACKER_CONFIG).outputs);
    return { ...summary, segments: joined(summary.segments), gaps: joined(summary.gaps) };
  };

  it('keeps a 10-minute call without input with the ticket in front, as if the agent typed', () => {
    // The agent picks up at 30 s and only listens and talks: the browser reports idle at 90 s.
    const onCall = replay(
      [
        ...onTicket,
        [30, call(true)],
        [90, idle('idle')],
        [630, call(false)],
        [640, idle('active')],
      ],
      700,
    );
    const typing = replay(onTicket, 700);
    expect(onCall).toEqual(typing);
    expect(onCall.gaps).toEqual([]);
    expect(onCall.interactions).toMatchObject([{ recordKey: 'Z1', handleMs: 700 }]);
    // Before, 90 − 60 = 30 s to 640 s were idle: 610 s of the ticket's 700 s dropped.
    const noCall = replay([...onTicket, [90, idle('idle')], [640, idle('active')]], 700);
    expect(noCall.gaps).toEqual([['idle', 30, 640]]);
  });

  it('does not end the interaction for a 40-minute call without input', () => {
    const script: Script = [
      ...onTicket,
      [30, call(true)],
      [90, idle('idle')],
      [30 + 40 * MIN, call(false)],
      [40 * MIN + 40, idle('active')],
      [42 * MIN, solved],
    ];
    const summary = replay(script, 43 * MIN);
    expect(summary.started).toEqual([['Z1', 0]]);
    expect(summary.interactions).toMatchObject([
      { recordKey: 'Z1', start: 0, end: 42 * MIN, endReason: 'closed', handleMs: 42 * MIN },
    ]);
    // Before: ended as idle at 30 s, and the typing after the call started Z1 a second time.
    const noCall = replay(
      script.filter(([, event]) => event?.type !== 'call.changed'),
      43 * MIN,
    );
    expect(noCall.started).toEqual([
      ['Z1', 0],
      ['Z1', 40 * MIN + 40],
    ]);
    expect(noCall.interactions[0]).toMatchObject({ end: 30, endReason: 'idle' });
  });

  it('counts idleness after the call from its end, not from the last input during it', () => {
    const summary = replay(
      [
        ...onTicket,
        [30, call(true)],
        [90, idle('idle')],
        [630, call(false)],
        [930, idle('active')],
      ],
      960,
    );
    expect(summary.segments).toEqual([
      ['zendesk', 0, 630, 'Z1'],
      ['zendesk', 930, 960, 'Z1'],
    ]);
    expect(summary.gaps).toEqual([['idle', 630, 930]]);
    expect(summary.interactions).toMatchObject([{ handleMs: 660, endReason: 'flush' }]);
  });

  it('never backdates an idle report after the call into it', () => {
    // Input at 600 s during the call; the browser reports idle 60 s later, 30 s after the call.
    const summary = replay(
      [
        ...onTicket,
        [30, call(true)],
        [90, idle('idle')],
        [600, idle('active')],
        [630, call(false)],
        [660, idle('idle')],
        [900, idle('active')],
      ],
      960,
    );
    expect(summary.gaps).toEqual([['idle', 630, 900]]);
  });

  it('takes silences in the call shorter than the idle threshold for no idleness', () => {
    const summary = replay(
      [
        ...onTicket,
        [30, call(true)],
        [90, idle('idle')],
        [300, call(false)],
        [345, call(true)],
        [630, call(false)],
        [640, idle('active')],
      ],
      700,
    );
    expect(summary.gaps).toEqual([]);
  });

  it('ends the interaction for idleness 30 minutes after the call, at the call’s end', () => {
    const summary = replay(
      [...onTicket, [30, call(true)], [90, idle('idle')], [10 * MIN, call(false)]],
      45 * MIN,
    );
    expect(summary.interactions).toMatchObject([
      { start: 0, end: 10 * MIN, endReason: 'idle', handleMs: 10 * MIN },
    ]);
    expect(summary.gaps).toEqual([['idle', 10 * MIN, 45 * MIN]]);
  });

  it('ends idleness when a call starts, and leaves a lock during it a lock', () => {
    const summary = replay(
      [
        ...onTicket,
        [200, idle('idle')],
        [300, call(true)],
        [400, idle('locked')],
        [500, idle('active')],
        [600, call(false)],
      ],
      660,
    );
    expect(summary.gaps).toEqual([
      ['idle', 140, 300],
      ['locked', 400, 500],
    ]);
  });

  it('sends nothing about the call: only its effect on idleness shows', () => {
    const { outputs } = replaySteps(
      stepsOf([...onTicket, [30, call(true)], [90, idle('idle')], [630, call(false)]], 700),
      DEFAULT_TRACKER_CONFIG,
    );
    expect(new Set(outputs.map((output) => output.type))).toEqual(
      new Set(['interaction.started', 'segment', 'gap', 'interaction.ended']),
    );
    expect(JSON.stringify(outputs)).not.toMatch(/call/i);
  });
});

describe('stored state', () => {
  it('drops a state stored by a build with another shape and starts afresh', () => {
    const stale = { ...initialTrackerState(at(0)), version: 1 } as unknown as TrackerState;
    expect(isCurrentTrackerState(stale)).toBe(false);
    const { state, outputs } = reduceTracker(stale, focus(1), at(10), DEFAULT_TRACKER_CONFIG);
    expect(isCurrentTrackerState(state)).toBe(true);
    expect(outputs).toEqual([]);
    expect(state.lastEventAt).toBe(at(10));
  });
});

describe('currentInteraction', () => {
  it('shows the figures so far, the open segment included, without changing the state', () => {
    const { state } = replaySteps(
      stepsOf([...onTicket, [60, activate(2, gmail)]], 60).slice(0, -1),
      DEFAULT_TRACKER_CONFIG,
    );
    expect(currentInteraction(state, at(90))).toMatchObject({
      recordKey: 'Z1',
      start: at(0),
      handleMs: 60_000,
      awayMs: 30_000,
      switchCount: 1,
      appsUsed: ['zendesk', 'gmail'],
    });
    expect(state.interaction?.awayMs).toBe(0);
  });
});
