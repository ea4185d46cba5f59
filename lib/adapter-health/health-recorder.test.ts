import { afterEach, describe, expect, it } from 'vitest';
import { adapterHealthSchema, outboxEventSchema } from '../../contract/events';
import { createUuidV7 } from '../../contract/uuidv7';
import { defineAdapter } from '../adapters/definition';
import { openTouchpointDb, type TouchpointDb } from '../storage/db';
import { createAdapterHealthRecorder } from './health-recorder';
import { MAX_WINDOW_RECORDS, observeRecord, summarizeWindow } from './health-window';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 10, 25, 12, 20);
const acme = defineAdapter({
  id: 'acme-desk',
  name: 'Acme Desk',
  hosts: ['https://desk.acme.test/*'],
  records: [{ type: 'ticket', url: '/cases/(\\d+)' }],
  fields: {
    customerName: [{ selector: '#customer .name' }, { selector: '.requester' }],
    customerEmail: [{ selector: '#customer .email' }],
  },
});

const dbs: TouchpointDb[] = [];
afterEach(async () => {
  await Promise.all(dbs.splice(0).map((db) => db.delete()));
});

function setup() {
  const db = openTouchpointDb(`health-${Math.random()}`);
  dbs.push(db);
  const recorder = createAdapterHealthRecorder(db, { newId: createUuidV7() });
  const sent = async () =>
    (await db.outbox.toArray()).map((event) => outboxEventSchema.parse(event));
  return { db, recorder, sent };
}

describe('adapter health counts (issue #16)', () => {
  it('counts each record once per window, matched when any report matched the field', async () => {
    const { recorder, sent } = setup();
    // Record 1: the email shows a moment after the first read; record 2 never shows it.
    await recorder.observe(
      acme,
      { recordKey: 'a:1', matchedBy: { customerName: 'selector:#customer .name' } },
      NOW,
    );
    await recorder.observe(
      acme,
      {
        recordKey: 'a:1',
        matchedBy: {
          customerName: 'selector:#customer .name',
          customerEmail: 'selector:#customer .email',
        },
      },
      NOW + 500,
    );
    await recorder.observe(
      acme,
      { recordKey: 'a:2', matchedBy: { customerName: 'selector:.requester' } },
      NOW + 1000,
    );

    expect(await recorder.flush(NOW + 2000)).toBe(1);
    const [event] = await sent();
    expect(event).toMatchObject({ type: 'adapter.health', occurredAt: NOW + 2000 });
    expect(event!.payload).toEqual({
      hourStart: Math.floor(NOW / HOUR) * HOUR,
      app: 'acme-desk',
      records: 2,
      fields: {
        customerName: {
          matched: 2,
          missed: 0,
          extractors: { 'selector:#customer .name': 1, 'selector:.requester': 1 },
        },
        customerEmail: { matched: 1, missed: 1, extractors: { 'selector:#customer .email': 1 } },
      },
    });
  });

  it('sends counts only: no record keys, no values, and no API path with the record id', async () => {
    const { recorder, sent } = setup();
    await recorder.observe(
      acme,
      {
        recordKey: 'acme-desk:ticket:4711',
        matchedBy: { customerEmail: 'api:/api/v2/users/4711.json#user.email' },
      },
      NOW,
    );
    await recorder.flush(NOW);
    const text = JSON.stringify(await sent());
    expect(text).not.toContain('4711');
    expect((await sent())[0]!.payload).toMatchObject({
      fields: {
        customerEmail: { matched: 1, extractors: { api: 1 } },
        customerName: { missed: 1 },
      },
    });
  });

  it('starts a new window after a flush, and queues nothing for an empty one', async () => {
    const { recorder, sent } = setup();
    expect(await recorder.flush(NOW)).toBe(0);
    await recorder.observe(acme, { recordKey: 'a:1', matchedBy: {} }, NOW);
    await recorder.flush(NOW);
    await recorder.observe(acme, { recordKey: 'a:1', matchedBy: {} }, NOW + HOUR);
    await recorder.flush(NOW + HOUR);
    const payloads = (await sent()).map((event) => adapterHealthSchema.parse(event.payload));
    expect(payloads.map((payload) => payload.hourStart - Math.floor(NOW / HOUR) * HOUR)).toEqual([
      0,
      HOUR,
    ]);
    expect(payloads.every((payload) => payload.records === 1)).toBe(true);
  });
});

describe('the health window', () => {
  it('splits counts by app and by the hour a record was first seen', () => {
    let window = { records: {} };
    window = observeRecord(
      window,
      { recordKey: 'x:1', app: 'zendesk', declared: ['subject'], matchedBy: {} },
      NOW,
    );
    window = observeRecord(
      window,
      { recordKey: 'y:1', app: 'hubspot', declared: ['subject'], matchedBy: {} },
      NOW,
    );
    window = observeRecord(
      window,
      { recordKey: 'x:2', app: 'zendesk', declared: ['subject'], matchedBy: {} },
      NOW + HOUR,
    );
    expect(summarizeWindow(window).map(({ app, records }) => [app, records])).toEqual([
      ['hubspot', 1],
      ['zendesk', 1],
      ['zendesk', 1],
    ]);
  });

  it('holds a bounded number of records, and keeps counting the ones it holds', () => {
    let window = { records: {} };
    for (let i = 0; i <= MAX_WINDOW_RECORDS; i++) {
      window = observeRecord(
        window,
        { recordKey: `r:${i}`, app: 'zendesk', declared: ['subject'], matchedBy: {} },
        NOW,
      );
    }
    window = observeRecord(
      window,
      {
        recordKey: 'r:0',
        app: 'zendesk',
        declared: ['subject'],
        matchedBy: { subject: 'selector:h1' },
      },
      NOW,
    );
    const [counts] = summarizeWindow(window);
    expect(counts!.records).toBe(MAX_WINDOW_RECORDS);
    expect(counts!.fields.subject).toMatchObject({ matched: 1, missed: MAX_WINDOW_RECORDS - 1 });
    expect(adapterHealthSchema.safeParse(counts).success).toBe(true);
  });
});
