import type { FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { Role } from '../../../contract/api';
import type { RateLimiter } from '../rate-limit';
import { authenticate, requireRole, type CredentialLookup, type Principal } from './authenticate';
import { HttpError } from './http-error';

/** Roles of the token's team that may call a route, and what the 403 says it may not do. */
export type Access = { roles: readonly Role[]; action: string };

export const ANY_ROLE: readonly Role[] = ['agent', 'supervisor', 'admin'];
export const SUPERVISORS: readonly Role[] = ['supervisor', 'admin'];

export type GuardDeps = {
  credentials: CredentialLookup;
  rateLimit: RateLimiter;
  now: () => number;
};

/**
 * The `onRequest` hook of a route that needs a token: who is calling (401), may they (403), not
 * too often (429, per token). It runs before the body is read, so a refused caller costs no
 * parsing.
 */
export function createGuard(deps: GuardDeps) {
  return ({ roles, action }: Access): onRequestAsyncHookHandler =>
    async (request) => {
      const principal = await authenticate(request.headers, deps.credentials);
      request.principal = principal;
      requireRole(principal, roles, action);
      const decision = deps.rateLimit(principal.tokenId, deps.now());
      if (!decision.allowed) {
        throw new HttpError(
          429,
          'rate_limited',
          `too many requests for this token; retry in ${decision.retryAfterSeconds} s`,
          { 'Retry-After': String(decision.retryAfterSeconds) },
        );
      }
    };
}
export type Guard = ReturnType<typeof createGuard>;

/** The caller of a guarded route; the guard has set it before any handler runs. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new Error(`${request.url}: route has no guard`);
  return request.principal;
}
