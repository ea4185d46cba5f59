import {
  WINDOW_ID_NONE,
  type AppRef,
  type IdleState,
  type TrackerEvent,
} from '../../../lib/tracking/events';
import type { Random } from '../../../contract/seeded-random';

// Random event streams for property tests and the benchmark: few tabs, windows and records, so
// that the same things recur, with pauses long enough to end interactions and the odd event at
// the same millisecond.

const APPS: readonly (AppRef | null)[] = [
  { id: 'zendesk', category: 'crm' },
  { id: 'salesforce', category: 'crm' },
  { id: 'gmail', category: 'mail' },
  { id: 'slack', category: 'chat' },
  { id: 'confluence', category: 'knowledge-base' },
  { id: 'other', category: 'other', domain: 'shop.example' },
  { id: 'other', category: 'other', domain: 'news.example' },
  null,
];
const RECORDS = [
  ['zendesk', 'zendesk:1'],
  ['zendesk', 'zendesk:2'],
  ['zendesk', 'zendesk:3'],
  ['salesforce', 'salesforce:1'],
  ['salesforce', 'salesforce:2'],
] as const;
const STATUSES = ['open', 'pending', 'New', 'Working', 'solved', 'Closed', undefined];
const IDLE_STATES: readonly IdleState[] = ['active', 'active', 'idle', 'locked'];

/** An event with the time the wiring stamped on it. */
export type TimedEvent = { at: number; event: TrackerEvent };

/** Any event the wiring could send, for a small set of tabs, windows, apps and records. */
export function randomEvent(random: Random): TrackerEvent {
  const tabId = random.int(1, 8);
  switch (
    random.weighted({
      activated: 25,
      updated: 15,
      focused: 15,
      idle: 8,
      seen: 18,
      cleared: 4,
      removed: 5,
      paused: 3,
      call: 3,
    })
  ) {
    case 'activated':
      return { type: 'tab.activated', tabId, windowId: random.int(1, 3), app: random.pick(APPS) };
    case 'updated':
      return { type: 'tab.updated', tabId, app: random.pick(APPS) };
    case 'focused':
      return {
        type: 'window.focused',
        windowId: random.chance(0.3) ? WINDOW_ID_NONE : random.int(1, 3),
      };
    case 'idle':
      return { type: 'idle.changed', state: random.pick(IDLE_STATES) };
    case 'seen': {
      const [app, recordKey] = random.pick(RECORDS);
      const status = random.pick(STATUSES);
      return status === undefined
        ? { type: 'record.seen', tabId, recordKey, app }
        : { type: 'record.seen', tabId, recordKey, app, status };
    }
    case 'cleared':
      return { type: 'record.cleared', tabId };
    case 'removed':
      return { type: 'tab.removed', tabId };
    case 'call':
      return { type: 'call.changed', onCall: random.chance(0.5) };
    default:
      return { type: 'paused.changed', paused: random.chance(0.4) };
  }
}

/** Time to the next event: often the same millisecond or seconds, sometimes most of an hour. */
export function randomDelay(random: Random): number {
  switch (random.weighted({ same: 10, seconds: 50, minutes: 30, long: 8, veryLong: 2 })) {
    case 'same':
      return 0;
    case 'seconds':
      return random.int(1, 30_000);
    case 'minutes':
      return random.int(30_000, 300_000);
    case 'long':
      return random.int(300_000, 2_400_000);
    default:
      return random.int(2_400_000, 5_400_000);
  }
}

/** `count` random events from `start`, in time order. */
export function randomEvents(random: Random, count: number, start: number): TimedEvent[] {
  const events: TimedEvent[] = [];
  let at = start;
  for (let index = 0; index < count; index++) {
    at += randomDelay(random);
    events.push({ at, event: randomEvent(random) });
  }
  return events;
}

/** The same stream as delivered late: neighbours swapped and some events stamped too early. */
export function disorder(random: Random, events: readonly TimedEvent[]): TimedEvent[] {
  const shuffled = events.map((step) =>
    random.chance(0.1) ? { ...step, at: step.at - random.int(1, 120_000) } : step,
  );
  for (let index = 1; index < shuffled.length; index++) {
    if (!random.chance(0.15)) continue;
    const a = shuffled[index - 1];
    const b = shuffled[index];
    if (a && b) [shuffled[index - 1], shuffled[index]] = [b, a];
  }
  return shuffled;
}

/** The same stream with repeats: right after (same or later time), or again much later. */
export function duplicate(random: Random, events: readonly TimedEvent[]): TimedEvent[] {
  const result: TimedEvent[] = [];
  for (const step of events) {
    result.push(step);
    if (random.chance(0.15)) result.push({ at: step.at + random.int(0, 2_000), event: step.event });
    if (random.chance(0.03) && result.length > 5) {
      const earlier = result[random.int(0, result.length - 2)];
      if (earlier) result.push({ at: step.at, event: earlier.event });
    }
  }
  return result;
}
