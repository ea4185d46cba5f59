import { API_PATHS, ingestRequestSchema, ingestResponseSchema } from '../../../contract/api';
import type { EventsRepository } from '../db/events-repository';
import { principalOf, type Guard } from '../http/access';
import type { Principal } from '../http/authenticate';
import { checkBodyHeaders, JSON_BODY } from '../http/body-parsers';
import { HttpError } from '../http/http-error';
import type { Projector } from '../ingest/projector';
import type { CollectorMetrics } from '../metrics';
import { planBatch, summariseBatch } from '../ingest/validate-batch';
import { errorResponses, GUARDED, WITH_BODY, type CollectorApp } from './route';

export type EventRouteDeps = {
  guard: Guard;
  events: Pick<EventsRepository, 'insertEvents'>;
  /** Projects queued events after a batch stored some (ingest/projector.ts). */
  projector: Pick<Projector, 'kick'>;
  metrics: Pick<CollectorMetrics, 'countEvents'>;
  now: () => number;
};

/** `POST /v1/events`: idempotent on (team, event id); 422 when any event was rejected. */
export function registerEventRoutes(app: CollectorApp, deps: EventRouteDeps): void {
  app.route({
    method: 'POST',
    url: API_PATHS.events,
    schema: {
      summary: 'Store a batch of events, each once',
      body: ingestRequestSchema.strict(),
      response: {
        200: ingestResponseSchema,
        422: ingestResponseSchema,
        ...errorResponses(...GUARDED, ...WITH_BODY),
      },
    },
    onRequest: deps.guard({ roles: ['agent'], action: 'send events' }),
    preParsing: checkBodyHeaders([JSON_BODY]),
    async handler(request, reply) {
      const envelope = request.body;
      const install = senderOf(principalOf(request), envelope.agentId);
      const now = deps.now();
      const plan = planBatch(envelope.events, now);
      const storedIds = await deps.events.insertEvents(
        principalOf(request).team,
        install.agentId,
        plan.accepted,
        new Date(now),
        install.id,
      );
      if (storedIds.size > 0) deps.projector.kick();
      const response = summariseBatch(plan, storedIds);
      deps.metrics.countEvents(response);
      Object.assign(request.logFields, {
        events: envelope.events.length,
        stored: response.stored,
        duplicates: response.duplicates,
        rejected: response.rejected,
      });
      return reply.code(response.rejected > 0 ? 422 : 200).send(response);
    },
  });
}

/**
 * The install the events are stored for (PRODUCT.md privacy rule 5): the agent comes from the
 * credential, and an envelope naming anyone else is refused whole, before anything is stored.
 */
function senderOf(principal: Principal, claimedAgentId: string | null) {
  const { install } = principal;
  if (!install) {
    throw new HttpError(
      403,
      'forbidden',
      'only an install credential may send events: the extension enrols with this token first (POST /v1/enrol)',
    );
  }
  if (claimedAgentId !== install.agentId) {
    const bound = install.agentId === null ? 'no agent (anonymous)' : `agent "${install.agentId}"`;
    throw new HttpError(
      403,
      'agent_mismatch',
      `this install is bound to ${bound}; it may not send events for ${claimedAgentId === null ? 'no agent' : `"${claimedAgentId}"`}`,
    );
  }
  return install;
}
