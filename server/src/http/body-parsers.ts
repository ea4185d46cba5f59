import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest, RequestPayload } from 'fastify';
import { HttpError } from './http-error';

// Request bodies (issue #12, item 5): Fastify reads them within each route's `bodyLimit` (413 on
// the wire); these parsers inflate gzip within the same limit (a small "gzip bomb" never gets to
// expand) and parse JSON refusing `__proto__` keys, which would otherwise replace the prototype
// of the object a schema builds (issue #13: a policy wiped to `{}`).

/** A body type a route accepts, by media type. */
export type BodyType = { name: string; pattern: RegExp };

export const JSON_BODY: BodyType = {
  name: 'application/json',
  pattern: /^application\/json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i,
};
export const CSV_BODY: BodyType = {
  name: 'text/csv',
  pattern: /^text\/csv\s*(;\s*(charset\s*=\s*"?utf-8"?|header\s*=\s*present)\s*)*$/i,
};

export const tooLarge = (maxBytes: number) =>
  new HttpError(413, 'payload_too_large', `request body is larger than ${maxBytes} bytes`);

/**
 * Checks the declared type and encoding before any byte is read (415), for routes with a body.
 * Fastify calls it as a `preParsing` hook.
 */
export function checkBodyHeaders(types: readonly BodyType[]) {
  return async (request: FastifyRequest, _reply: FastifyReply, payload: RequestPayload) => {
    const type = request.headers['content-type'];
    if (!type || !types.some(({ pattern }) => pattern.test(type.trim()))) {
      throw new HttpError(
        415,
        'unsupported_media_type',
        `content-type must be ${types.map(({ name }) => name).join(' or ')} (got ${type ? JSON.stringify(type.slice(0, 100)) : 'none'})`,
      );
    }
    const encoding = (request.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
    if (encoding !== 'identity' && encoding !== 'gzip') {
      throw new HttpError(
        415,
        'unsupported_media_type',
        `content-encoding must be gzip or identity (got ${JSON.stringify(encoding.slice(0, 100))})`,
      );
    }
    return payload;
  };
}

const gunzipAsync = promisify(gunzip);

async function decodedBody(request: FastifyRequest, raw: Buffer): Promise<Buffer> {
  const maxBytes = request.routeOptions.bodyLimit;
  const gzip = (request.headers['content-encoding'] ?? '').trim().toLowerCase() === 'gzip';
  let body = raw;
  if (gzip) {
    try {
      body = await gunzipAsync(raw, { maxOutputLength: maxBytes });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
        throw tooLarge(maxBytes);
      throw new HttpError(
        400,
        'bad_request',
        `body is not valid gzip: ${(error as Error).message}`,
      );
    }
  }
  if (body.length === 0) throw new HttpError(400, 'bad_request', 'request body is empty');
  return body;
}

// Keys that JSON.parse keeps as own properties but that an assignment would turn into the
// prototype; escaped spellings (`"\u005f_proto__"`) decode to the same key.
const FORBIDDEN_KEY =
  /"(?:_|\\u005[fF])(?:_|\\u005[fF])(?:p|\\u0070)(?:r|\\u0072)(?:o|\\u006[fF])(?:t|\\u0074)(?:o|\\u006[fF])(?:_|\\u005[fF])(?:_|\\u005[fF])"\s*:/;

/** JSON.parse, with 400s that say what is wrong: malformed text or a `__proto__` key. */
export function parseJsonText(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new HttpError(
      400,
      'bad_request',
      `malformed JSON: ${(error as Error).message.slice(0, 200)}`,
    );
  }
  // The scan runs only when the raw text may hold the key, so ordinary bodies pay one regex.
  if (FORBIDDEN_KEY.test(text) && holdsProtoKey(value)) {
    throw new HttpError(400, 'bad_request', 'request body: unknown key "__proto__"');
  }
  return value;
}

function holdsProtoKey(value: unknown): boolean {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (next === null || typeof next !== 'object') continue;
    if (!Array.isArray(next) && Object.prototype.hasOwnProperty.call(next, '__proto__'))
      return true;
    // One by one: spreading a large array into push overflows the stack (a 400 became a 500).
    for (const child of Object.values(next)) pending.push(child);
  }
  return false;
}

/** Replaces Fastify's body parsers with the collector's: JSON and CSV, gzip or identity. */
export function registerBodyParsers(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer' },
    async (request: FastifyRequest, raw: Buffer) =>
      parseJsonText((await decodedBody(request, raw)).toString('utf8')),
  );
  // CSV arrives as text; the CX import parses it row by row.
  app.addContentTypeParser(
    'text/csv',
    { parseAs: 'buffer' },
    async (request: FastifyRequest, raw: Buffer) =>
      (await decodedBody(request, raw)).toString('utf8'),
  );
}
