import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ProjectionBacklog } from './db/events-repository';
import type { ConnectionCounts } from './db/sql-client';

// Prometheus metrics of one collector (issue #13, "Built to run in production"). Each collector
// has its own Registry, never prom-client's global one, so several collectors in one process
// (tests, benches) count apart. Gauges that need the database are read when scraped.

export type MetricsSources = {
  projectionBacklog(): Promise<ProjectionBacklog>;
  connections(): ConnectionCounts;
  now(): number;
};

export type CollectorMetrics = {
  /** One answered request; `route` is the route's pattern, never the raw URL (bounded labels). */
  observeRequest(method: string, route: string, status: number, seconds: number): void;
  /** The outcome of one ingest batch. */
  countEvents(counts: { stored: number; duplicates: number; rejected: number }): void;
  /** The text exposition format, gauges read now. */
  scrape(): Promise<string>;
  readonly contentType: string;
};

export type MetricsOptions = {
  /** Node process metrics (memory, CPU, event loop lag) as well: on when metrics are served. */
  processMetrics?: boolean;
};

/** Seconds; from a health check (under 5 ms) to a report over a million interactions (~2-4 s). */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function createCollectorMetrics(
  sources: MetricsSources,
  options: MetricsOptions = {},
): CollectorMetrics {
  const registry = new Registry();
  if (options.processMetrics) collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'touchpoint_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'touchpoint_http_request_duration_seconds',
    help: 'Time from request to the end of the answer, by method and route pattern',
    labelNames: ['method', 'route'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const events = new Counter({
    name: 'touchpoint_events_total',
    help: 'Events received in ingest batches, by outcome (stored, duplicate, rejected)',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  // Every outcome from 0, so a rate() over the first scrapes is not empty.
  for (const outcome of ['stored', 'duplicate', 'rejected']) events.inc({ outcome }, 0);
  const gauge = (name: string, help: string) => new Gauge({ name, help, registers: [registry] });
  const queued = gauge(
    'touchpoint_projection_queue_events',
    'Events stored but not yet projected into interactions and CX scores (all teams)',
  );
  const lag = gauge(
    'touchpoint_projection_lag_seconds',
    'Age of the oldest event waiting for projection; 0 when none wait',
  );
  const quarantined = gauge(
    'touchpoint_projection_quarantine_events',
    'Events whose projection failed, waiting in the quarantine (collector quarantine list)',
  );
  const databaseUp = gauge(
    'touchpoint_database_up',
    '1 when the last scrape could read the database, 0 when it could not',
  );
  const poolTotal = gauge(
    'touchpoint_db_pool_connections',
    'Database connections open (PGlite: always 1)',
  );
  const poolIdle = gauge('touchpoint_db_pool_idle_connections', 'Open connections not in use');
  const poolWaiting = gauge(
    'touchpoint_db_pool_waiting_requests',
    'Queries waiting for a free connection (pool at TOUCHPOINT_DB_POOL_MAX)',
  );

  async function readGauges() {
    const connections = sources.connections();
    poolTotal.set(connections.total);
    poolIdle.set(connections.idle);
    poolWaiting.set(connections.waiting);
    try {
      const backlog = await sources.projectionBacklog();
      queued.set(backlog.queuedEvents);
      quarantined.set(backlog.quarantined);
      lag.set(
        backlog.oldestQueuedAt
          ? Math.max(0, (sources.now() - backlog.oldestQueuedAt.getTime()) / 1000)
          : 0,
      );
      databaseUp.set(1);
    } catch {
      // The scrape still answers, so the alert is "database down", not "collector down".
      for (const unknown of [queued, quarantined, lag]) unknown.set(Number.NaN);
      databaseUp.set(0);
    }
  }

  return {
    observeRequest(method, route, status, seconds) {
      requests.inc({ method, route, status: String(status) });
      latency.observe({ method, route }, seconds);
    },
    countEvents(counts) {
      if (counts.stored) events.inc({ outcome: 'stored' }, counts.stored);
      if (counts.duplicates) events.inc({ outcome: 'duplicate' }, counts.duplicates);
      if (counts.rejected) events.inc({ outcome: 'rejected' }, counts.rejected);
    },
    async scrape() {
      await readGauges();
      return registry.metrics();
    },
    contentType: registry.contentType,
  };
}
