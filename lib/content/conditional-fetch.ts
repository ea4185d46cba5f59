/** What the content script needs of `fetch`: injectable so the caching is testable without a network. */
export type HttpGet = (
  path: string,
  init: { credentials: 'same-origin'; cache: 'no-store'; headers: Record<string, string> },
) => Promise<Pick<Response, 'status' | 'ok' | 'json'> & { headers: Pick<Headers, 'get'> }>;

/** Bodies kept for revalidation: the records an agent moves between in a few minutes. */
const MAX_CACHED = 20;

/**
 * Same-origin JSON reads with the agent's session that revalidate with `If-None-Match` (issue #15):
 * a record that did not change costs the CRM a 304 and no body. Touchpoint stores no credentials.
 * Conditional headers set here make the browser pass the 304 through rather than use its cache.
 * A path that leads to another origin (`//host/…`, `/\host/…`) is refused: an adapter's API steps
 * carry customer data in their paths, and it never leaves the app it was read from.
 */
export function createConditionalJsonGet(get: HttpGet, origin: string) {
  const cache = new Map<string, { etag: string; body: unknown }>();
  return async function getJson(path: string): Promise<unknown> {
    if (new URL(path, origin).origin !== origin) throw new Error(`not on ${origin}`);
    const cached = cache.get(path);
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (cached) headers['If-None-Match'] = cached.etag;
    const response = await get(path, { credentials: 'same-origin', cache: 'no-store', headers });
    if (response.status === 304 && cached) return cached.body;
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const body: unknown = await response.json();
    const etag = response.headers.get('ETag');
    cache.delete(path);
    if (etag) {
      cache.set(path, { etag, body });
      if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
    }
    return body;
  };
}
