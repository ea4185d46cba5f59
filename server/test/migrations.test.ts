import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { applyMigrations } from '../src/db/migrations';
import { testSqlClients, type TestSqlClient } from './helpers';

// Migrations that move data: a database written by the previous collector, then migrated.

describe.each(testSqlClients())(
  'migration 10 on $name: anonymous interactions keyed by their browser install',
  (engine) => {
    let opened: TestSqlClient | undefined;
    afterEach(() => opened?.cleanup());

    it('merges an interaction split across two enrolments of one install and re-keys the rest', async () => {
      opened = await engine.open();
      const { client } = opened;
      await applyMigrations(client, 9);
      await client.query(`INSERT INTO teams (id, hash_secret) VALUES ('t', 's')`);
      const browser = randomUUID();
      const otherBrowser = randomUUID();
      const [before, after, other] = [randomUUID(), randomUUID(), randomUUID()];
      const enrol = (id: string, installId: string, agentId: string | null, mode: string) =>
        client.query(
          `INSERT INTO installs (id, team, install_id, identity_mode, agent_id, credential_hash,
           enrolled_with) VALUES ($1, 't', $2::uuid, $3, $4, $5, 'rollout')`,
          [id, installId, mode, agentId, randomUUID()],
        );
      await enrol(before, browser, null, 'anonymous');
      await enrol(after, browser, null, 'anonymous');
      await enrol(other, otherBrowser, null, 'anonymous');
      const ana = randomUUID();
      await enrol(ana, randomUUID(), 'ana', 'identified');
      // As the projector wrote them before: keyed by the enrolment (installs.id).
      const row = (key: string, agentId: string | null, install: string, effort: number | null) =>
        client.query(
          `INSERT INTO interactions (team, interaction_key, agent_id, app, record_hash, ended_at,
           handle_ms, away_ms, switch_count, apps_used, away_apps, effort_score, effort_scale,
           install)
         VALUES ('t', $1, $2, 'zendesk', 'h', now(), 1000, 0, 1, '{zendesk}', '{zendesk}', $3, $4,
           $5)`,
          [key, agentId, effort, effort === null ? null : '1-5', install],
        );
      const rest = '|zendesk|h|1000|2000';
      await row(`${before}${rest}`, null, before, null); // its summary, before enrolling again
      await row(`${after}${rest}`, null, after, 4); // its prompt outcome, after
      await row(`${before}|zendesk|h|5000|6000`, null, before, null);
      await row(`${other}${rest}`, null, other, 2);
      await row(`ana${rest}`, 'ana', ana, 5);

      expect(await applyMigrations(client, 10)).toEqual([10]);

      const { rows } = await client.query<{
        interaction_key: string;
        install: string;
        effort_score: number | null;
      }>(
        `SELECT interaction_key, install, effort_score FROM interactions ORDER BY interaction_key`,
      );
      expect(rows).toEqual(
        [
          { interaction_key: `${browser}${rest}`, install: browser, effort_score: 4 },
          {
            interaction_key: `${browser}|zendesk|h|5000|6000`,
            install: browser,
            effort_score: null,
          },
          { interaction_key: `${otherBrowser}${rest}`, install: otherBrowser, effort_score: 2 },
          { interaction_key: `ana${rest}`, install: ana, effort_score: 5 },
        ].sort((a, b) => (a.interaction_key < b.interaction_key ? -1 : 1)),
      );
    }, 60_000);
  },
);

describe.each(testSqlClients())(
  'migration 11 on $name: a page CSAT counts only for the agent who saw it',
  (engine) => {
    let opened: TestSqlClient | undefined;
    afterEach(() => opened?.cleanup());

    it('gives each agent back their own page score, and keeps one whose event is gone for all', async () => {
      opened = await engine.open();
      const { client } = opened;
      await applyMigrations(client, 10);
      await client.query(`INSERT INTO teams (id, hash_secret) VALUES ('t', 's')`);
      const observed = (agent: string, hash: string, csat: number, at: string) =>
        client.query(
          `INSERT INTO events (team, id, agent_id, type, occurred_at, received_at, schema_version,
           payload) VALUES ('t', $1::uuid, $2, 'cx.observed', $3, $3, 1, $4::jsonb)`,
          [
            randomUUID(),
            agent,
            at,
            JSON.stringify({ app: 'zendesk', recordType: 'ticket', recordHash: hash, csat }),
          ],
        );
      // Ana saw 5 on ticket h; Mallory sent 1 for it later, which the old projector let win.
      await observed('ana', 'h', 5, '2026-01-05T10:00:00Z');
      await observed('mallory', 'h', 1, '2026-01-05T11:00:00Z');
      const score = (hash: string, csat: number, source = 'page') =>
        client.query(
          `INSERT INTO cx_scores (team, record_hash, metric, source, app, score, scale,
           observed_at) VALUES ('t', $1, 'csat', $2, 'zendesk', $3, '1-5', now())`,
          [hash, source, csat],
        );
      await score('h', 1);
      await score('gone', 3); // its event is not stored
      const row = (agentId: string, hash: string, csat: number) =>
        client.query(
          `INSERT INTO interactions (team, interaction_key, agent_id, app, record_hash, ended_at,
           handle_ms, away_ms, switch_count, apps_used, away_apps, csat)
         VALUES ('t', $1, $2, 'zendesk', $3, now(), 1000, 0, 1, '{zendesk}', '{zendesk}', $4)`,
          [`${agentId}|zendesk|${hash}|1000|2000`, agentId, hash, csat],
        );
      await row('ana', 'h', 1);
      await row('mallory', 'h', 1);
      await row('ana', 'gone', 3);
      await row('mallory', 'gone', 3);

      expect(await applyMigrations(client)).toEqual([11]);

      const { rows } = await client.query(
        `SELECT interaction_key, csat FROM interactions ORDER BY interaction_key`,
      );
      expect(rows).toEqual([
        { interaction_key: 'ana|zendesk|gone|1000|2000', csat: 3 },
        { interaction_key: 'ana|zendesk|h|1000|2000', csat: 5 },
        { interaction_key: 'mallory|zendesk|gone|1000|2000', csat: 3 },
        { interaction_key: 'mallory|zendesk|h|1000|2000', csat: 1 },
      ]);
      const { rows: scores } = await client.query(
        `SELECT record_hash, observer, score FROM cx_scores ORDER BY record_hash, observer`,
      );
      expect(scores).toEqual([
        { record_hash: 'gone', observer: '', score: 3 },
        { record_hash: 'h', observer: 'ana', score: 5 },
        { record_hash: 'h', observer: 'mallory', score: 1 },
      ]);
    }, 60_000);
  },
);
