import { API_PATHS, ingestRequestSchema } from '../../../contract/api';
import { parseOr400 } from '../http/http-error';
import { planBatch, summariseBatch } from '../ingest/validate-batch';
import { ANY_ROLE, type AuthedRoute } from './route';

/** `POST /v1/events`: idempotent on (team, event id); 422 when any event was rejected. */
export const ingestRoute: AuthedRoute = {
  method: 'POST',
  path: API_PATHS.events,
  access: ANY_ROLE,
  action: 'send events',
  async handle({ principal, deps, readJson }) {
    const envelope = parseOr400(ingestRequestSchema, await readJson(), 'request body');
    const now = deps.now();
    const plan = planBatch(envelope.events, now);
    const storedIds = await deps.db.insertEvents(
      principal.team,
      envelope.agentId,
      plan.accepted,
      new Date(now),
    );
    if (storedIds.size > 0) deps.projector.kick();
    const response = summariseBatch(plan, storedIds);
    return {
      status: response.rejected > 0 ? 422 : 200,
      body: response,
      logFields: {
        events: envelope.events.length,
        stored: response.stored,
        duplicates: response.duplicates,
        rejected: response.rejected,
      },
    };
  },
};
