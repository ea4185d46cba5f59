import type { IncomingHttpHeaders } from 'node:http';
import type { Role } from '../../../contract/api';
import { hashToken } from '../auth/tokens';
import type { TeamsRepository } from '../db/teams-repository';
import { HttpError } from './http-error';

/** Who is calling: derived from the token, never from anything else in the request. */
export type Principal = { tokenId: string; team: string; role: Role; tokenName: string };

const CHALLENGE = { 'WWW-Authenticate': 'Bearer realm="touchpoint-collector"' };
// The scheme name is case-insensitive (RFC 9110 §11.1).
const BEARER = /^Bearer +([A-Za-z0-9_-]{20,200})$/i;

export async function authenticate(
  headers: IncomingHttpHeaders,
  tokens: Pick<TeamsRepository, 'findTokenByHash'>,
): Promise<Principal> {
  const header = headers.authorization;
  if (!header) {
    throw new HttpError(
      401,
      'unauthorized',
      'missing bearer token (Authorization: Bearer <token>)',
      CHALLENGE,
    );
  }
  const match = BEARER.exec(header.trim());
  if (!match) {
    throw new HttpError(401, 'unauthorized', 'Authorization must be "Bearer <token>"', CHALLENGE);
  }
  const token = await tokens.findTokenByHash(hashToken(match[1]!));
  if (!token || token.revokedAt) {
    throw new HttpError(401, 'unauthorized', 'unknown or revoked token', CHALLENGE);
  }
  return { tokenId: token.id, team: token.team, role: token.role, tokenName: token.name };
}

export function requireRole(principal: Principal, roles: readonly Role[], action: string): void {
  if (!roles.includes(principal.role)) {
    throw new HttpError(
      403,
      'forbidden',
      `a ${principal.role} token may not ${action} (needs ${roles.join(' or ')})`,
    );
  }
}
