import { randomBytes, randomUUID } from 'node:crypto';
import type { Role } from '../../../contract/api';
import type { TeamRecord, TokenRecord } from './database';
import type { SqlClient } from './sql-client';

// Teams, their tokens and their webhook secret: the `teams` and `tokens` tables.

/** Teams and the bearer tokens that act for them. */
export type TeamsRepository = {
  /** Creates the team with a fresh hash secret unless it exists. */
  ensureTeam(team: string): Promise<TeamRecord & { created: boolean }>;
  getTeam(team: string): Promise<TeamRecord | null>;
  createToken(token: {
    team: string;
    role: Role;
    name: string;
    tokenHash: string;
  }): Promise<TokenRecord>;
  listTokens(team: string): Promise<TokenRecord[]>;
  /** Revoked and active tokens alike; the caller decides what a revoked one may do. */
  findTokenByHash(tokenHash: string): Promise<TokenRecord | null>;
  /** Returns false when no active token has this id. */
  revokeToken(id: string, at: Date): Promise<boolean>;
  /** The secret CRM webhooks must present; created on first use. Null when there is no team. */
  getWebhookSecret(team: string): Promise<string | null>;
  /** Replaces the webhook secret with a fresh one and returns it. */
  rotateWebhookSecret(team: string): Promise<string>;
};

type TeamRow = { id: string; hash_secret: string; created_at: Date };
type TokenRow = {
  id: string;
  team: string;
  role: Role;
  name: string;
  created_at: Date;
  revoked_at: Date | null;
};

const toTeam = (row: TeamRow): TeamRecord => ({
  id: row.id,
  hashSecret: row.hash_secret,
  createdAt: row.created_at,
});

const toToken = (row: TokenRow): TokenRecord => ({
  id: row.id,
  team: row.team,
  role: row.role,
  name: row.name,
  createdAt: row.created_at,
  revokedAt: row.revoked_at,
});

/** 32 random bytes: the HMAC key for record hashes (`recordHashSecret` in managed policy). */
const newHashSecret = () => randomBytes(32).toString('base64url');

export function createTeamsRepository(client: SqlClient): TeamsRepository {
  const repository: TeamsRepository = {
    async ensureTeam(team) {
      const inserted = await client.query<TeamRow>(
        `INSERT INTO teams (id, hash_secret) VALUES ($1, $2) ON CONFLICT DO NOTHING
         RETURNING id, hash_secret, created_at`,
        [team, newHashSecret()],
      );
      if (inserted.rows[0]) return { ...toTeam(inserted.rows[0]), created: true };
      const existing = await repository.getTeam(team);
      if (!existing) throw new Error(`team ${team} vanished while it was being created`);
      return { ...existing, created: false };
    },

    async getTeam(team) {
      const { rows } = await client.query<TeamRow>(
        'SELECT id, hash_secret, created_at FROM teams WHERE id = $1',
        [team],
      );
      return rows[0] ? toTeam(rows[0]) : null;
    },

    async createToken({ team, role, name, tokenHash }) {
      const { rows } = await client.query<TokenRow>(
        `INSERT INTO tokens (id, team, role, name, token_hash) VALUES ($1, $2, $3, $4, $5)
         RETURNING id, team, role, name, created_at, revoked_at`,
        [randomUUID(), team, role, name, tokenHash],
      );
      return toToken(rows[0]!);
    },

    async listTokens(team) {
      const { rows } = await client.query<TokenRow>(
        `SELECT id, team, role, name, created_at, revoked_at FROM tokens WHERE team = $1
         ORDER BY created_at, id`,
        [team],
      );
      return rows.map(toToken);
    },

    async findTokenByHash(tokenHash) {
      const { rows } = await client.query<TokenRow>(
        'SELECT id, team, role, name, created_at, revoked_at FROM tokens WHERE token_hash = $1',
        [tokenHash],
      );
      return rows[0] ? toToken(rows[0]) : null;
    },

    async revokeToken(id, at) {
      const { rows } = await client.query(
        'UPDATE tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING id',
        [id, at.toISOString()],
      );
      return rows.length > 0;
    },

    async getWebhookSecret(team) {
      const { rows } = await client.query<{ webhook_secret: string }>(
        `UPDATE teams SET webhook_secret = coalesce(webhook_secret, $2) WHERE id = $1
         RETURNING webhook_secret`,
        [team, newHashSecret()],
      );
      return rows[0]?.webhook_secret ?? null;
    },

    async rotateWebhookSecret(team) {
      const { rows } = await client.query<{ webhook_secret: string }>(
        'UPDATE teams SET webhook_secret = $2 WHERE id = $1 RETURNING webhook_secret',
        [team, newHashSecret()],
      );
      if (!rows[0]) throw new Error(`no team ${team}`);
      return rows[0].webhook_secret;
    },
  };
  return repository;
}
