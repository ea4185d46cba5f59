import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ErrorResponse } from '../../../contract/api';
import type { Logger } from '../log';
import { tooLarge } from './body-parsers';
import { corsHeaders, preflightHeaders } from './cors';
import { describeValidation, HttpError, PART_NAMES } from './http-error';

// Every error answer is the contract's `errorResponseSchema` (`{error, message}`) with a 4xx or
// 5xx status (issue #12, item 5; issue #13, item 3): route errors, Fastify's own (body limit,
// media type, validation), unknown paths and methods, and HTTP that never becomes a request
// (bad framing, oversized headers, a body that stalls), which is answered on the raw socket.

/** The contract caps `message` at 2,000 characters and `error` at 100. */
const MAX_MESSAGE = 2000;
/** Paths can be kilobytes long: messages and log lines quote only their start. */
export const shortPath = (path: string) => (path.length > 200 ? `${path.slice(0, 200)}…` : path);

/** `payload_too_large` from 413, for Fastify errors that carry only a status. */
const codeOf = (status: number) =>
  (STATUS_CODES[status] ?? 'error')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');

const errorBody = (code: string, message: string): ErrorResponse => ({
  error: code.slice(0, 100),
  message: message.slice(0, MAX_MESSAGE),
});

/** Any error a request raised, as the HTTP error to answer with; null for a 5xx (a bug). */
export function toHttpError(error: unknown, request: FastifyRequest): HttpError | null {
  if (error instanceof HttpError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const part = PART_NAMES[error.validationContext ?? 'body'] ?? 'request';
    return new HttpError(400, 'bad_request', `${part}: ${describeValidation(error.validation)}`);
  }
  const fastifyError = error as Partial<FastifyError>;
  if (fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return tooLarge(request.routeOptions.bodyLimit);
  }
  if (fastifyError.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    const type = request.headers['content-type'];
    return new HttpError(
      415,
      'unsupported_media_type',
      `no endpoint here reads ${type ? JSON.stringify(type.slice(0, 100)) : 'a body without content-type'}`,
    );
  }
  const status = fastifyError.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new HttpError(status, codeOf(status), fastifyError.message ?? codeOf(status));
  }
  return null;
}

/** Fastify's error handler: the HTTP error as JSON; anything else a logged 500. */
export function createErrorHandler(log: Logger) {
  return (error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const known = toHttpError(error, request);
    if (known) {
      request.errorCode = known.code;
      return reply
        .code(known.status)
        .headers(known.headers)
        .send(errorBody(known.code, known.message));
    }
    log.error('unhandled error', {
      path: shortPath(request.url.split('?', 1)[0]!),
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
    request.errorCode = 'internal';
    return reply.code(500).send(errorBody('internal', 'internal error'));
  };
}

/**
 * Requests no route takes: CORS preflights (answered for any path, as before any route), 405
 * with `Allow` for a known path and another method, 404 for the rest.
 */
export function createNotFoundHandler(methodsByPath: ReadonlyMap<string, readonly string[]>) {
  return (request: FastifyRequest, reply: FastifyReply) => {
    const preflight = preflightHeaders(request.method, request.headers);
    if (preflight) return reply.code(204).headers(preflight).send();
    const path = request.url.split('?', 1)[0]!;
    const allowed = methodsByPath.get(path);
    if (allowed) {
      throw new HttpError(
        405,
        'method_not_allowed',
        `${shortPath(path)} accepts ${allowed.join(', ')}`,
        {
          Allow: allowed.join(', '),
        },
      );
    }
    throw new HttpError(404, 'not_found', `no endpoint at ${shortPath(path)}`);
  };
}

/**
 * Errors Fastify meets before routing, e.g. a path that is not valid percent-encoding: no
 * endpoint can have it, so 404 like any other unknown path.
 */
export function createFrameworkErrorHandler(log: Logger) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const path = shortPath(request.raw.url ?? '/');
    const answer =
      error.code === 'FST_ERR_BAD_URL'
        ? errorBody('not_found', `no endpoint at ${path}`)
        : errorBody('bad_request', error.message);
    const status = error.code === 'FST_ERR_BAD_URL' ? 404 : 400;
    log.info('request', { method: request.raw.method, path, status, error: answer.error });
    void reply
      .code(status)
      .headers({
        ...corsHeaders(request.headers),
        'Content-Type': 'application/json; charset=utf-8',
      })
      .send(JSON.stringify(answer));
  };
}

/** What HTTP that never became a request gets, by Node's parser error code. */
function clientErrorAnswer(error: NodeJS.ErrnoException, timeouts: HttpTimeouts) {
  switch (error.code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return {
        status: 408,
        body: errorBody(
          'request_timeout',
          `the request did not arrive in time (headers within ${timeouts.headersTimeoutMs / 1000} s, all of it within ${timeouts.requestTimeoutMs / 1000} s)`,
        ),
      };
    case 'HPE_HEADER_OVERFLOW':
      return {
        status: 431,
        body: errorBody(
          'headers_too_large',
          `the request line and headers exceed ${timeouts.maxHeaderBytes} bytes`,
        ),
      };
    case 'HPE_INVALID_METHOD':
      return { status: 400, body: errorBody('bad_request', 'unknown HTTP method') };
    default:
      return {
        status: 400,
        body: errorBody(
          'bad_request',
          `malformed HTTP request (${error.code ?? 'parse error'}): ${String(error.message).slice(0, 200)}`,
        ),
      };
  }
}

/** The limits of HTTP itself, which Node enforces before any route runs. */
export type HttpTimeouts = {
  /** Headers and body of one request must have arrived by then (stalled bodies: 408). */
  requestTimeoutMs: number;
  headersTimeoutMs: number;
  /** How often Node checks the two above. */
  checkIntervalMs: number;
  /** Request line plus headers (a 20 KB URL: 431). */
  maxHeaderBytes: number;
};

/**
 * Fastify's `clientErrorHandler`: Node could not read a request (bad framing, oversized
 * headers, a body that did not arrive in time). Nothing has been answered on the socket yet
 * unless a response started, so the JSON answer is written raw and the connection closed.
 */
export function createClientErrorHandler(log: Logger, timeouts: HttpTimeouts) {
  return (error: NodeJS.ErrnoException, socket: Socket) => {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const started = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (!socket.writable || started?.headersSent) {
      socket.destroy(error);
      return;
    }
    const { status, body } = clientErrorAnswer(error, timeouts);
    const text = JSON.stringify(body);
    log.info('request', { status, error: body.error, detail: error.code });
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(text)}\r\n` +
        'Connection: close\r\n\r\n' +
        text,
    );
    // end() flushes the answer first; a client that never reads must not keep the socket.
    setTimeout(() => socket.destroy(), 1_000).unref();
  };
}
