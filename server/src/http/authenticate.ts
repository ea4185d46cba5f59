import type { IncomingHttpHeaders } from 'node:http';
import type { Role } from '../../../contract/api';
import { hashToken } from '../auth/tokens';
import type { InstallsRepository } from '../db/installs-repository';
import type { TeamsRepository } from '../db/teams-repository';
import { HttpError } from './http-error';

/**
 * Who is calling: derived from the token, never from anything else in the request. `install` is
 * set for an install credential (issue #13): the agent its events are stored for.
 */
export type Principal = {
  tokenId: string;
  team: string;
  role: Role;
  tokenName: string;
  install: { id: string; agentId: string | null } | null;
};

export type CredentialLookup = Pick<TeamsRepository, 'findTokenByHash'> &
  Pick<InstallsRepository, 'findInstallByCredentialHash'>;

const CHALLENGE = { 'WWW-Authenticate': 'Bearer realm="touchpoint-collector"' };
// The scheme name is case-insensitive (RFC 9110 §11.1).
const BEARER = /^Bearer +([A-Za-z0-9_-]{20,200})$/i;

export async function authenticate(
  headers: IncomingHttpHeaders,
  credentials: CredentialLookup,
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
  const hash = hashToken(match[1]!);
  // Installs first: their credentials carry nearly every request (events, policy refreshes).
  const install = await credentials.findInstallByCredentialHash(hash);
  if (install) {
    if (install.revokedAt) {
      throw new HttpError(
        401,
        'install_revoked',
        "this install's credential was revoked; enrol again with the team's enrolment token",
        CHALLENGE,
      );
    }
    return {
      tokenId: install.id,
      team: install.team,
      role: 'agent',
      tokenName: `install ${install.id.slice(0, 8)}`,
      install: { id: install.id, agentId: install.agentId },
    };
  }
  const token = await credentials.findTokenByHash(hash);
  if (!token || token.revokedAt) {
    throw new HttpError(401, 'unauthorized', 'unknown or revoked token', CHALLENGE);
  }
  return {
    tokenId: token.id,
    team: token.team,
    role: token.role,
    tokenName: token.name,
    install: null,
  };
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
