import { createServer, type RequestListener } from 'node:http';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifySchema } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Database } from './db/database';
import { LATEST_MIGRATION } from './db/migrations';
import { createGuard } from './http/access';
import { registerBodyParsers } from './http/body-parsers';
import { corsHeaders } from './http/cors';
import {
  createClientErrorHandler,
  createErrorHandler,
  createFrameworkErrorHandler,
  createNotFoundHandler,
  shortPath,
  type HttpTimeouts,
} from './http/errors';
import { HttpError } from './http/http-error';
import './http/request-state';
import type { Projector } from './ingest/projector';
import type { Logger } from './log';
import type { CollectorMetrics } from './metrics';
import type { RateLimiter } from './rate-limit';
import { registerAdapterRoutes } from './routes/adapters';
import { registerCxRoutes } from './routes/cx';
import { registerEventRoutes } from './routes/events';
import { registerInstallRoutes } from './routes/installs';
import { registerMetaRoutes } from './routes/meta';
import { registerPolicyRoutes } from './routes/policy';
import { registerReportRoutes } from './routes/reports';
import type { CollectorApp } from './routes/route';

/** What the routes are built from; once per server. */
export type AppDeps = {
  db: Database;
  log: Logger;
  /** Milliseconds since the epoch; injectable so time-window tests need no real clock. */
  now: () => number;
  /** Per token for guarded routes, per team for webhooks with the right secret. */
  rateLimit: RateLimiter;
  /** Per source address, for webhook calls without the right secret. */
  webhookFailures: RateLimiter;
  /** Largest JSON body (uncompressed and on the wire); the CX import sets its own. */
  maxBodyBytes: number;
  /** Ingest queues events for projection (ingest/projector.ts). */
  projector: Pick<Projector, 'kick'>;
  /** True once shutdown began: every new request gets 503. */
  isShuttingDown: () => boolean;
  /**
   * Reverse proxies whose X-Forwarded-For names the client (addresses or CIDR ranges); without
   * them every request behind a proxy comes from the proxy, and per-source limits lump callers.
   */
  trustProxy?: readonly string[];
  /** Request and ingest counters for /metrics; none when omitted. */
  metrics?: Pick<CollectorMetrics, 'observeRequest' | 'countEvents'>;
};

const NO_METRICS: NonNullable<AppDeps['metrics']> = {
  observeRequest: () => {},
  countEvents: () => {},
};

/**
 * A stalled body is answered 408 within `requestTimeoutMs + checkIntervalMs` (issue #13: within
 * 10 s). Eight seconds for a whole request still lets a 1 MB batch through at 125 KB/s, and the
 * extension's batches are far smaller once gzipped.
 */
export const HTTP_TIMEOUTS: HttpTimeouts = {
  requestTimeoutMs: 8_000,
  headersTimeoutMs: 5_000,
  checkIntervalMs: 500,
  maxHeaderBytes: 16_384,
};

/** The collector's HTTP layer: Fastify with zod schemas, JSON errors and one log line each. */
export async function buildApp(deps: AppDeps): Promise<CollectorApp> {
  const { log } = deps;
  const app = Fastify({
    logger: false,
    bodyLimit: deps.maxBodyBytes,
    ...(deps.trustProxy?.length ? { trustProxy: [...deps.trustProxy] } : {}),
    // HEAD is not part of the API; unknown methods on a known path get 405.
    exposeHeadRoutes: false,
    return503OnClosing: false,
    forceCloseConnections: true,
    serverFactory: (handler: RequestListener) =>
      createServer(
        {
          requestTimeout: HTTP_TIMEOUTS.requestTimeoutMs,
          headersTimeout: HTTP_TIMEOUTS.headersTimeoutMs,
          connectionsCheckingInterval: HTTP_TIMEOUTS.checkIntervalMs,
          maxHeaderSize: HTTP_TIMEOUTS.maxHeaderBytes,
          keepAliveTimeout: 5_000,
        },
        handler,
      ),
    clientErrorHandler: createClientErrorHandler(log, HTTP_TIMEOUTS),
    frameworkErrors: createFrameworkErrorHandler(log),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerBodyParsers(app);
  app.decorateRequest('principal', null);
  app.decorateRequest('webhookTeam', null);
  app.decorateRequest('logFields', null as never);
  app.decorateRequest('errorCode', null);

  app.addHook('onRequest', async (request) => {
    request.logFields = {};
    if (deps.isShuttingDown()) {
      throw new HttpError(503, 'shutting_down', 'the collector is shutting down; retry shortly', {
        'Retry-After': '5',
        Connection: 'close',
      });
    }
  });
  app.addHook('onSend', async (request, reply) => {
    reply.headers(corsHeaders(request.headers));
  });
  const metrics = deps.metrics ?? NO_METRICS;
  app.addHook('onResponse', async (request, reply) => {
    // The route's pattern keeps the label set bounded; anything unrouted counts as one.
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.observeRequest(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
    log.info('request', {
      method: request.method,
      path: shortPath(request.url.split('?', 1)[0]!),
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 10) / 10,
      team: request.principal?.team,
      ...request.logFields,
      ...(request.errorCode ? { error: request.errorCode } : {}),
    });
  });
  app.setErrorHandler(createErrorHandler(log));

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Touchpoint collector',
        version: '1',
        description:
          'Events in, team policy and reports out. Bearer tokens from `collector token create`; every error is `{error, message}`.',
      },
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      },
    },
    transform: jsonSchemaTransform,
  });

  const { db, now } = deps;
  const guard = createGuard({ credentials: db, rateLimit: deps.rateLimit, now });
  const methodsByPath = new Map<string, string[]>();
  const routes: { method: string; url: string; schema: FastifySchema | undefined }[] = [];
  app.decorate('registeredRoutes', routes);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    methodsByPath.set(route.url, [...(methodsByPath.get(route.url) ?? []), ...methods]);
    for (const method of methods) routes.push({ method, url: route.url, schema: route.schema });
  });
  registerEventRoutes(app, { guard, events: db, projector: deps.projector, metrics, now });
  registerInstallRoutes(app, { guard, installs: db, now });
  registerPolicyRoutes(app, { guard, policies: db, teams: db, now });
  registerAdapterRoutes(app, { guard, adapters: db, policies: db, now });
  registerReportRoutes(app, { guard, policies: db, installs: db, reports: db, now });
  registerCxRoutes(app, {
    guard,
    teams: db,
    cx: db,
    rateLimit: deps.rateLimit,
    webhookFailures: deps.webhookFailures,
    now,
  });
  registerMetaRoutes(app, {
    guard,
    engine: db.engine,
    ping: () => db.ping(),
    pendingMigrations: () => db.pendingMigrations(),
    schemaVersion: LATEST_MIGRATION,
    openApiDocument: () => app.swagger(),
  });
  app.setNotFoundHandler(createNotFoundHandler(methodsByPath));
  await app.ready();
  return app;
}
