import type { FastifySchema } from 'fastify';
import type { TeamRecord } from '../db/database';
import type { LogFields } from '../log';
import type { Principal } from './authenticate';

// What the collector's hooks learn about a request, for the handlers and the request's log line.
declare module 'fastify' {
  interface FastifyInstance {
    /** Every route, as registered: the OpenAPI test checks the document against it. */
    registeredRoutes: readonly { method: string; url: string; schema: FastifySchema | undefined }[];
  }
  interface FastifyRequest {
    /** Set by the guard of a route that needs a token (http/access.ts). */
    principal: Principal | null;
    /** The team whose webhook secret the request presented (routes/cx.ts). */
    webhookTeam: TeamRecord | null;
    /** Extra fields for the request's log line (counts, never secrets). */
    logFields: LogFields;
    /** The `error` code of the answer, when it is an error. */
    errorCode: string | null;
  }
}

export {};
