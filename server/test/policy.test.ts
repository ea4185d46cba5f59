import { describe, expect, it } from 'vitest';
import { auditListSchema, errorResponseSchema, teamPolicySchema } from '../../contract/api';
import { recordHashCheckOf } from '../../contract/record-hash';
import { isoWeekIndex } from '../../contract/iso-week';
import { startCollector } from '../src/collector';
import type { Database } from '../src/db/database';
import { policyEtag } from '../src/policy/policy-diff';
import { minGroupSizesOfWeeks } from '../src/reports/group-size-history';
import { collectorSuite, send, testDatabases, tokenFor, uniqueTeam } from './helpers';

describe.each(testDatabases())('team policy on $name', (database) => {
  let clock = Date.parse('2026-03-02T09:00:00Z');
  const suite = collectorSuite(database, { now: () => clock });

  const put = (token: string, policy: unknown, headers: Record<string, string> = {}) =>
    send(suite.collector.url, '/v1/policy', { method: 'PUT', token, body: { policy }, headers });

  it('serves version 0 and an empty policy to a team that never set one', async () => {
    const token = await tokenFor(suite.collector.db, uniqueTeam());
    const response = await send(suite.collector.url, '/v1/policy', { token });
    expect(response.status).toBe(200);
    expect(teamPolicySchema.parse(response.json)).toMatchObject({
      version: 0,
      updatedAt: null,
      policy: {},
    });
    expect(response.headers.etag).toBe(policyEtag({ version: 0, policy: {} }));
    expect(response.headers.etag).toMatch(/^"v0-[0-9a-f]{16}"$/);
  });

  it('serves the fingerprint of the team’s record-hash secret, never the secret', async () => {
    const team = uniqueTeam();
    const token = await tokenFor(suite.collector.db, team);
    const { hashSecret } = (await suite.collector.db.getTeam(team))!;
    const response = await send(suite.collector.url, '/v1/policy', { token });
    const body = teamPolicySchema.parse(response.json);
    expect(body.recordHashCheck).toBe(await recordHashCheckOf(hashSecret));
    expect(body.recordHashCheck).not.toBe(await recordHashCheckOf(`${hashSecret}x`));
    expect(response.text).not.toContain(hashSecret);
  });

  it('stores a supervisor update, bumps the version and answers 304 to the current ETag', async () => {
    const team = uniqueTeam();
    const supervisor = await tokenFor(suite.collector.db, team, 'supervisor', 'Sam Supervisor');
    const agent = await tokenFor(suite.collector.db, team, 'agent');
    const unset = await send(suite.collector.url, '/v1/policy', { token: agent });

    const updated = await put(supervisor, { trackingEnabled: false, idleThresholdSeconds: 120 });
    expect(updated.status).toBe(200);
    expect(teamPolicySchema.parse(updated.json)).toMatchObject({
      team,
      version: 1,
      policy: { trackingEnabled: false, idleThresholdSeconds: 120 },
    });
    expect(updated.headers.etag).toBe(
      policyEtag({ version: 1, policy: { trackingEnabled: false, idleThresholdSeconds: 120 } }),
    );

    const read = await send(suite.collector.url, '/v1/policy', { token: agent });
    expect(teamPolicySchema.parse(read.json).policy).toEqual({
      trackingEnabled: false,
      idleThresholdSeconds: 120,
    });
    const notModified = await send(suite.collector.url, '/v1/policy', {
      token: agent,
      headers: { 'if-none-match': read.headers.etag as string },
    });
    expect(read.headers.etag).toBe(updated.headers.etag);
    expect(notModified.status).toBe(304);
    expect(notModified.text).toBe('');
    const stale = await send(suite.collector.url, '/v1/policy', {
      token: agent,
      headers: { 'if-none-match': unset.headers.etag as string },
    });
    expect(stale.status).toBe(200);
  });

  /**
   * The team's policy row written over behind the collector's back, as a restored backup or a
   * re-created row does: `policy` stored under the version the row already has.
   */
  const replaceStoredPolicy = async (team: string, policy: Record<string, unknown>) => {
    const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;
    await suite.opened.query(
      `UPDATE team_policy SET policy = ${literal(JSON.stringify(policy))}::jsonb
       WHERE team = ${literal(team)}`,
    );
  };

  it('answers 200 with the stored policy to an If-None-Match from before a restore that kept the version', async () => {
    const team = uniqueTeam();
    const supervisor = await tokenFor(suite.collector.db, team, 'supervisor');
    const agent = await tokenFor(suite.collector.db, team, 'agent');
    expect((await put(supervisor, { trackingEnabled: false })).status).toBe(200);
    const before = await send(suite.collector.url, '/v1/policy', { token: agent });
    const cachedEtag = before.headers.etag as string;
    expect(teamPolicySchema.parse(before.json).version).toBe(1);

    // A backup restored in which version 1 of the policy turned tracking on.
    await replaceStoredPolicy(team, { trackingEnabled: true });
    const revalidated = await send(suite.collector.url, '/v1/policy', {
      token: agent,
      headers: { 'if-none-match': cachedEtag },
    });
    // It was 304: the browser kept applying tracking off, a policy no longer stored anywhere.
    expect(revalidated.status).toBe(200);
    expect(teamPolicySchema.parse(revalidated.json)).toMatchObject({
      version: 1,
      policy: { trackingEnabled: true },
    });
    expect(revalidated.headers.etag).not.toBe(cachedEtag);
  });

  it('answers 412 to an If-Match from before a restore that kept the version, and writes nothing', async () => {
    const team = uniqueTeam();
    const supervisor = await tokenFor(suite.collector.db, team, 'supervisor', 'Sam Supervisor');
    expect((await put(supervisor, { allowPause: true, idleThresholdSeconds: 120 })).status).toBe(
      200,
    );
    const consoleRead = await send(suite.collector.url, '/v1/policy', { token: supervisor });
    const staleEtag = consoleRead.headers.etag as string;

    await replaceStoredPolicy(team, { allowPause: false, idleThresholdSeconds: 600 });
    // The console still shows allowPause on and 120 s; its save changes only the idle threshold.
    const saved = await put(
      supervisor,
      { allowPause: true, idleThresholdSeconds: 300 },
      { 'if-match': staleEtag },
    );
    // It was 200, and allowPause went back on over a setting the console never showed.
    expect(saved.status, saved.text).toBe(412);
    expect(errorResponseSchema.parse(saved.json).error).toBe('precondition_failed');
    const read = await send(suite.collector.url, '/v1/policy', { token: supervisor });
    expect(saved.headers.etag).toBe(read.headers.etag);
    expect(teamPolicySchema.parse(read.json)).toMatchObject({
      version: 1,
      policy: { allowPause: false, idleThresholdSeconds: 600 },
    });
    // Read again, the console saves with the ETag it was given.
    const retried = await put(
      supervisor,
      { allowPause: false, idleThresholdSeconds: 300 },
      { 'if-match': read.headers.etag as string },
    );
    expect(retried.status, retried.text).toBe(200);
  });

  it('answers 304 again once the same content is back under the version, whatever its key order', async () => {
    const team = uniqueTeam();
    const supervisor = await tokenFor(suite.collector.db, team, 'supervisor');
    const agent = await tokenFor(suite.collector.db, team, 'agent');
    const revalidate = (etag: string) =>
      send(suite.collector.url, '/v1/policy', { token: agent, headers: { 'if-none-match': etag } });
    expect(
      (await put(supervisor, { trackingEnabled: false, minGroupSize: 6, allowPause: true })).status,
    ).toBe(200);
    const first = await send(suite.collector.url, '/v1/policy', { token: agent });
    const etag = first.headers.etag as string;
    const stored = teamPolicySchema.parse(first.json).policy;

    // A restore of a backup from before a change the browser never saw: other content, version 1.
    await replaceStoredPolicy(team, { ...stored, minGroupSize: 9 });
    const changed = await revalidate(etag);
    expect(changed.status).toBe(200);
    const changedEtag = changed.headers.etag as string;
    expect(changedEtag).not.toBe(etag);

    // The content the browser holds is back (keys in another order: jsonb keeps none): unchanged.
    await replaceStoredPolicy(team, Object.fromEntries(Object.entries(stored).reverse()));
    const unchanged = await revalidate(etag);
    expect(unchanged.status).toBe(304);
    expect(unchanged.text).toBe('');
    expect(unchanged.headers.etag).toBe(etag);
    expect((await revalidate(changedEtag)).status).toBe(200);
    const saved = await put(supervisor, { ...stored, minGroupSize: 7 }, { 'if-match': etag });
    expect(saved.status, saved.text).toBe(200);
  });

  it('refuses a policy with any bad setting with 400 naming each, and changes nothing', async () => {
    const team = uniqueTeam();
    const supervisor = await tokenFor(suite.collector.db, team, 'supervisor');
    await put(supervisor, { minGroupSize: 5 });
    const response = await put(supervisor, {
      minGroupSize: 1,
      collectorToken: 'tp_abcdefghijklmnopqrstuvwxyz',
      colourScheme: 'dark',
      allowPause: true,
    });
    expect(response.status).toBe(400);
    const { message } = errorResponseSchema.parse(response.json);
    expect(message).toMatch(/minGroupSize: /);
    expect(message).toMatch(/collectorToken: not a team setting/);
    expect(message).toMatch(/colourScheme: unknown setting/);
    expect(message).not.toMatch(/allowPause/);
    const read = teamPolicySchema.parse(
      (await send(suite.collector.url, '/v1/policy', { token: supervisor })).json,
    );
    expect(read).toMatchObject({ version: 1, policy: { minGroupSize: 5 } });
  });

  it('refuses an in-house tool address PostgreSQL cannot store (NUL, unpaired surrogate) with 400 naming it', async () => {
    const team = uniqueTeam();
    const supervisor = await tokenFor(suite.collector.db, team, 'supervisor');
    const wiki = {
      id: 'wiki',
      name: 'Wiki',
      category: 'wiki',
      hosts: ['https://wiki.example.com/*'],
    };
    expect((await put(supervisor, { catalogueAdditions: [wiki] })).status).toBe(200);
    for (const [host, problem] of [
      ['https://wiki.example.com/\u0000', 'must not contain the NUL character (U+0000)'],
      ['https://wiki.example.com/\ud800', 'must not contain an unpaired UTF-16 surrogate'],
    ]) {
      // A pattern pasted from a binary export: the database refused it, a 500 for the console.
      const response = await put(supervisor, {
        catalogueAdditions: [wiki, { ...wiki, id: 'wiki-2', hosts: [host] }],
      });
      expect(response.status, response.text).toBe(400);
      expect(errorResponseSchema.parse(response.json)).toEqual({
        error: 'invalid_policy',
        message: expect.stringContaining(`policy: catalogueAdditions[1].hosts[0]: ${problem}`),
      });
    }
    const read = teamPolicySchema.parse(
      (await send(suite.collector.url, '/v1/policy', { token: supervisor })).json,
    );
    expect(read).toMatchObject({ version: 1, policy: { catalogueAdditions: [wiki] } });
  });

  it('lets only an admin set the floor under minGroupSize, and no supervisor go below it', async () => {
    const team = uniqueTeam();
    const supervisor = await tokenFor(suite.collector.db, team, 'supervisor');
    const admin = await tokenFor(suite.collector.db, team, 'admin');
    const errorOf = (response: { json: unknown }) => errorResponseSchema.parse(response.json);

    // With no admin floor the default of 5 holds: the weakness the issue found (k = 3) is closed.
    const tooLow = await put(supervisor, { minGroupSize: 3 });
    expect(tooLow.status).toBe(400);
    expect(errorOf(tooLow).message).toMatch(/minGroupSize: 3 is below the admin's floor of 5/);

    const forged = await put(supervisor, { minGroupSizeFloor: 3, minGroupSize: 3 });
    expect(forged.status).toBe(403);
    expect(errorOf(forged).message).toMatch(/only an admin token may set minGroupSizeFloor/);

    expect((await put(admin, { minGroupSizeFloor: 8, minGroupSize: 8 })).status).toBe(200);
    expect((await put(supervisor, { minGroupSize: 7 })).status).toBe(400);
    // A supervisor's update keeps the admin's floor and may raise the minimum above it.
    expect((await put(supervisor, { minGroupSize: 10, allowPause: false })).status).toBe(200);
    const read = teamPolicySchema.parse(
      (await send(suite.collector.url, '/v1/policy', { token: supervisor })).json,
    );
    expect(read.policy).toMatchObject({
      minGroupSizeFloor: 8,
      minGroupSize: 10,
      allowPause: false,
    });
    // The console sends back the whole policy it read, the admin's floor with it: saving works.
    const echoed = await put(supervisor, { ...read.policy, allowPause: true });
    expect(echoed.status).toBe(200);
    expect(teamPolicySchema.parse(echoed.json).policy).toMatchObject({
      minGroupSizeFloor: 8,
      allowPause: true,
    });
    const lowered = await put(supervisor, { ...read.policy, minGroupSizeFloor: 5 });
    expect(lowered.status).toBe(403);
  });

  it('answers a supervisor whose console read the floor before the admin raised it 412, not 403 or 400', async () => {
    const team = uniqueTeam();
    const supervisor = await tokenFor(suite.collector.db, team, 'supervisor');
    const admin = await tokenFor(suite.collector.db, team, 'admin');
    const readPolicy = async () => {
      const response = await send(suite.collector.url, '/v1/policy', { token: supervisor });
      return { ...teamPolicySchema.parse(response.json), etag: response.headers.etag as string };
    };
    expect((await put(admin, { minGroupSize: 5 })).status).toBe(200);
    const before = await readPolicy(); // v1, the default floor of 5
    expect((await put(admin, { minGroupSizeFloor: 5, minGroupSize: 5 })).status).toBe(200);
    const withFloor = await readPolicy(); // v2, floor 5 written
    expect((await put(admin, { minGroupSizeFloor: 8, minGroupSize: 8 })).status).toBe(200);
    // Saving from a console that holds v2 (the floor of 5 sent back) was 403 "only an admin token
    // may set minGroupSizeFloor"; from one that holds v1, 400 "below the admin's floor" on a
    // minimum the supervisor never touched. Either is a stale console: reload.
    for (const stale of [withFloor, before]) {
      const saved = await put(
        supervisor,
        { ...stale.policy, allowPause: true },
        { 'if-match': stale.etag },
      );
      expect(saved.status, saved.text).toBe(412);
      expect(errorResponseSchema.parse(saved.json).error).toBe('precondition_failed');
      expect(saved.headers.etag).toBe((await readPolicy()).etag);
    }
    expect(await readPolicy()).toMatchObject({
      version: 3,
      policy: { minGroupSizeFloor: 8, minGroupSize: 8 },
    });
  });

  it('checks the floor on the row it writes: an admin’s raise committed meanwhile is never undercut', async () => {
    const team = uniqueTeam();
    const supervisor = await tokenFor(suite.collector.db, team, 'supervisor', 'Sam Supervisor');
    const admin = await tokenFor(suite.collector.db, team, 'admin', 'Ada Admin');
    expect((await put(admin, { minGroupSizeFloor: 5, minGroupSize: 5 })).status).toBe(200);
    const { db } = suite.collector;
    // The admin's raise to 8 commits at the last moment the route leaves open: after any read of
    // the policy the supervisor's request makes, or else just before its update.
    let adminRaise: (() => Promise<unknown>) | null = () =>
      db.updatePolicy(team, {
        policy: { minGroupSizeFloor: 8, minGroupSize: 8 },
        actor: 'Ada Admin',
        at: new Date(clock),
      });
    const raiseNow = async (of: string) => {
      const raise = of === team ? adminRaise : null;
      if (raise) adminRaise = null;
      await raise?.();
    };
    const racing: Database = {
      ...db,
      async getPolicy(of) {
        const read = await db.getPolicy(of);
        await raiseNow(of);
        return read;
      },
      async updatePolicy(of, update) {
        await raiseNow(of);
        return db.updatePolicy(of, update);
      },
    };
    const collector = await startCollector({
      log: { level: 'silent' },
      now: () => clock,
      db: racing,
    });
    try {
      // A supervisor's script without If-Match sends back the policy it read, floor 5 included.
      const saved = await send(collector.url, '/v1/policy', {
        method: 'PUT',
        token: supervisor,
        body: { policy: { minGroupSizeFloor: 5, minGroupSize: 5 } },
      });
      expect(adminRaise, 'the admin’s raise committed during the request').toBeNull();
      // It was 200, and the floor went back to 5 under the supervisor's name.
      expect(saved.status, saved.text).toBe(403);
      expect(errorResponseSchema.parse(saved.json).message).toMatch(
        /only an admin token may set minGroupSizeFloor/,
      );
    } finally {
      await collector.close();
    }
    expect((await db.getPolicy(team)).policy).toEqual({ minGroupSizeFloor: 8, minGroupSize: 8 });
    const floorChanges = (await db.listAudit(team, 100)).filter(
      (entry) => entry.setting === 'minGroupSizeFloor',
    );
    expect(floorChanges.map(({ actor, newValue }) => [actor, newValue])).toEqual([
      ['Ada Admin', 8],
      ['Ada Admin', 5],
    ]);
  });

  it('answers 412 when If-Match names an older version, and applies a matching one', async () => {
    const team = uniqueTeam();
    const supervisor = await tokenFor(suite.collector.db, team, 'supervisor');
    const unset = await send(suite.collector.url, '/v1/policy', { token: supervisor });
    const first = await put(supervisor, { allowPause: true });
    const conflict = await put(
      supervisor,
      { allowPause: false },
      { 'if-match': unset.headers.etag as string },
    );
    expect(conflict.status).toBe(412);
    expect(conflict.headers.etag).toBe(first.headers.etag);
    // An ETag of the version number alone (what the collector sent before) names no content.
    expect((await put(supervisor, { allowPause: false }, { 'if-match': '"v1"' })).status).toBe(412);
    const matching = await put(
      supervisor,
      { allowPause: false },
      { 'if-match': `W/${first.headers.etag as string}` },
    );
    expect(matching.status).toBe(200);
    expect(teamPolicySchema.parse(matching.json).version).toBe(2);
  });

  it('audits each changed setting with who, when, old and new value, newest first', async () => {
    const team = uniqueTeam();
    const supervisor = await tokenFor(suite.collector.db, team, 'supervisor', 'Sam Supervisor');
    const admin = await tokenFor(suite.collector.db, team, 'admin', 'Ada Admin');
    clock = Date.parse('2026-03-02T09:00:00Z');
    await put(supervisor, { trackingEnabled: true, minGroupSize: 5 });
    clock = Date.parse('2026-03-02T10:00:00Z');
    await put(admin, { trackingEnabled: false, minGroupSize: 5, allowPause: true });
    // Putting the same policy again changes nothing and audits nothing.
    const same = await put(admin, { trackingEnabled: false, minGroupSize: 5, allowPause: true });
    expect(teamPolicySchema.parse(same.json).version).toBe(2);

    const audit = await send(suite.collector.url, '/v1/policy/audit', { token: supervisor });
    expect(audit.status).toBe(200);
    expect(auditListSchema.parse(audit.json).entries).toEqual([
      {
        at: '2026-03-02T10:00:00.000Z',
        actor: 'Ada Admin',
        setting: 'trackingEnabled',
        oldValue: true,
        newValue: false,
      },
      {
        at: '2026-03-02T10:00:00.000Z',
        actor: 'Ada Admin',
        setting: 'allowPause',
        oldValue: null,
        newValue: true,
      },
      {
        at: '2026-03-02T09:00:00.000Z',
        actor: 'Sam Supervisor',
        setting: 'trackingEnabled',
        oldValue: null,
        newValue: true,
      },
      {
        at: '2026-03-02T09:00:00.000Z',
        actor: 'Sam Supervisor',
        setting: 'minGroupSize',
        oldValue: null,
        newValue: 5,
      },
    ]);
  });

  it('dates a change from a collector whose clock runs behind no earlier than the one before', async () => {
    const team = uniqueTeam();
    const supervisor = await tokenFor(suite.collector.db, team, 'supervisor');
    clock = Date.parse('2026-03-08T23:59:59Z');
    expect((await put(supervisor, { minGroupSize: 8 })).status).toBe(200);
    // The next change arrives through a second collector on the same database, 5 s behind.
    clock = Date.parse('2026-03-08T23:59:54Z');
    expect((await put(supervisor, { minGroupSize: 6 })).status).toBe(200);
    const changes = await suite.collector.db.listSettingChanges(team, ['minGroupSize']);
    expect(changes.map((change) => change.newValue)).toEqual([8, 6]);
    expect(changes[1]!.at).toBe(Date.parse('2026-03-08T23:59:59Z'));
    // The week that ended at midnight is reported under the size in force at its end: 6, the
    // later change, not 8 (which sorted last by the lagging clock's dates).
    const week = isoWeekIndex(Date.parse('2026-03-08T12:00:00Z'));
    expect(minGroupSizesOfWeeks([week], { minGroupSize: 6, floor: 3 }, changes)).toEqual([6]);
  });

  it('lets agents read the policy but not change it or read the audit (403)', async () => {
    const agent = await tokenFor(suite.collector.db, uniqueTeam(), 'agent');
    const change = await put(agent, { trackingEnabled: false });
    expect(change.status).toBe(403);
    expect(errorResponseSchema.parse(change.json).message).toMatch(/agent token may not change/);
    expect((await send(suite.collector.url, '/v1/policy/audit', { token: agent })).status).toBe(
      403,
    );
  });

  it("never shows one team's policy or audit to another team", async () => {
    const teamA = uniqueTeam('a');
    const teamB = uniqueTeam('b');
    const supervisorA = await tokenFor(suite.collector.db, teamA, 'supervisor');
    const supervisorB = await tokenFor(suite.collector.db, teamB, 'supervisor');
    await put(supervisorA, { idleThresholdSeconds: 300 });

    const policyB = teamPolicySchema.parse(
      (await send(suite.collector.url, '/v1/policy', { token: supervisorB })).json,
    );
    expect(policyB).toMatchObject({ team: teamB, version: 0, policy: {} });
    const auditB = auditListSchema.parse(
      (await send(suite.collector.url, '/v1/policy/audit', { token: supervisorB })).json,
    );
    expect(auditB.entries).toEqual([]);
    await put(supervisorB, { idleThresholdSeconds: 60 });
    const policyA = teamPolicySchema.parse(
      (await send(suite.collector.url, '/v1/policy', { token: supervisorA })).json,
    );
    expect(policyA).toMatchObject({
      team: teamA,
      version: 1,
      policy: { idleThresholdSeconds: 300 },
    });
  });
});
