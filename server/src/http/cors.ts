import type { IncomingHttpHeaders } from 'node:http';

// The extension calls the collector from its service worker and pages, whose origin is
// `chrome-extension://<id>` or `moz-extension://<uuid>`. Without a host permission for the
// collector (store builds cannot know its address), the browser lets it read the answers only
// with CORS. Tokens travel in the Authorization header, never in cookies, so no credentials mode.

const EXTENSION_ORIGIN = /^(chrome|moz|safari-web)-extension:\/\/[a-z0-9-]{1,64}$/i;

const PREFLIGHT_HEADERS = {
  'Access-Control-Allow-Methods': 'GET, POST, PUT, OPTIONS',
  'Access-Control-Allow-Headers':
    'Authorization, Content-Type, Content-Encoding, If-None-Match, If-Match',
  'Access-Control-Max-Age': '600',
};

/** Headers that let an extension origin read this answer; none for any other origin. */
export function corsHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const origin = headers.origin;
  if (typeof origin !== 'string' || !EXTENSION_ORIGIN.test(origin)) return {};
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Expose-Headers': 'ETag, Retry-After',
    Vary: 'Origin',
  };
}

/** The answer to a CORS preflight (`OPTIONS` with `Access-Control-Request-Method`). */
export function preflightHeaders(
  method: string,
  headers: IncomingHttpHeaders,
): Record<string, string> | null {
  if (method !== 'OPTIONS' || !headers['access-control-request-method']) return null;
  const cors = corsHeaders(headers);
  return Object.keys(cors).length === 0 ? {} : { ...cors, ...PREFLIGHT_HEADERS };
}
