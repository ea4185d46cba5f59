import type { IncomingMessage } from 'node:http';
import type { Role } from '../../../contract/api';
import type { Database } from '../db/database';
import type { Projector } from '../ingest/projector';
import type { Principal } from '../http/authenticate';
import type { LogFields, Logger } from '../log';
import type { RateLimiter } from '../rate-limit';

/** What every handler may use; built once per server. */
export type AppDeps = {
  db: Database;
  log: Logger;
  /** Milliseconds since the epoch; injectable so time-window tests need no real clock. */
  now: () => number;
  rateLimit: RateLimiter;
  maxBodyBytes: number;
  /** Ingest queued events for projection (ingest/projector.ts). */
  projector: Pick<Projector, 'kick'>;
};

export type Reply = {
  status: number;
  /** JSON-serialised; omitted for 304. */
  body?: unknown;
  /** Sent as it is instead of `body` (CSV exports); the route sets Content-Type. */
  text?: string;
  headers?: Record<string, string>;
  /** Extra fields for the request's log line (counts, never secrets). */
  logFields?: LogFields;
};

export type RequestContext = {
  req: IncomingMessage;
  deps: AppDeps;
  query: URLSearchParams;
  readJson(): Promise<unknown>;
};

export type PublicRoute = {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  access: 'public';
  handle(ctx: RequestContext): Promise<Reply>;
};

export type AuthedRoute = {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  /** Roles of the token's team that may call it. */
  access: readonly Role[];
  /** For the 403 message: "a agent token may not <action>". */
  action: string;
  handle(ctx: RequestContext & { principal: Principal }): Promise<Reply>;
};

export type Route = PublicRoute | AuthedRoute;

export const ANY_ROLE: readonly Role[] = ['agent', 'supervisor', 'admin'];
export const SUPERVISORS: readonly Role[] = ['supervisor', 'admin'];
