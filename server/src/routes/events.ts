import { API_PATHS, ingestRequestSchema, ingestResponseSchema } from '../../../contract/api';
import type { EventsRepository } from '../db/events-repository';
import { ANY_ROLE, principalOf, type Guard } from '../http/access';
import { checkBodyHeaders, JSON_BODY } from '../http/body-parsers';
import type { Projector } from '../ingest/projector';
import { planBatch, summariseBatch } from '../ingest/validate-batch';
import { errorResponses, GUARDED, WITH_BODY, type CollectorApp } from './route';

export type EventRouteDeps = {
  guard: Guard;
  events: Pick<EventsRepository, 'insertEvents'>;
  /** Projects queued events after a batch stored some (ingest/projector.ts). */
  projector: Pick<Projector, 'kick'>;
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
    onRequest: deps.guard({ roles: ANY_ROLE, action: 'send events' }),
    preParsing: checkBodyHeaders([JSON_BODY]),
    async handler(request, reply) {
      const principal = principalOf(request);
      const envelope = request.body;
      const now = deps.now();
      const plan = planBatch(envelope.events, now);
      const storedIds = await deps.events.insertEvents(
        principal.team,
        envelope.agentId,
        plan.accepted,
        new Date(now),
      );
      if (storedIds.size > 0) deps.projector.kick();
      const response = summariseBatch(plan, storedIds);
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
