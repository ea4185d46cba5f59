import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { ErrorResponse } from '../../contract/api';
import { authenticate, requireRole, type Principal } from './http/authenticate';
import { corsHeaders, preflightHeaders } from './http/cors';
import { HttpError } from './http/http-error';
import { readJsonBody } from './http/read-body';
import { cxImportRoute, zendeskWebhookRoute } from './routes/cx';
import { ingestRoute } from './routes/events';
import { healthRoute, openApiRoute, whoamiRoute } from './routes/meta';
import { auditRoute, getPolicyRoute, putPolicyRoute } from './routes/policy';
import { reportCsvRoute, reportRoute } from './routes/reports';
import type { AppDeps, Reply, Route } from './routes/route';

/** Every endpoint, in one list (the OpenAPI test checks the document covers each path). */
export const ROUTES: readonly Route[] = [
  ingestRoute,
  getPolicyRoute,
  putPolicyRoute,
  auditRoute,
  reportRoute,
  reportCsvRoute,
  cxImportRoute,
  zendeskWebhookRoute,
  whoamiRoute,
  healthRoute,
  openApiRoute,
];

const errorBody = (code: string, message: string): ErrorResponse => ({ error: code, message });

function send(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { ...reply.headers };
  if (reply.text !== undefined) {
    res
      .writeHead(reply.status, {
        ...headers,
        'Content-Length': String(Buffer.byteLength(reply.text)),
      })
      .end(reply.text);
    return;
  }
  if (reply.body === undefined) {
    res.writeHead(reply.status, headers).end();
    return;
  }
  const text = JSON.stringify(reply.body);
  res
    .writeHead(reply.status, {
      ...headers,
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': String(Buffer.byteLength(text)),
    })
    .end(text);
}

async function route(
  req: IncomingMessage,
  deps: AppDeps,
  path: string,
  query: URLSearchParams,
  principalOut: { principal?: Principal },
): Promise<Reply> {
  const candidates = ROUTES.filter((candidate) => candidate.path === path);
  // A path can be kilobytes long: quote only its start so the message stays within the contract.
  const shown = path.length > 200 ? `${path.slice(0, 200)}…` : path;
  if (candidates.length === 0) throw new HttpError(404, 'not_found', `no endpoint at ${shown}`);
  const match = candidates.find((candidate) => candidate.method === req.method);
  if (!match) {
    const allowed = candidates.map((candidate) => candidate.method).join(', ');
    throw new HttpError(405, 'method_not_allowed', `${shown} accepts ${allowed}`, {
      Allow: allowed,
    });
  }
  const ctx = { req, deps, query, readJson: () => readJsonBody(req, deps.maxBodyBytes) };
  if (match.access === 'public') return match.handle(ctx);
  const principal = await authenticate(req, deps.db);
  principalOut.principal = principal;
  requireRole(principal, match.access, match.action);
  const decision = deps.rateLimit(principal.tokenId, deps.now());
  if (!decision.allowed) {
    throw new HttpError(
      429,
      'rate_limited',
      `too many requests for this token; retry in ${decision.retryAfterSeconds} s`,
      { 'Retry-After': String(decision.retryAfterSeconds) },
    );
  }
  return match.handle({ ...ctx, principal });
}

/** The collector's request handler: routing, auth, rate limit, JSON errors and one log line. */
export function createRequestHandler(deps: AppDeps, isShuttingDown: () => boolean) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const started = performance.now();
    const [path = '/', search = ''] = (req.url ?? '/').split('?', 2);
    const found: { principal?: Principal } = {};
    const finish = (reply: Reply, extra: Record<string, string> = {}) => {
      send(res, { ...reply, headers: { ...reply.headers, ...corsHeaders(req) } });
      deps.log.info('request', {
        method: req.method,
        path: path.slice(0, 200),
        status: reply.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
        team: found.principal?.team,
        ...reply.logFields,
        ...extra,
      });
    };
    const fail = (error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof HttpError) {
        finish(
          {
            status: error.status,
            body: errorBody(error.code, error.message),
            headers: error.headers,
          },
          { error: error.code },
        );
        return;
      }
      deps.log.error('unhandled error', {
        path: path.slice(0, 200),
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
      finish({ status: 500, body: errorBody('internal', 'internal error') }, { error: 'internal' });
    };
    if (isShuttingDown()) {
      fail(
        new HttpError(503, 'shutting_down', 'the collector is shutting down; retry shortly', {
          'Retry-After': '5',
          Connection: 'close',
        }),
      );
      return;
    }
    const preflight = preflightHeaders(req);
    if (preflight) {
      finish({ status: 204, headers: preflight });
      return;
    }
    route(req, deps, path, new URLSearchParams(search), found).then(finish, fail);
  };
}
