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

      expect(await applyMigrations(client)).toEqual([10]);

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
