import { randomUUID } from 'node:crypto';
import type { IdentityMode } from '../../../contract/api';
import type { SqlClient } from './sql-client';

// Enrolled browser installs and their credentials: the `installs` table (issue #13).

export type InstallRecord = {
  id: string;
  team: string;
  installId: string;
  identityMode: IdentityMode;
  agentId: string | null;
  enrolledWith: string;
  enrolledAt: Date;
  revokedAt: Date | null;
  revokedBy: string | null;
};

export type NewEnrolment = {
  team: string;
  installId: string;
  identityMode: IdentityMode;
  agentId: string | null;
  credentialHash: string;
  enrolledWith: string;
  at: Date;
};

/**
 * An enrolment of an install under another identity mode than its enrolment before (`from` the
 * mode before, `to` the new one), its time in ms since the epoch: the browser's rows go on under
 * the new mode's key (pseudonym, agent id or install) from then on.
 */
export type IdentityChange = {
  at: number;
  installId: string;
  from: IdentityMode;
  to: IdentityMode;
};

export type InstallsRepository = {
  /**
   * Stores the enrolment and revokes the same install's earlier credentials (`re-enrolled`), in
   * one transaction: an install that lost the answer and enrols again holds one credential.
   */
  enrolInstall(enrolment: NewEnrolment): Promise<InstallRecord>;
  /** The pseudonym this install was given before in this team, so that re-enrolling keeps it. */
  findPseudonym(team: string, installId: string): Promise<string | null>;
  /** Whether `agentId` is the pseudonym the collector made for one of the team's installs. */
  isPseudonym(team: string, agentId: string): Promise<boolean>;
  findInstallByCredentialHash(credentialHash: string): Promise<InstallRecord | null>;
  listInstalls(team: string): Promise<InstallRecord[]>;
  /**
   * Every enrolment of the team's installs under another identity mode than the same install's
   * enrolment before, oldest first: a change of mode in the browsers' managed policy, which the
   * team policy's audit never sees, as well as the team's (group-size-history.ts). Another agent
   * id in the same mode is no change, and an install an admin has revoked (any of its
   * enrolments) makes none: the enrolment token sits in every browser's policy, and each change
   * raises the minimum group size of two weeks.
   */
  listIdentityChanges(team: string): Promise<IdentityChange[]>;
  /** Null when the team has no active install with this id. */
  revokeInstall(
    team: string,
    id: string,
    revokedBy: string,
    at: Date,
  ): Promise<InstallRecord | null>;
};

type InstallRow = {
  id: string;
  team: string;
  install_id: string;
  identity_mode: IdentityMode;
  agent_id: string | null;
  enrolled_with: string;
  enrolled_at: Date;
  revoked_at: Date | null;
  revoked_by: string | null;
};

const COLUMNS =
  'id, team, install_id::text AS install_id, identity_mode, agent_id, enrolled_with, enrolled_at, revoked_at, revoked_by';

const toInstall = (row: InstallRow): InstallRecord => ({
  id: row.id,
  team: row.team,
  installId: row.install_id,
  identityMode: row.identity_mode,
  agentId: row.agent_id,
  enrolledWith: row.enrolled_with,
  enrolledAt: new Date(row.enrolled_at),
  revokedAt: row.revoked_at ? new Date(row.revoked_at) : null,
  revokedBy: row.revoked_by,
});

export function createInstallsRepository(client: SqlClient): InstallsRepository {
  return {
    async enrolInstall(enrolment) {
      return client.transaction(async (tx) => {
        await tx.query(
          `UPDATE installs SET revoked_at = $3, revoked_by = 're-enrolled'
           WHERE team = $1 AND install_id = $2::uuid AND revoked_at IS NULL`,
          [enrolment.team, enrolment.installId, enrolment.at.toISOString()],
        );
        const { rows } = await tx.query<InstallRow>(
          `INSERT INTO installs (id, team, install_id, identity_mode, agent_id, credential_hash,
             enrolled_with, enrolled_at)
           VALUES ($1, $2, $3::uuid, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
          [
            randomUUID(),
            enrolment.team,
            enrolment.installId,
            enrolment.identityMode,
            enrolment.agentId,
            enrolment.credentialHash,
            enrolment.enrolledWith,
            enrolment.at.toISOString(),
          ],
        );
        return toInstall(rows[0]!);
      });
    },

    async findPseudonym(team, installId) {
      const { rows } = await client.query<{ agent_id: string }>(
        `SELECT agent_id FROM installs WHERE team = $1 AND install_id = $2::uuid
           AND identity_mode = 'pseudonymous' ORDER BY enrolled_at DESC LIMIT 1`,
        [team, installId],
      );
      return rows[0]?.agent_id ?? null;
    },

    async isPseudonym(team, agentId) {
      const { rows } = await client.query(
        `SELECT 1 FROM installs WHERE team = $1 AND agent_id = $2
           AND identity_mode = 'pseudonymous' LIMIT 1`,
        [team, agentId],
      );
      return rows.length > 0;
    },

    async findInstallByCredentialHash(credentialHash) {
      const { rows } = await client.query<InstallRow>(
        `SELECT ${COLUMNS} FROM installs WHERE credential_hash = $1`,
        [credentialHash],
      );
      return rows[0] ? toInstall(rows[0]) : null;
    },

    async listInstalls(team) {
      const { rows } = await client.query<InstallRow>(
        `SELECT ${COLUMNS} FROM installs WHERE team = $1 ORDER BY enrolled_at, id`,
        [team],
      );
      return rows.map(toInstall);
    },

    async listIdentityChanges(team) {
      // A browser keeps its install id when it enrols again (lib/sync/enrolment.ts), and enrols
      // again whenever its mode changes: it is part of its enrolment's fingerprint. Only the mode
      // counts: anyone with the enrolment token could enrol one install id under agent ids x1, x2,
      // x3… and blank the team's weeks. An install is left out once an admin revoked it (revoked_by
      // is then the admin's token name; 're-enrolled' marks the credentials an enrolment replaced),
      // even if it enrolled again since: the admin gets the weeks back.
      const { rows } = await client.query<{
        install_id: string;
        enrolled_at: Date;
        mode_before: IdentityMode;
        identity_mode: IdentityMode;
      }>(
        `SELECT install_id, enrolled_at, mode_before, identity_mode FROM (
           SELECT install_id::text AS install_id, enrolled_at, id, identity_mode,
             lag(identity_mode) OVER by_install AS mode_before,
             row_number() OVER by_install AS nth,
             bool_or(revoked_at IS NOT NULL AND revoked_by IS DISTINCT FROM 're-enrolled')
               OVER (PARTITION BY install_id) AS revoked
           FROM installs WHERE team = $1
           WINDOW by_install AS (PARTITION BY install_id ORDER BY enrolled_at, id)
         ) enrolments
         WHERE nth > 1 AND identity_mode <> mode_before AND NOT revoked
         ORDER BY enrolled_at, id`,
        [team],
      );
      return rows.map((row) => ({
        at: new Date(row.enrolled_at).getTime(),
        installId: row.install_id,
        from: row.mode_before,
        to: row.identity_mode,
      }));
    },

    async revokeInstall(team, id, revokedBy, at) {
      const { rows } = await client.query<InstallRow>(
        `UPDATE installs SET revoked_at = $4, revoked_by = $3
         WHERE team = $1 AND id = $2 AND revoked_at IS NULL RETURNING ${COLUMNS}`,
        [team, id, revokedBy, at.toISOString()],
      );
      return rows[0] ? toInstall(rows[0]) : null;
    },
  };
}
