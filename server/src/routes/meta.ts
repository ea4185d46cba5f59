import { z } from 'zod';
import { API_PATHS, healthSchema, readySchema, whoamiSchema } from '../../../contract/api';
import { ANY_ROLE, principalOf, type Guard } from '../http/access';
import { HttpError } from '../http/http-error';
import { errorResponses, GUARDED, type CollectorApp } from './route';

export type MetaRouteDeps = {
  guard: Guard;
  engine: 'pglite' | 'postgres';
  ping(): Promise<void>;
  /** Migrations the database lacks; empty when it is current. */
  pendingMigrations(): Promise<number[]>;
  /** The newest migration version this collector knows. */
  schemaVersion: number;
  /** The OpenAPI document @fastify/swagger generates from the routes' schemas. */
  openApiDocument(): unknown;
};

export function registerMetaRoutes(app: CollectorApp, deps: MetaRouteDeps): void {
  /**
   * `GET /v1/health`: no token. Liveness only: a database outage is not cured by restarting the
   * collector, so a supervisor (systemd, Kubernetes) watching this must not restart it for one;
   * /v1/ready says whether to send it traffic.
   */
  app.route({
    method: 'GET',
    url: API_PATHS.health,
    schema: {
      summary: 'Liveness: the collector process answers',
      response: { 200: healthSchema, ...errorResponses() },
    },
    async handler() {
      return { status: 'ok' as const, database: deps.engine };
    },
  });

  /** `GET /v1/ready`: no token; 503 while the database is unreachable or behind on migrations. */
  app.route({
    method: 'GET',
    url: API_PATHS.ready,
    schema: {
      summary: 'Readiness: database reachable and migrations current',
      response: { 200: readySchema, ...errorResponses() },
    },
    async handler() {
      let pending: number[];
      try {
        await deps.ping();
        pending = await deps.pendingMigrations();
      } catch {
        // The driver's message may name internal addresses; this route needs no token.
        throw new HttpError(503, 'not_ready', 'database unreachable');
      }
      if (pending.length > 0) {
        throw new HttpError(
          503,
          'not_ready',
          `database lacks migrations ${pending.join(', ')}: run "collector migrate"`,
        );
      }
      return { status: 'ready' as const, database: deps.engine, schemaVersion: deps.schemaVersion };
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
