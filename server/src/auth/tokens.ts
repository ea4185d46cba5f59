import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { collectorTokenSchema, ROLES, type Role } from '../../../contract/api';
import type { Database, TokenRecord } from '../db/database';

/** Team ids appear in URLs of later reports and in CLI arguments: keep them plain. */
export const teamIdSchema = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9_-]{0,99}$/,
    'must be 1-100 of a-z, 0-9, "_" and "-", starting with a letter or digit',
  );

export const tokenNameSchema = z.string().trim().min(1).max(100);

/** `tp_` + 32 random bytes in base64url: 46 characters, accepted by the `collectorToken` setting. */
export function generateToken(): string {
  const token = `tp_${randomBytes(32).toString('base64url')}`;
  // The extension refuses tokens its setting does not accept; fail here rather than there.
  collectorTokenSchema.parse(token);
  return token;
}

/** Only this hash is stored: a database leak does not leak usable tokens. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export type IssuedToken = { token: string; record: TokenRecord; teamCreated: boolean };

/** Creates the team when it is new, then a token for it; the secret is returned only here. */
export async function issueToken(
  db: Database,
  request: { team: string; role: Role; name?: string },
): Promise<IssuedToken> {
  const team = teamIdSchema.parse(request.team);
  const role = z.enum(ROLES).parse(request.role);
  const ensured = await db.ensureTeam(team);
  const token = generateToken();
  const name = tokenNameSchema.parse(request.name ?? `${role}-${hashToken(token).slice(0, 6)}`);
  const record = await db.createToken({ team, role, name, tokenHash: hashToken(token) });
  return { token, record, teamCreated: ensured.created };
}
