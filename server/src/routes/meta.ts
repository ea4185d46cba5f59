import { z } from 'zod';
import { API_PATHS, healthSchema, whoamiSchema } from '../../../contract/api';
import { ANY_ROLE, principalOf, type Guard } from '../http/access';
import { HttpError } from '../http/http-error';
import { errorResponses, GUARDED, type CollectorApp } from './route';

export type MetaRouteDeps = {
  guard: Guard;
  engine: 'pglite' | 'postgres';
  ping(): Promise<void>;
  /** The OpenAPI document @fastify/swagger generates from the routes' schemas. */
  openApiDocument(): unknown;
};

export function registerMetaRoutes(app: CollectorApp, deps: MetaRouteDeps): void {
  /** `GET /v1/health`: no token; 503 when the database does not answer. */
  app.route({
    method: 'GET',
    url: API_PATHS.health,
    schema: {
      summary: 'Liveness and database reachability',
      response: { 200: healthSchema, ...errorResponses() },
    },
    async handler() {
      try {
        await deps.ping();
      } catch {
        throw new HttpError(503, 'unavailable', 'database unreachable');
      }
      return { status: 'ok' as const, database: deps.engine };
    },
  });

  /** `GET /v1/openapi.json`: no token. */
  app.route({
    method: 'GET',
    url: API_PATHS.openapi,
    schema: {
      summary: 'This document',
      response: {
        200: z.record(z.string(), z.unknown()).describe('OpenAPI 3.1'),
        ...errorResponses(),
      },
    },
    async handler() {
      return deps.openApiDocument() as Record<string, unknown>;
    },
  });

  /** `GET /v1/whoami`: any valid token. */
  app.route({
    method: 'GET',
    url: API_PATHS.whoami,
    schema: {
      summary: 'The team, role and name of the presented token',
      response: { 200: whoamiSchema, ...errorResponses(...GUARDED) },
    },
    onRequest: deps.guard({ roles: ANY_ROLE, action: 'ask who it is' }),
    async handler(request) {
      const { team, role, tokenName } = principalOf(request);
      return { team, role, tokenName };
    },
  });
}
