import type { FastifyInstance } from 'fastify';
import type { CollectorMetrics } from '../metrics';

/** Where Prometheus scrapes, on the separate metrics listener (TOUCHPOINT_METRICS_PORT). */
export const METRICS_PATH = '/metrics';

export type MetricsRouteDeps = { metrics: Pick<CollectorMetrics, 'scrape' | 'contentType'> };

/**
 * `GET /metrics`: Prometheus text format, no token. It is served only on its own address, off
 * unless configured, and bound to 127.0.0.1 by default (docs/deploy.md, "Metrics"): the API port
 * faces the extensions through the proxy, the metrics port only the monitoring network.
 */
export function registerMetricsRoutes(app: FastifyInstance, deps: MetricsRouteDeps): void {
  app.route({
    method: 'GET',
    url: METRICS_PATH,
    async handler(_request, reply) {
      const text = await deps.metrics.scrape();
      return reply.type(deps.metrics.contentType).send(text);
    },
  });
}
