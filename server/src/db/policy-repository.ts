import type { AuditRecord, PolicyUpdate, PolicyUpdateResult, StoredPolicy } from './database';
import { diffPolicy } from '../policy/policy-diff';
import type { SqlClient, SqlExecutor } from './sql-client';

// Team policies and their audit trail: the `team_policy` and `policy_audit` tables.

/** A team's policy, changed only through versioned, audited updates. */
export type PolicyRepository = {
  /** Version 0 and an empty policy for a team that never had one. */
  getPolicy(team: string): Promise<StoredPolicy>;
  /**
   * Replaces the team policy, bumping its version and auditing each changed setting. Under the
   * policy's row lock: `precondition` is checked first, then a `policy` function is called on
   * the row it locked.
   */
  updatePolicy(team: string, update: PolicyUpdate): Promise<PolicyUpdateResult>;
  /** Newest first. */
  listAudit(team: string, limit: number): Promise<AuditRecord[]>;
  /** Every audited change of the named settings, oldest first. */
  listSettingChanges(team: string, settings: readonly string[]): Promise<SettingChange[]>;
};

/** One audited change of one setting, its time in ms since the epoch. */
export type SettingChange = { at: number; setting: string; oldValue: unknown; newValue: unknown };

type PolicyRow = { version: number; policy: Record<string, unknown>; updated_at: Date | null };

const toPolicy = (row: PolicyRow | undefined): StoredPolicy =>
  row
    ? { version: row.version, policy: row.policy, updatedAt: row.updated_at }
    : { version: 0, policy: {}, updatedAt: null };

async function readPolicyForUpdate(tx: SqlExecutor, team: string): Promise<StoredPolicy> {
  // The row must exist for FOR UPDATE to lock it; version 0 stands for "never set".
  await tx.query(
    `INSERT INTO team_policy (team, version, policy) VALUES ($1, 0, '{}') ON CONFLICT DO NOTHING`,
    [team],
  );
  const { rows } = await tx.query<PolicyRow>(
    'SELECT version, policy, updated_at FROM team_policy WHERE team = $1 FOR UPDATE',
    [team],
  );
  return toPolicy(rows[0]);
}

/**
 * `at`, or the team's last audited change when that is later. Collectors sharing one database
 * each date a change by their own clock: one running behind dated a change before the one it
 * followed, and reports, which take the value in force by date, read a lowered group size as
 * the older one. Called under the team policy's row lock, so changes are dated in their order.
 */
async function notBeforeLastChange(tx: SqlExecutor, team: string, at: Date): Promise<Date> {
  const { rows } = await tx.query<{ last: Date | string | null }>(
    'SELECT max(at) AS last FROM policy_audit WHERE team = $1',
    [team],
  );
  const last = rows[0]?.last;
  return last && new Date(last) > at ? new Date(last) : at;
}

export function createPolicyRepository(client: SqlClient): PolicyRepository {
  return {
    async getPolicy(team) {
      const { rows } = await client.query<PolicyRow>(
        'SELECT version, policy, updated_at FROM team_policy WHERE team = $1',
        [team],
      );
      return toPolicy(rows[0]);
    },

    updatePolicy(team, update) {
      return client.transaction(async (tx) => {
        const current = await readPolicyForUpdate(tx, team);
        if (update.precondition && !update.precondition(current)) {
          return { status: 'conflict', policy: current };
        }
        const policy = typeof update.policy === 'function' ? update.policy(current) : update.policy;
        const changes = diffPolicy(current.policy, policy);
        if (changes.length === 0) return { status: 'unchanged', policy: current, changes };
        const at = (await notBeforeLastChange(tx, team, update.at)).toISOString();
        const { rows } = await tx.query<PolicyRow>(
          `UPDATE team_policy SET version = version + 1, policy = $2::jsonb, updated_at = $3
           WHERE team = $1 RETURNING version, policy, updated_at`,
          [team, JSON.stringify(policy), at],
        );
        const params: unknown[] = [team, at, update.actor];
        const tuples = changes.map((change, index) => {
          const p = 4 + index * 3;
          params.push(
            change.setting,
            JSON.stringify(change.oldValue),
            JSON.stringify(change.newValue),
          );
          return `($1, $2::timestamptz, $3, $${p}, $${p + 1}::jsonb, $${p + 2}::jsonb)`;
        });
        await tx.query(
          `INSERT INTO policy_audit (team, at, actor, setting, old_value, new_value)
           VALUES ${tuples.join(', ')}`,
          params,
        );
        return { status: 'updated', policy: toPolicy(rows[0]), changes };
      });
    },

    async listAudit(team, limit) {
      const { rows } = await client.query<{
        at: Date;
        actor: string;
        setting: string;
        old_value: unknown;
        new_value: unknown;
      }>(
        `SELECT at, actor, setting, old_value, new_value FROM policy_audit WHERE team = $1
         ORDER BY at DESC, id DESC LIMIT $2`,
        [team, limit],
      );
      return rows.map((row): AuditRecord => ({
        at: row.at,
        actor: row.actor,
        setting: row.setting,
        oldValue: row.old_value,
        newValue: row.new_value,
      }));
    },

    async listSettingChanges(team, settings) {
      const { rows } = await client.query<{
        at: Date;
        setting: string;
        old_value: unknown;
        new_value: unknown;
      }>(
        `SELECT at, setting, old_value, new_value FROM policy_audit
         WHERE team = $1 AND setting = ANY($2::text[]) ORDER BY at, id`,
        [team, settings],
      );
      return rows.map((row) => ({
        at: new Date(row.at).getTime(),
        setting: row.setting,
        oldValue: row.old_value,
        newValue: row.new_value,
      }));
    },
  };
}
