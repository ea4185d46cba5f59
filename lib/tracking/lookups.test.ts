import { describe, expect, it } from 'vitest';
import { DEFAULT_TRACKER_CONFIG } from './config';
import type { AppRef, TrackerEvent } from './events';
import { currentInteraction, isLookup, startInteraction } from './interaction';
import type { InteractionEndedOutput, TrackerOutput } from './outputs';
import { replaySteps, type ReplayStep } from '../../tests/support/tracking/replay';

// Issue #15 "one interaction per piece of work": the same customer looked up in another app while
// a ticket is active is context gathered for the ticket, not a new interaction.

const T0 = Date.UTC(2026, 11, 5, 9, 0, 0);
const at = (seconds: number) => T0 + seconds * 1000;

const desk: AppRef = { id: 'demo-desk', category: 'crm' };
const crm: AppRef = { id: 'demo-crm', category: 'crm' };
const gmail: AppRef = { id: 'gmail', category: 'mail' };

const ADA = ['email:ada@example.com', 'phone:+441632960001'];
const BOB = ['email:bob@example.com'];

const activate = (tabId: number, app: AppRef): TrackerEvent => ({
  type: 'tab.activated',
  tabId,
  windowId: 1,
  app,
});
const focus: TrackerEvent = { type: 'window.focused', windowId: 1 };
const seen = (
  tabId: number,
  recordKey: string,
  app: string,
  identityKeys: readonly string[] | undefined,
  status = 'open',
): TrackerEvent => ({ type: 'record.seen', tabId, recordKey, app, status, identityKeys });

const TICKET = 'demo-desk:ticket:101';
const CONTACT = 'demo-crm:contact:1';

type Script = [seconds: number, ...events: TrackerEvent[]][];

function run(script: Script, endSeconds?: number) {
  const steps: ReplayStep[] = script.flatMap(([seconds, ...events]) =>
    events.map((event) => ({ at: at(seconds), event })),
  );
  if (endSeconds !== undefined) {
    steps.push({ at: at(endSeconds), flush: { endInteractions: true } });
  }
  return replaySteps(steps, DEFAULT_TRACKER_CONFIG, { restoreEvery: 3 });
}

const started = (outputs: TrackerOutput[]) =>
  outputs.flatMap((o) => (o.type === 'interaction.started' ? [o.recordKey] : []));
const ended = (outputs: TrackerOutput[]) =>
  outputs.filter((o): o is InteractionEndedOutput => o.type === 'interaction.ended');

/** Ticket 101 for Ada in the desk (tab 1) from 0 s; the CRM tab 2 opens Ada's contact at 30 s. */
const ticketThenLookup: Script = [
  [0, seen(1, TICKET, 'demo-desk', ADA), activate(1, desk), focus],
  [30, activate(2, crm)],
  [31, seen(2, CONTACT, 'demo-crm', ['email:ada@example.com'])],
  [71, activate(1, desk)],
  [100, seen(1, TICKET, 'demo-desk', ADA, 'solved')],
];

describe('a lookup of the same customer in another app', () => {
  it('opens no interaction of its own: one interaction, about the ticket', () => {
    const { outputs } = run(ticketThenLookup, 200);
    expect(started(outputs)).toEqual([TICKET]);
    const [only, ...rest] = ended(outputs);
    expect(rest).toEqual([]);
    expect(only).toMatchObject({ recordKey: TICKET, endReason: 'closed', end: at(100) });
  });

  it('gives its time and switches to the ticket, listed as looked up in the other app', () => {
    const [ticket] = ended(run(ticketThenLookup).outputs);
    // 0–30 and 71–100 on the ticket; 30–71 in the CRM, of which 31–71 on Ada's contact.
    expect(ticket).toMatchObject({
      handleMs: 59_000,
      awayMs: 41_000,
      switchCount: 2,
      returns: 1,
      appsUsed: ['demo-desk', 'demo-crm'],
      lookups: [{ app: 'demo-crm', ms: 40_000 }],
    });
  });

  it('shows the lookup in the live figures while it is in progress', () => {
    const { state } = run(ticketThenLookup.slice(0, 3));
    expect(currentInteraction(state, at(51))).toMatchObject({
      recordKey: TICKET,
      awayMs: 21_000,
      lookups: [{ app: 'demo-crm', ms: 20_000 }],
      asOf: at(51),
      growing: { figure: 'awayMs', lookupApp: 'demo-crm' },
    });
  });

  it('is recognised once the ticket learns its customer later (an API answer)', () => {
    const { outputs } = run(
      [
        [0, seen(1, TICKET, 'demo-desk', undefined), activate(1, desk), focus],
        [5, seen(1, TICKET, 'demo-desk', ADA)],
        [30, seen(2, CONTACT, 'demo-crm', ADA), activate(2, crm)],
        [50, activate(1, desk)],
      ],
      60,
    );
    expect(started(outputs)).toEqual([TICKET]);
    expect(ended(outputs)[0]?.lookups).toEqual([{ app: 'demo-crm', ms: 20_000 }]);
  });

  it('a looked-up record solved or closed does not end the ticket', () => {
    const { outputs } = run(
      [
        [0, seen(1, TICKET, 'demo-desk', ADA), activate(1, desk), focus],
        [30, seen(2, 'demo-crm:ticket:7', 'demo-crm', ADA), activate(2, crm)],
        [40, seen(2, 'demo-crm:ticket:7', 'demo-crm', ADA, 'closed')],
        [50, activate(1, desk)],
      ],
      60,
    );
    expect(started(outputs)).toEqual([TICKET]);
    expect(ended(outputs).map((o) => [o.recordKey, o.endReason])).toEqual([[TICKET, 'flush']]);
  });

  it('starts its own interaction once the ticket has ended', () => {
    const { outputs } = run([...ticketThenLookup, [120, activate(2, crm)]], 200);
    expect(started(outputs)).toEqual([TICKET, CONTACT]);
    expect(ended(outputs).map((o) => [o.recordKey, o.endReason])).toEqual([
      [TICKET, 'closed'],
      [CONTACT, 'flush'],
    ]);
  });
});

describe('the customer’s record first, the ticket after it', () => {
  // A screen-pop opens Ada's contact in the CRM; the agent then opens her ticket and works it.
  const contactThenTicket = (ticketKeys: readonly string[]): Script => [
    [0, seen(2, CONTACT, 'demo-crm', ADA), activate(2, crm), focus],
    [20, seen(1, TICKET, 'demo-desk', ticketKeys), activate(1, desk)],
    [300, seen(1, TICKET, 'demo-desk', ticketKeys, 'solved')],
  ];

  it('is one interaction, about the ticket, closed when it is solved', () => {
    const { outputs } = run(contactThenTicket(ADA), 400);
    expect(ended(outputs)).toEqual([
      expect.objectContaining({
        recordKey: TICKET,
        endReason: 'closed',
        start: at(0),
        end: at(300),
        handleMs: 280_000,
        awayMs: 20_000,
        lookups: [{ app: 'demo-crm', ms: 20_000 }],
      }),
    ]);
  });

  it('counts a second look at the contact as a lookup of the ticket', () => {
    const { outputs } = run(
      [
        ...contactThenTicket(ADA).slice(0, 2),
        [60, activate(2, crm)],
        [70, activate(1, desk)],
        [100, seen(1, TICKET, 'demo-desk', ADA, 'solved')],
      ],
      200,
    );
    expect(ended(outputs)).toEqual([
      expect.objectContaining({
        recordKey: TICKET,
        handleMs: 70_000,
        lookups: [{ app: 'demo-crm', ms: 30_000 }],
        returns: 1,
      }),
    ]);
  });

  it('in the same app too: Zendesk’s requester profile, then her ticket', () => {
    const profile = 'demo-desk:user:7';
    const { outputs } = run(
      [
        [0, seen(1, profile, 'demo-desk', ['email:ada@example.com']), activate(1, desk), focus],
        [15, seen(1, TICKET, 'demo-desk', ADA)],
        [60, seen(1, TICKET, 'demo-desk', ADA, 'solved')],
      ],
      90,
    );
    expect(ended(outputs)).toEqual([
      expect.objectContaining({
        recordKey: TICKET,
        endReason: 'closed',
        lookups: [{ app: 'demo-desk', ms: 15_000 }],
      }),
    ]);
  });

  it('another customer’s ticket after the contact is another piece of work', () => {
    const { outputs } = run(contactThenTicket(BOB), 400);
    expect(ended(outputs).map((o) => [o.recordKey, o.endReason])).toEqual([
      [CONTACT, 'superseded'],
      [TICKET, 'closed'],
    ]);
  });
});

describe('the ticket’s customer read after the lookup came in front', () => {
  // Zendesk's ticket gets its requester from the API; the agent is quicker.
  const script = (ticketKeys: readonly string[]): Script => [
    [0, seen(1, TICKET, 'demo-desk', undefined), activate(1, desk), focus],
    [2, seen(2, CONTACT, 'demo-crm', ADA), activate(2, crm)],
    [3, seen(1, TICKET, 'demo-desk', ticketKeys)],
    [40, activate(1, desk)],
    [100, seen(1, TICKET, 'demo-desk', ticketKeys, 'solved')],
  ];

  it('keeps the contact a lookup once the ticket turns out to be Ada’s', () => {
    const { outputs } = run(script(ADA), 200);
    expect(started(outputs)).toEqual([TICKET]);
    expect(ended(outputs)).toEqual([
      expect.objectContaining({
        recordKey: TICKET,
        endReason: 'closed',
        handleMs: 62_000,
        lookups: [{ app: 'demo-crm', ms: 38_000 }],
      }),
    ]);
  });

  it('lets the contact take over, when the ticket’s customer is read, if it is someone else', () => {
    const { outputs } = run(script(BOB), 200);
    // Someone else's from 3 s on: it takes over 2 s later (SUPERSEDE_AFTER_MS).
    expect(ended(outputs)[0]).toMatchObject({
      recordKey: TICKET,
      endReason: 'superseded',
      end: at(5),
    });
    // …and back on the ticket at 40 s, Bob's ticket is new work after Ada's contact.
    expect(started(outputs)).toEqual([TICKET, CONTACT, TICKET]);
  });
});

describe('a lookup in front when its ticket ends', () => {
  // The ticket's solved status is read (an API refresh) while the agent is on Ada's contact.
  const solvedDuringLookup: Script = [
    [0, seen(1, TICKET, 'demo-desk', ADA), activate(1, desk), focus],
    [30, seen(2, CONTACT, 'demo-crm', ADA), activate(2, crm)],
    [45, seen(1, TICKET, 'demo-desk', ADA, 'solved')],
  ];

  it('starts no interaction of its own while the agent stays on it', () => {
    const { outputs } = run(
      [...solvedDuringLookup, [60, { type: 'window.focused', windowId: -1 }], [90, focus]],
      200,
    );
    expect(started(outputs)).toEqual([TICKET]);
    expect(ended(outputs)).toEqual([
      expect.objectContaining({ recordKey: TICKET, endReason: 'closed', end: at(45) }),
    ]);
  });

  it('starts one once the agent has been elsewhere and comes back to it', () => {
    const { outputs } = run(
      [...solvedDuringLookup, [60, activate(3, gmail)], [70, activate(2, crm)]],
      200,
    );
    expect(started(outputs)).toEqual([TICKET, CONTACT]);
    expect(ended(outputs)[1]).toMatchObject({ recordKey: CONTACT, start: at(70) });
  });
});

describe('lookups left on screen when their ticket ends (from the review of this change)', () => {
  it('closing the ticket’s tab brings the contact beside it to the front: it starts nothing', () => {
    const { outputs } = run(
      [
        [0, seen(1, TICKET, 'demo-desk', ADA), activate(1, desk), focus],
        [20, seen(2, CONTACT, 'demo-crm', ADA), activate(2, crm)],
        [40, activate(1, desk)],
        // Chrome reports the closed tab, then the neighbour it brought to the front.
        [60, { type: 'tab.removed', tabId: 1 }, activate(2, crm)],
      ],
      120,
    );
    expect(started(outputs)).toEqual([TICKET]);
    expect(ended(outputs).map((o) => [o.recordKey, o.endReason])).toEqual([
      [TICKET, 'tab-removed'],
    ]);
  });

  it('rests while the agent is in another program when the ticket ends', () => {
    const { outputs } = run(
      [
        [0, seen(1, TICKET, 'demo-desk', ADA), activate(1, desk), focus],
        [20, seen(2, CONTACT, 'demo-crm', ADA), activate(2, crm)],
        [30, { type: 'window.focused', windowId: -1 }],
        [40, seen(1, TICKET, 'demo-desk', ADA, 'solved')],
        [60, focus],
      ],
      120,
    );
    expect(started(outputs)).toEqual([TICKET]);
  });

  it('does not keep a record that became an interaction of its own from starting again', () => {
    // Bob's contact was a lookup while the ticket's customer was unknown, then took over.
    const { outputs } = run(
      [
        [0, seen(1, TICKET, 'demo-desk', undefined), activate(1, desk), focus],
        [2, seen(2, CONTACT, 'demo-crm', BOB), activate(2, crm)],
        [3, seen(1, TICKET, 'demo-desk', ADA)],
        [10, { type: 'idle.changed', state: 'idle' }],
        // 31 minutes idle end it; the agent comes back to the contact in front.
        [1900, { type: 'idle.changed', state: 'active' }],
      ],
      2000,
    );
    expect(started(outputs)).toEqual([TICKET, CONTACT, CONTACT]);
  });
});

describe('the ticket’s tab', () => {
  it('closing the ticket’s tab after it passed on to another ticket (under 2 s) ends the ticket', () => {
    const { outputs } = run(
      [
        [0, seen(1, TICKET, 'demo-desk', ADA), activate(1, desk), focus],
        [30, seen(1, 'demo-desk:ticket:102', 'demo-desk', ADA)],
        [31, { type: 'tab.removed', tabId: 1 }, activate(3, gmail)],
      ],
      600,
    );
    expect(ended(outputs).map((o) => [o.recordKey, o.endReason, o.end])).toEqual([
      [TICKET, 'tab-removed', at(31)],
    ]);
  });

  it('closing a lookup’s own tab leaves the ticket alone while its tab shows the profile', () => {
    const profile = 'demo-desk:user:7';
    const { outputs } = run(
      [
        [0, seen(1, TICKET, 'demo-desk', ADA), activate(1, desk), focus],
        [20, seen(2, CONTACT, 'demo-crm', ADA), activate(2, crm)],
        [30, activate(1, desk), seen(1, profile, 'demo-desk', ['email:ada@example.com'])],
        [40, { type: 'tab.removed', tabId: 2 }],
        [50, seen(1, TICKET, 'demo-desk', ADA)],
      ],
      90,
    );
    expect(ended(outputs).map((o) => [o.recordKey, o.endReason])).toEqual([[TICKET, 'flush']]);
  });
});

describe('a ticket whose app reads no customer', () => {
  it('lets a contact opened later take over, as before: it waits for a customer 10 s at most', () => {
    const { outputs } = run(
      [
        [0, seen(1, TICKET, 'demo-desk', undefined), activate(1, desk), focus],
        [60, seen(2, CONTACT, 'demo-crm', ADA), activate(2, crm)],
        [90, activate(2, crm)],
      ],
      120,
    );
    expect(ended(outputs)[0]).toMatchObject({
      recordKey: TICKET,
      endReason: 'superseded',
      end: at(62),
    });
  });
});

describe('an interaction begun on an account', () => {
  it('is superseded by another company’s account, not joined by it', () => {
    const first = 'demo-crm:account:1';
    const second = 'demo-crm:account:2';
    const { outputs } = run(
      [
        [0, seen(1, first, 'demo-crm', ['phone:+441632960100']), activate(1, crm), focus],
        [30, seen(2, second, 'demo-crm', ['phone:+441632960200']), activate(2, crm)],
      ],
      60,
    );
    expect(started(outputs)).toEqual([first, second]);
  });
});

describe('closing the tab that went on to a lookup', () => {
  it('ends the ticket whose last tab it was: the ticket does not wait for 30 minutes of Gmail', () => {
    const profile = 'demo-desk:user:7';
    const { outputs } = run(
      [
        [0, seen(1, TICKET, 'demo-desk', ADA), activate(1, desk), focus],
        // The requester's profile in the same tab, then the tab closed and Gmail in front.
        [30, seen(1, profile, 'demo-desk', ['email:ada@example.com'])],
        [40, { type: 'tab.removed', tabId: 1 }, activate(3, gmail)],
      ],
      1200,
    );
    expect(ended(outputs)).toEqual([
      expect.objectContaining({ recordKey: TICKET, endReason: 'tab-removed', end: at(40) }),
    ]);
  });

  it('leaves the ticket alone when another tab closes', () => {
    const { outputs } = run(
      [
        [0, seen(1, TICKET, 'demo-desk', ADA), activate(1, desk), focus],
        [10, activate(3, gmail)],
        [20, { type: 'tab.removed', tabId: 3 }, activate(1, desk)],
      ],
      60,
    );
    expect(ended(outputs).map((o) => o.endReason)).toEqual(['flush']);
  });
});

describe('what is not a lookup', () => {
  it('another customer in another app is new work: it supersedes the ticket', () => {
    const { outputs } = run(
      [
        [0, seen(1, TICKET, 'demo-desk', ADA), activate(1, desk), focus],
        [30, seen(2, CONTACT, 'demo-crm', BOB), activate(2, crm)],
      ],
      60,
    );
    expect(started(outputs)).toEqual([TICKET, CONTACT]);
    expect(ended(outputs)[0]).toMatchObject({ recordKey: TICKET, endReason: 'superseded' });
    expect(ended(outputs)[0]?.lookups).toBeUndefined();
  });

  it("the same customer's other ticket in the same app is another piece of work", () => {
    const { outputs } = run(
      [
        [0, seen(1, TICKET, 'demo-desk', ADA), activate(1, desk), focus],
        [30, seen(2, 'demo-desk:ticket:102', 'demo-desk', ADA), activate(2, desk)],
      ],
      60,
    );
    expect(started(outputs)).toEqual([TICKET, 'demo-desk:ticket:102']);
  });

  it('the customer’s own profile in the same app (Zendesk’s requester) is a lookup', () => {
    const { outputs } = run(
      [
        [0, seen(1, TICKET, 'demo-desk', ADA), activate(1, desk), focus],
        // As Zendesk reports it: the profile first, its email from the API a moment later.
        [30, seen(1, 'demo-desk:user:7', 'demo-desk', undefined)],
        [31, seen(1, 'demo-desk:user:7', 'demo-desk', ['email:ada@example.com'])],
        [45, seen(1, TICKET, 'demo-desk', ADA)],
        [60, seen(1, TICKET, 'demo-desk', ADA, 'solved')],
      ],
      90,
    );
    expect(started(outputs)).toEqual([TICKET]);
    expect(ended(outputs)).toEqual([
      expect.objectContaining({
        recordKey: TICKET,
        endReason: 'closed',
        lookups: [{ app: 'demo-desk', ms: 15_000 }],
      }),
    ]);
  });

  it('a piece of work without a known customer is never a lookup', () => {
    const otherTicket = 'demo-crm:ticket:9';
    const { outputs } = run(
      [
        [0, seen(1, TICKET, 'demo-desk', ADA), activate(1, desk), focus],
        [30, seen(2, otherTicket, 'demo-crm', undefined), activate(2, crm)],
      ],
      60,
    );
    expect(started(outputs)).toEqual([TICKET, otherTicket]);
  });

  it('a customer’s record read before its customer waits as a lookup until the keys come', () => {
    const script = (keys: readonly string[]): Script => [
      [0, seen(1, TICKET, 'demo-desk', ADA), activate(1, desk), focus],
      [30, seen(2, CONTACT, 'demo-crm', undefined), activate(2, crm)],
      [31, seen(2, CONTACT, 'demo-crm', keys)],
    ];
    // Ada's: it stays a lookup for the ticket.
    expect(started(run(script(['email:ada@example.com']), 60).outputs)).toEqual([TICKET]);
    // Bob's: it takes over once his email is read (and 2 s have passed), not before.
    const { outputs } = run(script(BOB), 60);
    expect(started(outputs)).toEqual([TICKET, CONTACT]);
    expect(ended(outputs)[0]).toMatchObject({
      recordKey: TICKET,
      endReason: 'superseded',
      end: at(33),
    });
  });

  it('time in an app without a record is away time, not a lookup', () => {
    const { outputs } = run(
      [
        [0, seen(1, TICKET, 'demo-desk', ADA), activate(1, desk), focus],
        [30, activate(3, gmail)],
        [45, activate(1, desk)],
      ],
      60,
    );
    expect(ended(outputs)[0]).toMatchObject({ awayMs: 15_000, handleMs: 45_000 });
    expect(ended(outputs)[0]?.lookups).toBeUndefined();
  });
});

describe('isLookup', () => {
  const ticket = startInteraction(
    { recordKey: TICKET, app: 'demo-desk', closed: false, identityKeys: ADA },
    T0,
  );
  const contact = (identityKeys?: string[], app = 'demo-crm') => ({
    recordKey: `${app}:contact:1`,
    app,
    closed: false,
    ...(identityKeys ? { identityKeys } : {}),
  });

  it('needs one identity key in common and another app (a customer not read yet: wait)', () => {
    expect(isLookup(ticket, contact(['phone:+441632960001']), T0)).toBe(true);
    expect(isLookup(ticket, contact(BOB), T0)).toBe(false);
    expect(isLookup(ticket, contact([]), T0)).toBe(true);
    expect(isLookup(ticket, contact(), T0)).toBe(true);
  });

  it('takes a company’s record (an account) as a lookup whatever its keys: they are the company’s', () => {
    const account = (identityKeys?: string[]) => ({
      recordKey: 'salesforce:account:001A',
      app: 'salesforce',
      closed: false,
      ...(identityKeys ? { identityKeys } : {}),
    });
    // Its main number is the switchboard's, which no person's record shares.
    expect(isLookup(ticket, account(['phone:+441632960999']), T0)).toBe(true);
    expect(isLookup(ticket, account(), T0)).toBe(true);
  });

  it('takes the customer’s own record in the ticket’s app as a lookup, not another ticket', () => {
    expect(isLookup(ticket, contact(ADA, 'demo-desk'), T0)).toBe(true);
    expect(isLookup(ticket, contact(BOB, 'demo-desk'), T0)).toBe(false);
    const secondTicket = { recordKey: 'demo-desk:ticket:102', app: 'demo-desk', closed: false };
    expect(isLookup(ticket, { ...secondTicket, identityKeys: ADA }, T0)).toBe(false);
  });
});
