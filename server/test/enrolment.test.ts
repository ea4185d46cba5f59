import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  API_PATHS,
  enrolResponseSchema,
  errorResponseSchema,
  installListSchema,
  teamPolicySchema,
} from '../../contract/api';
import { inspectDatabase } from '../../tests/support/collector-inspector';
import { sampleEvents } from '../../tests/support/sample-events';
import {
  collectorSuite,
  ingest,
  makeEvent,
  send,
  testDatabases,
  tokenFor,
  uniqueTeam,
} from './helpers';

// Issue #13 item 4 and PRODUCT.md privacy rule 5: every event is bound to the install that sent it.
describe.each(testDatabases())('install enrolment on $name', (database) => {
  const suite = collectorSuite(database);

  const enrol = (token: string, body: Record<string, unknown>) =>
    send(suite.collector.url, API_PATHS.enrol, { token, body });
  const enrolled = async (token: string, body: Record<string, unknown>) => {
    const response = await enrol(token, body);
    expect(response.status, response.text).toBe(201);
    return enrolResponseSchema.parse(response.json);
  };
  const errorOf = (response: { json: unknown }) => errorResponseSchema.parse(response.json);

  it('gives an identified install a credential that stores events for its agent, and only those', async () => {
    const team = uniqueTeam();
    const enrolment = await tokenFor(suite.collector.db, team, 'agent', 'rollout 2026');
    const install = await enrolled(enrolment, {
      installId: randomUUID(),
      identityMode: 'identified',
      agentId: 'ana',
    });
    expect(install.agentId).toBe('ana');

    const mine = makeEvent();
    expect((await ingest(suite.collector.url, install.credential, [mine], 'ana')).status).toBe(200);
    const padded = await ingest(suite.collector.url, install.credential, [makeEvent()], 'ben');
    expect(padded.status).toBe(403);
    expect(errorOf(padded)).toMatchObject({
      error: 'agent_mismatch',
      message: 'this install is bound to agent "ana"; it may not send events for "ben"',
    });

    const arrivals = await inspectDatabase(suite.collector.db).listEventArrivals(team);
    expect(arrivals.map(({ id, agentId }) => ({ id, agentId }))).toEqual([
      { id: mine.id, agentId: 'ana' },
    ]);
    const [listed] = await suite.collector.db.listInstalls(team);
    expect(arrivals[0]!.install).toBe(listed!.id);
    expect(listed!.enrolledWith).toBe('rollout 2026');
  });

  it('refuses an agent id that would drive the terminal of an admin listing installs', async () => {
    const team = uniqueTeam();
    const enrolment = await tokenFor(suite.collector.db, team);
    const response = await enrol(enrolment, {
      installId: randomUUID(),
      identityMode: 'identified',
      agentId: 'ana\u001b[2J\tactive',
    });
    expect(response.status).toBe(400);
    expect(errorOf(response).message).toContain(
      'agentId: must not contain control characters (tabs, line breaks, escapes, text direction)',
    );
    expect(await suite.collector.db.listInstalls(team)).toEqual([]);
  });

  it('lets no supervisor, admin or enrolment token send events for anyone', async () => {
    const team = uniqueTeam();
    for (const role of ['supervisor', 'admin', 'agent'] as const) {
      const token = await tokenFor(suite.collector.db, team, role);
      const response = await ingest(suite.collector.url, token, [makeEvent()], 'ana');
      expect(response.status, role).toBe(403);
      expect(errorOf(response).message).toMatch(
        role === 'agent' ? /only an install credential may send events/ : /may not send events/,
      );
    }
    expect(await inspectDatabase(suite.collector.db).listEventIds(team)).toEqual([]);
  });

  it('makes the pseudonym itself, keeps it when the install enrols again and retires the old credential', async () => {
    const team = uniqueTeam();
    const enrolment = await tokenFor(suite.collector.db, team);
    const installId = randomUUID();
    const chosen = await enrol(enrolment, {
      installId,
      identityMode: 'pseudonymous',
      agentId: 'somebody-elses-pseudonym',
    });
    expect(chosen.status).toBe(400);
    expect(errorOf(chosen).message).toMatch(/agentId/);

    const first = await enrolled(enrolment, { installId, identityMode: 'pseudonymous' });
    expect(first.agentId).toMatch(/^[0-9a-f-]{36}$/);
    const second = await enrolled(enrolment, { installId, identityMode: 'pseudonymous' });
    expect(second.agentId).toBe(first.agentId);
    expect(second.credential).not.toBe(first.credential);

    const stale = await ingest(suite.collector.url, first.credential, [makeEvent()], first.agentId);
    expect(stale.status).toBe(401);
    expect(errorOf(stale).error).toBe('install_revoked');
    const fresh = await ingest(
      suite.collector.url,
      second.credential,
      [makeEvent()],
      first.agentId,
    );
    expect(fresh.status).toBe(200);

    const other = await enrolled(enrolment, {
      installId: randomUUID(),
      identityMode: 'pseudonymous',
    });
    expect(other.agentId).not.toBe(first.agentId);
  });

  it("refuses an identified install that names a colleague's pseudonym: nobody pads another's week", async () => {
    const team = uniqueTeam();
    const enrolment = await tokenFor(suite.collector.db, team);
    const victim = await enrolled(enrolment, {
      installId: randomUUID(),
      identityMode: 'pseudonymous',
    });
    const impostor = await enrol(enrolment, {
      installId: randomUUID(),
      identityMode: 'identified',
      agentId: victim.agentId,
    });
    expect(impostor.status).toBe(409);
    expect(errorOf(impostor)).toMatchObject({
      error: 'conflict',
      message: expect.stringMatching(/^agentId: this is the pseudonym of another install/),
    });
    const installs = await suite.collector.db.listInstalls(team);
    expect(installs.map((install) => install.agentId)).toEqual([victim.agentId]);
  });

  it('binds an anonymous install to no agent, yet records which install sent each event', async () => {
    const team = uniqueTeam();
    const enrolment = await tokenFor(suite.collector.db, team);
    const install = await enrolled(enrolment, {
      installId: randomUUID(),
      identityMode: 'anonymous',
    });
    expect(install.agentId).toBeNull();
    expect(
      (await ingest(suite.collector.url, install.credential, [makeEvent()], null)).status,
    ).toBe(200);
    expect(
      (await ingest(suite.collector.url, install.credential, [makeEvent()], 'ana')).status,
    ).toBe(403);
    const [arrival] = await inspectDatabase(suite.collector.db).listEventArrivals(team);
    expect(arrival).toMatchObject({ agentId: null, install: expect.any(String) });
  });

  it('counts an anonymous install that enrols again as one person, with one interaction', async () => {
    const team = uniqueTeam();
    const enrolment = await tokenFor(suite.collector.db, team);
    const installId = randomUUID();
    const first = await enrolled(enrolment, { installId, identityMode: 'anonymous' });
    const [summary, , outcome] = sampleEvents();
    expect((await ingest(suite.collector.url, first.credential, [summary!], null)).status).toBe(
      200,
    );
    // The answer to the first credential was lost, say: the install enrols again and sends the
    // prompt's outcome for the same interaction.
    const second = await enrolled(enrolment, { installId, identityMode: 'anonymous' });
    expect((await ingest(suite.collector.url, second.credential, [outcome!], null)).status).toBe(
      200,
    );
    const rows = await inspectDatabase(suite.collector.db).loadReportRows(team, 0, Date.now());
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ agentId: null, agentKey: installId, effortScore: 4 });
  });

  it('keeps enrolled installs working when the enrolment token is rotated', async () => {
    const team = uniqueTeam();
    const oldEnrolment = await tokenFor(suite.collector.db, team, 'agent', 'old');
    const install = await enrolled(oldEnrolment, {
      installId: randomUUID(),
      identityMode: 'identified',
      agentId: 'ana',
    });
    const [oldRecord] = await suite.collector.db.listTokens(team);
    await suite.collector.db.revokeToken(oldRecord!.id, new Date());
    const newEnrolment = await tokenFor(suite.collector.db, team, 'agent', 'new');

    expect(
      (await ingest(suite.collector.url, install.credential, [makeEvent()], 'ana')).status,
    ).toBe(200);
    const refused = await enrol(oldEnrolment, {
      installId: randomUUID(),
      identityMode: 'anonymous',
    });
    expect(refused.status).toBe(401);
    await enrolled(newEnrolment, { installId: randomUUID(), identityMode: 'anonymous' });
  });

  it('lets an install read its team policy but not enrol other installs', async () => {
    const team = uniqueTeam();
    const enrolment = await tokenFor(suite.collector.db, team);
    const install = await enrolled(enrolment, {
      installId: randomUUID(),
      identityMode: 'anonymous',
    });
    const policy = await send(suite.collector.url, API_PATHS.policy, { token: install.credential });
    expect(policy.status).toBe(200);
    expect(teamPolicySchema.parse(policy.json).team).toBe(team);
    const chained = await enrol(install.credential, {
      installId: randomUUID(),
      identityMode: 'identified',
      agentId: 'ben',
    });
    expect(chained.status).toBe(403);
    expect(errorOf(chained).message).toMatch(/may not enrol installs/);
  });

  it("lists a team's installs and revokes one for admins only, never another team's", async () => {
    const team = uniqueTeam();
    const enrolment = await tokenFor(suite.collector.db, team, 'agent', 'handed out');
    const admin = await tokenFor(suite.collector.db, team, 'admin', 'Ida');
    const supervisor = await tokenFor(suite.collector.db, team, 'supervisor');
    const otherAdmin = await tokenFor(suite.collector.db, uniqueTeam(), 'admin');
    const install = await enrolled(enrolment, {
      installId: randomUUID(),
      identityMode: 'identified',
      agentId: 'ana',
    });

    expect(
      (await send(suite.collector.url, API_PATHS.installs, { token: supervisor })).status,
    ).toBe(403);
    const listed = installListSchema.parse(
      (await send(suite.collector.url, API_PATHS.installs, { token: admin })).json,
    ).installs;
    expect(listed).toEqual([
      expect.objectContaining({
        installId: install.installId,
        identityMode: 'identified',
        agentId: 'ana',
        enrolledWith: 'handed out',
        revokedAt: null,
      }),
    ]);
    const revokePath = API_PATHS.installRevoke.replace(':id', listed[0]!.id);
    expect(
      (await send(suite.collector.url, revokePath, { method: 'POST', token: otherAdmin })).status,
    ).toBe(404);
    const revoked = await send(suite.collector.url, revokePath, { method: 'POST', token: admin });
    expect(revoked.status).toBe(200);
    expect(revoked.json).toMatchObject({ revokedBy: 'Ida', revokedAt: expect.any(String) });
    expect(
      (await send(suite.collector.url, revokePath, { method: 'POST', token: admin })).status,
    ).toBe(404);

    const after = await ingest(suite.collector.url, install.credential, [makeEvent()], 'ana');
    expect(after.status).toBe(401);
    expect(errorOf(after).message).toMatch(/revoked; enrol again/);
  });

  it('answers an install id PostgreSQL cannot read (a NUL) with 400 naming it, and revokes nothing', async () => {
    const team = uniqueTeam();
    const admin = await tokenFor(suite.collector.db, team, 'admin');
    const enrolment = await tokenFor(suite.collector.db, team, 'agent');
    await enrolled(enrolment, { installId: randomUUID(), identityMode: 'anonymous' });
    // An admin script that pastes an id with a stray control byte: the database refused it (500).
    const response = await send(
      suite.collector.url,
      API_PATHS.installRevoke.replace(':id', 'a%00b'),
      {
        method: 'POST',
        token: admin,
      },
    );
    expect(response.status, response.text).toBe(400);
    expect(errorOf(response)).toEqual({
      error: 'bad_request',
      message: 'path: id: must not contain the NUL character (U+0000)',
    });
    const installs = await suite.collector.db.listInstalls(team);
    expect(installs.map((install) => install.revokedAt)).toEqual([null]);
  });
});
