import type { IncomingMessage } from 'node:http';
import { gunzip } from 'node:zlib';
import { HttpError } from './http-error';

const JSON_TYPE = /^application\/json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

const tooLarge = (maxBytes: number) =>
  new HttpError(413, 'payload_too_large', `request body is larger than ${maxBytes} bytes`);

/** Checks the declared type and encoding before any byte is read; returns whether it is gzip. */
export function checkBodyHeaders(
  req: IncomingMessage,
  maxBytes: number,
  types: readonly { name: string; pattern: RegExp }[] = [
    { name: 'application/json', pattern: JSON_TYPE },
  ],
): { gzip: boolean } {
  const type = req.headers['content-type'];
  if (!type || !types.some(({ pattern }) => pattern.test(type.trim()))) {
    throw new HttpError(
      415,
      'unsupported_media_type',
      `content-type must be ${types.map(({ name }) => name).join(' or ')} (got ${type ? JSON.stringify(type.slice(0, 100)) : 'none'})`,
    );
  }
  const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity' && encoding !== 'gzip') {
    throw new HttpError(
      415,
      'unsupported_media_type',
      `content-encoding must be gzip or identity (got ${JSON.stringify(encoding.slice(0, 100))})`,
    );
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  return { gzip: encoding === 'gzip' };
}

function readRaw(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        req.off('data', onData);
        // Keep draining without storing so the client can still read our 413.
        req.resume();
        reject(tooLarge(maxBytes));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
    // A client that hangs up mid-body must not leave this promise (and shutdown) waiting.
    req.on('close', () => {
      if (!req.complete) reject(new HttpError(400, 'bad_request', 'request body was cut off'));
    });
  });
}

function gunzipCapped(body: Buffer, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // maxOutputLength stops inflating at the cap: a small "gzip bomb" never gets to expand.
    gunzip(body, { maxOutputLength: maxBytes }, (error, result) => {
      if (!error) return resolve(result);
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        return reject(tooLarge(maxBytes));
      }
      reject(new HttpError(400, 'bad_request', `body is not valid gzip: ${error.message}`));
    });
  });
}

/**
 * Reads a JSON body: content type and encoding checked (415), at most `maxBytes` on the wire and
 * after gunzip (413), then parsed (400 naming the problem).
 */
export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const { gzip } = checkBodyHeaders(req, maxBytes);
  const raw = await readRaw(req, maxBytes);
  const body = gzip ? await gunzipCapped(raw, maxBytes) : raw;
  if (body.length === 0) throw new HttpError(400, 'bad_request', 'request body is empty');
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new HttpError(
      400,
      'bad_request',
      `malformed JSON: ${(error as Error).message.slice(0, 200)}`,
    );
  }
}

const CSV_TYPE = /^text\/csv\s*(;\s*(charset\s*=\s*"?utf-8"?|header\s*=\s*present)\s*)*$/i;

/**
 * Reads a CSV or JSON body with the same checks as `readJsonBody` (issue #7, CX import); JSON is
 * parsed, CSV returned as text.
 */
export async function readCsvOrJsonBody(
  req: IncomingMessage,
  maxBytes: number,
): Promise<{ type: 'csv'; text: string } | { type: 'json'; value: unknown }> {
  const { gzip } = checkBodyHeaders(req, maxBytes, [
    { name: 'text/csv', pattern: CSV_TYPE },
    { name: 'application/json', pattern: JSON_TYPE },
  ]);
  const csv = CSV_TYPE.test((req.headers['content-type'] ?? '').trim());
  const raw = await readRaw(req, maxBytes);
  const body = gzip ? await gunzipCapped(raw, maxBytes) : raw;
  if (body.length === 0) throw new HttpError(400, 'bad_request', 'request body is empty');
  const text = body.toString('utf8');
  if (csv) return { type: 'csv', text };
  try {
    return { type: 'json', value: JSON.parse(text) };
  } catch (error) {
    throw new HttpError(
      400,
      'bad_request',
      `malformed JSON: ${(error as Error).message.slice(0, 200)}`,
    );
  }
}
