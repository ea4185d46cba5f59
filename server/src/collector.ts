import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { INGEST_LIMITS } from '../../contract/api';
import { buildApp } from './app';
import type { Database } from './db/database';
import { openDatabase } from './db/open-database';
import { createProjector } from './ingest/projector';
import { createLogger, type Logger, type LoggerOptions } from './log';
import { createCollectorMetrics } from './metrics';
import { registerMetricsRoutes } from './routes/metrics';
import {
  createRateLimiter,
  DEFAULT_RATE_LIMIT,
  WEBHOOK_FAILURE_LIMIT,
  type RateLimitOptions,
} from './rate-limit';

export type CollectorOptions = {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** PGlite data folder; with neither this nor `databaseUrl` nor `db`, an in-memory PGlite. */
  dataDir?: string;
  /** PostgreSQL; wins over `dataDir`. */
  databaseUrl?: string;
  /** An open database to use instead; `close()` leaves it open for its owner. */
  db?: Database;
  /** PostgreSQL pool size (default 10). */
  maxConnections?: number;
  /** Apply missing migrations at start (default true); see DatabaseOptions.migrate. */
  migrate?: boolean;
  /** Reverse proxies whose X-Forwarded-For is believed (TOUCHPOINT_TRUST_PROXY). */
  trustProxy?: readonly string[];
  /** Serve GET /metrics on this separate address (port 0: a free one); off when omitted. */
  metrics?: { port: number; host?: string };
  rateLimit?: RateLimitOptions;
  /** Webhook calls without the right secret, per source address. */
  webhookFailureLimit?: RateLimitOptions;
  /** A logger, or options for the default JSON-lines one (`{ level: 'silent' }` in tests). */
  log?: Logger | LoggerOptions;
  now?: () => number;
  /** How long `close()` waits for in-flight requests before cutting connections. */
  shutdownTimeoutMs?: number;
};

export type RunningCollector = {
  url: string;
  port: number;
  /** Base URL of the metrics listener, when `metrics` was given. */
  metricsUrl?: string;
  db: Database;
  log: Logger;
  /** Graceful: new requests get 503, in-flight ones finish, then the database closes. */
  close(): Promise<void>;
};

const isLogger = (log: CollectorOptions['log']): log is Logger =>
  typeof (log as Logger | undefined)?.info === 'function';

/** Starts the collector on `host:port` and resolves once it listens. */
export async function startCollector(options: CollectorOptions = {}): Promise<RunningCollector> {
  const log = isLogger(options.log) ? options.log : createLogger(options.log);
  const ownsDb = !options.db;
  const db =
    options.db ??
    (await openDatabase({
      ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
      ...(options.maxConnections ? { maxConnections: options.maxConnections } : {}),
      ...(options.migrate === false ? { migrate: false } : {}),
      onError: (error) => log.error('database connection error', { error: error.message }),
    }));

  const projector = createProjector({
    projectChunk: () => db.projectPending(),
    onError: (error) =>
      log.error('projection failed; the events stay queued', {
        error: error instanceof Error ? error.message : String(error),
      }),
  });
  // Events a previous run stored but did not project yet.
  projector.kick();

  const metrics = createCollectorMetrics(
    {
      projectionBacklog: () => db.projectionBacklog(),
      connections: () => db.sql.connections(),
      now: options.now ?? Date.now,
    },
    { processMetrics: options.metrics !== undefined },
  );

  let shuttingDown = false;
  let inFlight = 0;
  let drained: (() => void) | undefined;
  const app = await buildApp({
    db,
    log,
    now: options.now ?? Date.now,
    rateLimit: createRateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT),
    webhookFailures: createRateLimiter(options.webhookFailureLimit ?? WEBHOOK_FAILURE_LIMIT),
    maxBodyBytes: INGEST_LIMITS.maxBodyBytes,
    projector,
    isShuttingDown: () => shuttingDown,
    metrics,
    ...(options.trustProxy ? { trustProxy: options.trustProxy } : {}),
  });
  const server = app.server;
  server.on('request', (_req, res) => {
    inFlight++;
    res.on('close', () => {
      inFlight--;
      if (inFlight === 0) drained?.();
    });
  });

  const metricsApp = options.metrics ? Fastify({ logger: false }) : undefined;
  const host = options.host ?? '127.0.0.1';
  let metricsUrl: string | undefined;
  try {
    await app.listen({ port: options.port ?? 0, host });
    if (metricsApp && options.metrics) {
      registerMetricsRoutes(metricsApp, { metrics });
      metricsApp.setNotFoundHandler((_request, reply) =>
        reply.code(404).send({ error: 'not_found', message: 'only GET /metrics is served here' }),
      );
      const metricsHost = options.metrics.host ?? '127.0.0.1';
      await metricsApp.listen({ port: options.metrics.port, host: metricsHost });
      const { port: metricsPort } = metricsApp.server.address() as AddressInfo;
      metricsUrl = `http://${urlHostOf(metricsHost)}:${metricsPort}`;
    }
  } catch (error) {
    await metricsApp?.close();
    await app.close();
    await projector.close();
    if (ownsDb) await db.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const url = `http://${urlHostOf(host)}:${port}`;
  log.info('listening', {
    url,
    database: db.engine,
    ...(metricsUrl ? { metrics: metricsUrl } : {}),
  });

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      shuttingDown = true;
      // Keep listening while batches finish, so requests arriving meanwhile get a clear 503.
      if (inFlight > 0) {
        await new Promise<void>((resolve) => {
          drained = resolve;
          setTimeout(resolve, options.shutdownTimeoutMs ?? 10_000).unref();
        });
      }
      server.closeAllConnections();
      await metricsApp?.close();
      await app.close();
      await projector.close();
      if (ownsDb) await db.close();
      log.info('stopped');
    })());

  return { url, port, ...(metricsUrl ? { metricsUrl } : {}), db, log, close };
}

const urlHostOf = (host: string) => (host.includes(':') ? `[${host}]` : host);
