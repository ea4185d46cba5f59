import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createMemoryStore } from '../../background/key-value';
import { defaultSettings, type Settings } from '../../settings/definitions';
import { openTouchpointDb, type TouchpointDb } from '../../storage/db';
import { enqueueSyntheticEvents } from '../../sync/synthetic-events';
import { createUuidV7 } from '../../../contract/uuidv7';
import { createSyncService, SYNC_ALARM } from './sync';

let db: TouchpointDb;
const newId = createUuidV7();

const PSEUDONYM = 'pseudonym-from-the-collector';
const CREDENTIAL = 'tp_install_credential_of_this_browser';

/** A collector that enrols the install, then stores its events. */
function stubCollector() {
  const bodies: { agentId: string | null; events: { id: string }[]; auth: string | null }[] = [];
  const fetch = vi.fn(async (url: string, init: RequestInit) => {
    if (url.endsWith('/v1/enrol')) {
      const { installId } = JSON.parse(init.body as string) as { installId: string };
      return new Response(
        JSON.stringify({
          installId,
          identityMode: 'pseudonymous',
          agentId: PSEUDONYM,
          credential: CREDENTIAL,
        }),
        { status: 201 },
      );
    }
    const body = {
      ...(JSON.parse(init.body as string) as Omit<(typeof bodies)[number], 'auth'>),
      auth: new Headers(init.headers).get('authorization'),
    };
    bodies.push(body);
    const results = body.events.map((event, index) => ({ index, id: event.id, status: 'stored' }));
    return new Response(
      JSON.stringify({ results, stored: results.length, duplicates: 0, rejected: 0 }),
      { status: 200 },
    );
  });
  vi.stubGlobal('fetch', fetch);
  return { fetch, bodies };
}

const wire = (settings: Partial<Settings>) =>
  createSyncService({
    db,
    settings: async () => ({ ...defaultSettings(), ...settings }),
    local: createMemoryStore(),
    newId,
  });

describe('sync service', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    db = openTouchpointDb(`sync-service-${Math.random()}`);
    await enqueueSyntheticEvents(db, 5, Date.now() - 60_000, newId);
  });
  afterEach(async () => {
    vi.unstubAllGlobals();
    db.close();
    await Dexie.delete(db.name);
  });

  it('sends nothing at all without a collector, and says so', async () => {
    const { fetch } = stubCollector();
    const sync = wire({});
    const status = await sync.runNow();
    expect(fetch).not.toHaveBeenCalled();
    expect(status).toMatchObject({ configured: false, pending: 5, identityMode: 'pseudonymous' });
  });

  it('sends the outbox on the sync alarm, which runs every syncIntervalMinutes', async () => {
    const { bodies } = stubCollector();
    wire({
      collectorUrl: 'https://collector.example.com',
      collectorToken: 'tok_abcdefghijklmnopqrstuvwxyz',
      syncIntervalMinutes: 5,
    });
    await vi.waitFor(async () =>
      expect(await fakeBrowser.alarms.get(SYNC_ALARM)).toMatchObject({ periodInMinutes: 5 }),
    );
    await fakeBrowser.alarms.onAlarm.trigger({
      name: SYNC_ALARM,
      scheduledTime: Date.now(),
      persistAcrossSessions: true,
    });
    await vi.waitFor(async () => expect(await db.outbox.where('synced').equals(1).count()).toBe(5));
    expect(bodies[0]!.events).toHaveLength(5);
    expect(bodies[0]).toMatchObject({ agentId: PSEUDONYM, auth: `Bearer ${CREDENTIAL}` });
  });

  it('survives the database closing under a run: the retry is not scheduled, and it says so', async () => {
    stubCollector();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    wire({
      collectorUrl: 'https://collector.example.com',
      collectorToken: 'tok_abcdefghijklmnopqrstuvwxyz',
    });
    db.close();
    await fakeBrowser.alarms.onAlarm.trigger({
      name: SYNC_ALARM,
      scheduledTime: Date.now(),
      persistAcrossSessions: true,
    });
    await vi.waitFor(() =>
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('retry not scheduled')),
    );
    warn.mockRestore();
  });
});
