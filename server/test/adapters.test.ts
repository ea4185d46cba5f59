import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readTeamAdaptersLeniently, teamAdaptersSchema } from '../../contract/adapter-definitions';
import { adapterHealthReportSchema } from '../../contract/adapter-health';
import { auditListSchema, errorResponseSchema } from '../../contract/api';
import { createUuidV7 } from '../../contract/uuidv7';
import { enrolInstall } from '../src/auth/enrolment';
import {
  collectorSuite,
  ingest,
  installCredentialFor,
  send,
  testDatabases,
  tokenFor,
  uniqueTeam,
} from './helpers';

const HOUR = 3_600_000;
const uuid = createUuidV7();

const renamedEmail = {
  id: 'zendesk',
  fields: { customerEmail: [{ selector: "[data-test-id='requester-email']" }] },
  note: 'Zendesk renamed the requester email element',
};
const acmeDesk = {
  id: 'acme-desk',
  name: 'Acme Desk',
  hosts: ['https://desk.example.com/*'],
  records: [{ type: 'ticket', url: '/cases/(\\d+)' }],
  fields: { customerName: [{ selector: '#customer .name' }] },
};

/** One install's hourly counts for Zendesk's email field. */
function healthEvent(hourStart: number, matched: number, missed: number, rule = 'selector:#email') {
  return {
    id: uuid(hourStart + 60_000),
    type: 'adapter.health',
    occurredAt: hourStart + 60_000,
    schemaVersion: 1,
    payload: {
      hourStart,
      app: 'zendesk',
      records: matched + missed,
      fields: {
        customerEmail: { matched, missed, extractors: matched > 0 ? { [rule]: matched } : {} },
        customerName: {
          matched: matched + missed,
          missed: 0,
          extractors: { 'selector:.name': matched + missed },
        },
      },
    },
  };
}

describe.each(testDatabases())('adapter definitions and health on $name', (database) => {
  const READ_AT = Date.parse('2026-03-02T12:30:00Z');
  let clock = READ_AT;
  const suite = collectorSuite(database, { now: () => clock });
  /** Ingests as a sync `secondsEarlier` before the read: the order counts arrive in matters. */
  const ingestAt = async (
    secondsEarlier: number,
    credential: string,
    events: unknown[],
    agentId: string | null = null,
  ) => {
    clock = READ_AT - secondsEarlier * 1000;
    try {
      return await ingest(url(), credential, events, agentId);
    } finally {
      clock = READ_AT;
    }
  };
  const url = () => suite.collector.url;
  /**
   * The team's admin lowers the minimum group size to three, the lowest allowed, in February:
   * before the hours the tests send (an hour is shown under the size in force when it began).
   */
  const lowerFloorToThree = async (team: string) => {
    const admin = await tokenFor(suite.collector.db, team, 'admin');
    clock = Date.parse('2026-02-01T00:00:00Z');
    try {
      const lowered = await send(url(), '/v1/policy', {
        method: 'PUT',
        token: admin,
        body: { policy: { minGroupSizeFloor: 3, minGroupSize: 3 } },
      });
      expect(lowered.status).toBe(200);
    } finally {
      clock = READ_AT;
    }
  };

  const put = (token: string, baseVersion: number, definitions: unknown) =>
    send(url(), '/v1/adapters', { method: 'PUT', token, body: { baseVersion, definitions } });

  it('serves version 0 and empty lists before anything is published, to installs too', async () => {
    const team = uniqueTeam();
    const credential = await installCredentialFor(suite.collector.db, team, null);
    const response = await send(url(), '/v1/adapters', { token: credential });
    expect(response.status).toBe(200);
    expect(teamAdaptersSchema.parse(response.json)).toEqual({
      version: 0,
      definitions: { overrides: [], custom: [] },
      updatedAt: null,
      updatedBy: null,
    });
  });

  it('publishes an admin set as a new version that agents read, and refuses a supervisor', async () => {
    const team = uniqueTeam();
    const admin = await tokenFor(suite.collector.db, team, 'admin', 'Ada Admin');
    const supervisor = await tokenFor(suite.collector.db, team, 'supervisor');
    const agent = await tokenFor(suite.collector.db, team, 'agent');

    const refused = await put(supervisor, 0, { overrides: [renamedEmail], custom: [] });
    expect(refused.status).toBe(403);

    const published = await put(admin, 0, { overrides: [renamedEmail], custom: [acmeDesk] });
    expect(published.status).toBe(200);
    const body = teamAdaptersSchema.parse(published.json);
    expect(body).toMatchObject({ version: 1, updatedBy: 'Ada Admin' });
    expect(body.updatedAt).toBe(new Date(clock).toISOString());
    expect(body.definitions.overrides[0]).toMatchObject({ id: 'zendesk', hosts: [], records: [] });
    expect(body.definitions.custom[0]).toMatchObject({ id: 'acme-desk', scope: [] });

    const read = teamAdaptersSchema.parse(
      (await send(url(), '/v1/adapters', { token: agent })).json,
    );
    expect(read).toEqual(body);
  });

  it('answers 409 stale_version when baseVersion is not the current version, and keeps it', async () => {
    const team = uniqueTeam();
    const admin = await tokenFor(suite.collector.db, team, 'admin');
    expect((await put(admin, 0, { overrides: [renamedEmail], custom: [] })).status).toBe(200);
    const stale = await put(admin, 0, { overrides: [], custom: [] });
    expect(stale.status).toBe(409);
    expect(errorResponseSchema.parse(stale.json)).toMatchObject({ error: 'stale_version' });
    expect(errorResponseSchema.parse(stale.json).message).toMatch(/version 1, not 0/);
    const read = teamAdaptersSchema.parse(
      (await send(url(), '/v1/adapters', { token: admin })).json,
    );
    expect(read.version).toBe(1);
    expect(read.definitions.overrides).toHaveLength(1);
  });

  it('refuses invalid definitions with 400 naming the bad path, and changes nothing', async () => {
    const team = uniqueTeam();
    const admin = await tokenFor(suite.collector.db, team, 'admin');
    const badRegex = await put(admin, 0, {
      overrides: [],
      custom: [{ ...acmeDesk, records: [{ type: 'ticket', url: '/cases/(\\d+' }] }],
    });
    expect(badRegex.status).toBe(400);
    expect(errorResponseSchema.parse(badRegex.json).message).toMatch(
      /^definitions\.custom\.0\.records\.0\.url: is not a valid regular expression/,
    );
    const emptyExtractors = await put(admin, 0, {
      overrides: [{ id: 'zendesk', fields: { customerEmail: [] } }],
      custom: [],
    });
    expect(errorResponseSchema.parse(emptyExtractors.json).message).toMatch(
      /definitions\.overrides\.0\.fields\.customerEmail/,
    );
    const script = await put(admin, 0, {
      overrides: [{ id: 'zendesk', code: 'fetch("https://evil.example")' }],
      custom: [],
    });
    expect(script.status).toBe(400);
    expect(errorResponseSchema.parse(script.json).message).toMatch(/code/);
    const read = teamAdaptersSchema.parse(
      (await send(url(), '/v1/adapters', { token: admin })).json,
    );
    expect(read.version).toBe(0);
  });

  it('refuses a NUL or unpaired surrogate in any string of a definition with 400 naming it, and keeps the published version', async () => {
    const team = uniqueTeam();
    const admin = await tokenFor(suite.collector.db, team, 'admin');
    // Every string an override or custom adapter can hold, so that each one is tried.
    const full = {
      overrides: [
        {
          id: 'zendesk',
          fields: { customerEmail: [{ selector: '#email', pattern: '(.+)' }] },
          hosts: ['https://support.example.com/*'],
          records: [{ type: 'ticket', url: '/t/(\\d+)' }],
          note: 'renamed element',
        },
      ],
      custom: [
        {
          ...acmeDesk,
          scope: ['#main'],
          frame: 'iframe#content',
          fields: {
            customerName: [
              { selector: '#customer', read: 'attribute', attribute: 'title', pattern: '(.+)' },
              { documentTitle: true, pattern: 'Case (\\d+)' },
            ],
          },
          api: [{ path: '/api/cases/{recordId}', fields: { customerEmail: 'case.email' } }],
          search: { email: 'https://desk.example.com/?q={email}', phone: '{origin}/?q={phone}' },
          callSignal: ['.hang-up'],
          watchAttributes: ['data-case'],
          note: 'in-house desk',
        },
      ],
    };
    expect((await put(admin, 0, full)).status).toBe(200);
    const strings: (string | number)[][] = [];
    const collect = (value: unknown, path: (string | number)[]) => {
      if (typeof value === 'string') strings.push(path);
      else if (value !== null && typeof value === 'object')
        for (const [key, child] of Object.entries(value))
          collect(child, [...path, Array.isArray(value) ? Number(key) : key]);
    };
    collect(full, []);
    expect(strings.length).toBeGreaterThan(20);
    for (const path of strings) {
      for (const bad of ['\u0000', '\ud800']) {
        const definitions = structuredClone(full);
        type Node = Record<string | number, unknown>;
        const parent = path
          .slice(0, -1)
          .reduce((node, key) => node[key] as Node, definitions as Node);
        parent[path.at(-1)!] = `${parent[path.at(-1)!] as string}${bad}`;
        // An admin's definitions pasted from a binary export: the database refused them (500).
        const response = await put(admin, 1, definitions);
        const where = `definitions.${path.join('.')}`;
        expect(response.status, `${where} with ${JSON.stringify(bad)}: ${response.text}`).toBe(400);
        // The object holding it, at least: an extractor is a union, named as a whole.
        expect(errorResponseSchema.parse(response.json)).toMatchObject({
          error: 'invalid_adapters',
          message: expect.stringContaining(`definitions.${path.slice(0, -1).join('.')}`),
        });
      }
    }
    const read = teamAdaptersSchema.parse(
      (await send(url(), '/v1/adapters', { token: admin })).json,
    );
    expect(read.version).toBe(1);
  });

  it('still serves definitions stored under older checks that today refuses; whoever applies them drops that one, named', async () => {
    const team = uniqueTeam();
    const credential = await installCredentialFor(suite.collector.db, team, null);
    // Published when a pattern was only checked for nested repetitions: (a|aa)+ passed.
    const older = {
      ...acmeDesk,
      id: 'older-desk',
      records: [{ type: 'ticket', url: '/c/(a|aa)+(\\d+)' }],
    };
    await suite.collector.db.publishAdapters(team, {
      // As the older version stored them: today's schema does not describe them.
      definitions: { overrides: [renamedEmail], custom: [acmeDesk, older] } as never,
      baseVersion: 0,
      actor: 'an admin, last year',
      at: new Date(clock),
      action: 'publish',
    });
    const response = await send(url(), '/v1/adapters', { token: credential });
    expect(response.status, response.text).toBe(200);
    const read = readTeamAdaptersLeniently(response.json)!;
    expect(read.definitions.custom.map((adapter) => adapter.id)).toEqual(['acme-desk']);
    expect(read.definitions.overrides.map((override) => override.id)).toEqual(['zendesk']);
    expect(read.problems).toEqual([
      expect.objectContaining({ list: 'custom', index: 1, adapterId: 'older-desk' }),
    ]);
  });

  it('rolls back one step as a new version and audits every change', async () => {
    const team = uniqueTeam();
    const admin = await tokenFor(suite.collector.db, team, 'admin', 'Ada Admin');
    const nothing = await send(url(), '/v1/adapters/rollback', { method: 'POST', token: admin });
    expect(nothing.status).toBe(409);

    await put(admin, 0, { overrides: [renamedEmail], custom: [] });
    await put(admin, 1, { overrides: [renamedEmail], custom: [acmeDesk] });
    const rolledBack = await send(url(), '/v1/adapters/rollback', { method: 'POST', token: admin });
    expect(rolledBack.status).toBe(200);
    const body = teamAdaptersSchema.parse(rolledBack.json);
    expect(body.version).toBe(3);

    expect(body.definitions.custom).toEqual([]);
    expect(body.definitions.overrides).toEqual([expect.objectContaining({ id: 'zendesk' })]);

    const audit = auditListSchema.parse(
      (await send(url(), '/v1/policy/audit', { token: admin })).json,
    );
    const changes = audit.entries.filter((entry) => entry.setting === 'adapters');
    expect(changes).toHaveLength(3);
    expect(changes[0]).toMatchObject({
      actor: 'Ada Admin',
      oldValue: { version: 2, overrides: ['zendesk'], custom: ['acme-desk'] },
      newValue: { version: 3, action: 'rollback to v1', overrides: ['zendesk'], custom: [] },
    });
  });

  it('rolls the first version back to nothing published, as a new version', async () => {
    const team = uniqueTeam();
    const admin = await tokenFor(suite.collector.db, team, 'admin');
    await put(admin, 0, { overrides: [renamedEmail], custom: [] });
    const rolledBack = await send(url(), '/v1/adapters/rollback', { method: 'POST', token: admin });
    expect(teamAdaptersSchema.parse(rolledBack.json)).toMatchObject({
      version: 2,
      definitions: { overrides: [], custom: [] },
    });
  });

  it('sums hourly counts from anonymous installs and flags a field that broke', async () => {
    const team = uniqueTeam();
    const supervisor = await tokenFor(suite.collector.db, team, 'supervisor');
    const agent = await tokenFor(suite.collector.db, team, 'agent');
    const thisHour = Math.floor(clock / HOUR) * HOUR;
    // Five agents (the default minimum group size) read Zendesk tickets; the email broke an hour ago.
    for (let person = 0; person < 5; person++) {
      const credential = await installCredentialFor(
        suite.collector.db,
        team,
        null,
        new Date(clock),
      );
      const events = [
        healthEvent(thisHour - 5 * HOUR, 2, 0),
        healthEvent(thisHour - 4 * HOUR, person === 0 ? 1 : 2, person === 0 ? 1 : 0),
        healthEvent(thisHour - HOUR, 0, 1),
      ];
      expect((await ingest(url(), credential, events, null)).status).toBe(200);
    }
    // A sixth agent alone three hours ago: that hour would say when they worked, and how much.
    const alone = await installCredentialFor(suite.collector.db, team, null);
    await ingest(url(), alone, [healthEvent(thisHour - 3 * HOUR, 3, 0)], null);

    const { rows } = await suite.opened.query(
      `SELECT agent_id FROM events WHERE team = '${team}' AND type = 'adapter.health'`,
    );
    expect(rows).toHaveLength(16);
    expect(rows.every((row) => row.agent_id === null)).toBe(true);

    expect((await send(url(), '/v1/adapters/health', { token: agent })).status).toBe(403);
    const response = await send(url(), '/v1/adapters/health?days=2', { token: supervisor });
    expect(response.status).toBe(200);
    const report = adapterHealthReportSchema.parse(response.json);
    expect(report.minGroupSize).toBe(5);
    const zendesk = report.apps.find((app) => app.app === 'zendesk')!;
    expect(zendesk.records).toBe(25);
    const email = zendesk.fields.find((field) => field.field === 'customerEmail')!;
    expect(email.hours).toEqual([
      { hourStart: new Date(thisHour - 5 * HOUR).toISOString(), matched: 10, missed: 0 },
      { hourStart: new Date(thisHour - 4 * HOUR).toISOString(), matched: 9, missed: 1 },
      { hourStart: new Date(thisHour - HOUR).toISOString(), matched: 0, missed: 5 },
    ]);
    expect(email.flag).toEqual({
      since: new Date(thisHour - HOUR).toISOString(),
      rateBefore: 0.95,
      rateSince: 0,
    });
    expect(email.extractorInUse).toBe('selector:#email');
    const name = zendesk.fields.find((field) => field.field === 'customerName')!;
    expect(name.flag).toBeNull();
    expect(name.recentHitRate).toBe(1);
  });

  it('takes no counts into an hour from browsers first enrolled after its week', async () => {
    // READ_AT is a Monday: Sunday's last hour is in the week before. The admin lowered the
    // floor to three; one agent's browser, enrolled weeks ago, sent counts for that hour.
    const team = uniqueTeam();
    const supervisor = await tokenFor(suite.collector.db, team, 'supervisor');
    await lowerFloorToThree(team);
    const enrolledAt = async (at: number) =>
      (
        await enrolInstall(suite.collector.db, {
          team,
          enrolmentTokenName: 'test enrolment',
          request: { installId: randomUUID(), identityMode: 'anonymous' },
          at: new Date(at),
        })
      ).credential;
    const sundayLastHour = Date.parse('2026-03-01T23:00:00Z');
    const mondayMorning = Date.parse('2026-03-02T09:00:00Z');
    const agent = await enrolledAt(Date.parse('2026-02-10T09:00:00Z'));
    expect((await ingestAt(50, agent, [healthEvent(sundayLastHour, 4, 1)])).status).toBe(200);
    // Two browsers enrolled this Monday with the enrolment token send counts for that hour.
    // Counted, the hour would show three people, and its totals minus theirs the agent's.
    for (const [index, secondsEarlier] of [40, 30].entries()) {
      const credential = await enrolledAt(READ_AT - 3_600_000 + index);
      const sent = await ingestAt(secondsEarlier, credential, [
        healthEvent(sundayLastHour, 1, 0),
        healthEvent(mondayMorning, 1, 0),
      ]);
      expect(sent.status).toBe(200);
    }
    expect((await ingestAt(20, agent, [healthEvent(mondayMorning, 2, 0)])).status).toBe(200);
    const [zendesk] = adapterHealthReportSchema.parse(
      (await send(url(), '/v1/adapters/health?days=1', { token: supervisor })).json,
    ).apps;
    // Monday's hour, their first week, has the three; Sunday's is held back.
    const email = zendesk!.fields.find((field) => field.field === 'customerEmail')!;
    expect(email.hours).toEqual([
      { hourStart: new Date(mondayMorning).toISOString(), matched: 4, missed: 0 },
    ]);
    expect(zendesk).toMatchObject({ records: 4 });
  });

  /** What one hour of Zendesk's email field shows: zero when it is held back. */
  const emailHour = async (token: string, hourStart: number) => {
    const report = adapterHealthReportSchema.parse(
      (await send(url(), '/v1/adapters/health?days=1', { token })).json,
    );
    const zendesk = report.apps.find((app) => app.app === 'zendesk');
    const email = zendesk?.fields.find((field) => field.field === 'customerEmail');
    const hour = email?.hours.find(
      (shown) => shown.hourStart === new Date(hourStart).toISOString(),
    );
    return {
      records: zendesk?.records ?? 0,
      matched: hour?.matched ?? 0,
      missed: hour?.missed ?? 0,
    };
  };

  it('shows an hour under the minimum group size in force when it began: raising it later isolates no one', async () => {
    const team = uniqueTeam();
    const supervisor = await tokenFor(suite.collector.db, team, 'supervisor');
    const hourStart = Math.floor(clock / HOUR) * HOUR - HOUR;
    // Six agents read Zendesk in the last hour; the sixth's counts arrived last.
    const counts = [
      [4, 0],
      [3, 1],
      [5, 0],
      [2, 2],
      [6, 0],
      [7, 3],
    ] as const;
    for (const [index, [matched, missed]] of counts.entries()) {
      const credential = await installCredentialFor(
        suite.collector.db,
        team,
        null,
        new Date(clock - 7 * 24 * HOUR),
      );
      const sent = await ingestAt(60 - index, credential, [
        healthEvent(hourStart, matched, missed),
      ]);
      expect(sent.status).toBe(200);
    }
    const before = await emailHour(supervisor, hourStart);
    expect(before).toEqual({ records: 23, matched: 20, missed: 3 });
    const raised = await send(url(), '/v1/policy', {
      method: 'PUT',
      token: supervisor,
      body: { policy: { minGroupSize: 6 } },
    });
    expect(raised.status, raised.text).toBe(200);
    const after = await emailHour(supervisor, hourStart);
    // Under 6 the hour was one step of all six: "after minus before" was the sixth agent's hour,
    // 10 records, 7 matched, 3 missed.
    const difference = {
      records: after.records - before.records,
      matched: after.matched - before.matched,
      missed: after.missed - before.missed,
    };
    expect(difference).toEqual({ records: 0, matched: 0, missed: 0 });
  });

  it('counts a browser on both sides of a change of identity mode as one person', async () => {
    const team = uniqueTeam();
    const supervisor = await tokenFor(suite.collector.db, team, 'supervisor');
    const hourStart = Math.floor(clock / HOUR) * HOUR - HOUR;
    const enrol = async (installId: string, identityMode: 'pseudonymous' | 'anonymous') =>
      enrolInstall(suite.collector.db, {
        team,
        enrolmentTokenName: 'test enrolment',
        request: { installId, identityMode },
        at: new Date(Date.parse('2026-02-20T09:00:00Z') + (identityMode === 'anonymous' ? 1 : 0)),
      });
    // Three agents in the last hour, under their pseudonyms; x and y are colleagues who know
    // what their own browsers counted, v is the one they are curious about.
    const browsers = { x: randomUUID(), y: randomUUID(), v: randomUUID() };
    const pseudonymous = { x: [4, 1], y: [3, 2], v: [9, 1] } as const;
    const anonymous = { x: [2, 0], y: [1, 1], v: [5, 5] } as const;
    let syncs = 0;
    for (const agent of ['x', 'y', 'v'] as const) {
      const enrolled = await enrol(browsers[agent], 'pseudonymous');
      const [matched, missed] = pseudonymous[agent];
      syncs += 1;
      const sent = await ingestAt(
        60 - syncs,
        enrolled.credential,
        [healthEvent(hourStart, matched, missed)],
        enrolled.agentId,
      );
      expect(sent.status, sent.text).toBe(200);
    }
    const switched = await send(url(), '/v1/policy', {
      method: 'PUT',
      token: supervisor,
      body: { policy: { identityMode: 'anonymous' } },
    });
    expect(switched.status, switched.text).toBe(200);
    // The browsers learn the change, enrol again without an agent id and send the hour's rest.
    for (const agent of ['x', 'y', 'v'] as const) {
      const enrolled = await enrol(browsers[agent], 'anonymous');
      const [matched, missed] = anonymous[agent];
      syncs += 1;
      const sent = await ingestAt(60 - syncs, enrolled.credential, [
        healthEvent(hourStart, matched, missed),
      ]);
      expect(sent.status, sent.text).toBe(200);
    }
    const shown = await emailHour(supervisor, hourStart);
    // Six keys, three people: under k = 5 the hour showed its first five syncs, and minus what
    // x and y counted, v's pseudonymous part: 9 matched, 1 missed.
    const known = (['x', 'y'] as const).flatMap((agent) => [pseudonymous[agent], anonymous[agent]]);
    const leaked = {
      matched: shown.matched === 0 ? 0 : shown.matched - known.reduce((sum, [m]) => sum + m, 0),
      missed: shown.missed === 0 ? 0 : shown.missed - known.reduce((sum, [, m]) => sum + m, 0),
    };
    expect(leaked).toEqual({ matched: 0, missed: 0 });
    expect(shown).toEqual({ records: 0, matched: 0, missed: 0 });
  });

  it('counts an install that enrolled again as one person, and applies the team’s minimum group size', async () => {
    const team = uniqueTeam();
    const supervisor = await tokenFor(suite.collector.db, team, 'supervisor');
    const hourStart = Math.floor(clock / HOUR) * HOUR - HOUR;
    const enrol = async (installId: string) =>
      (
        await enrolInstall(suite.collector.db, {
          team,
          enrolmentTokenName: 'test enrolment',
          request: { installId, identityMode: 'anonymous' },
          at: new Date(clock),
        })
      ).credential;
    const installs = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    let syncs = 0;
    const sendHour = async (credential: string) => {
      syncs += 1;
      const synced = await ingestAt(60 - syncs, credential, [healthEvent(hourStart, 2, 0)]);
      expect(synced.status).toBe(200);
    };
    // A team whose admin lowered the floor to three (the lowest allowed) sees the hour.
    await lowerFloorToThree(team);
    for (const install of installs) await sendHour(await enrol(install));
    // One of the four browsers enrolled again (its credential wiped) and synced the hour's rest.
    await sendHour(await enrol(installs[0]!));
    const read = async () =>
      adapterHealthReportSchema.parse(
        (await send(url(), '/v1/adapters/health?days=1', { token: supervisor })).json,
      );
    // The hour shows by steps of three people, in the order their counts arrived: the first
    // three installs' syncs are one; the fourth's and the re-enrolled first's are two people,
    // waiting for a third.
    const report = await read();
    expect(report.minGroupSize).toBe(3);
    const [zendesk] = report.apps;
    expect(zendesk).toMatchObject({ records: 6 });
    expect(zendesk!.fields.map((field) => field.field)).toEqual(['customerName', 'customerEmail']);
  });
});
