import { describe, expect, it, vi } from 'vitest';
import { createConditionalJsonGet, type HttpGet } from './conditional-fetch';

function server(bodies: Record<string, { etag?: string; body: unknown }>) {
  const get = vi.fn<HttpGet>(async (path, init) => {
    const entry = bodies[path];
    if (!entry) return { status: 404, ok: false, json: async () => ({}), headers: new Headers() };
    const headers = new Headers(entry.etag ? { ETag: entry.etag } : {});
    if (entry.etag && init.headers['If-None-Match'] === entry.etag) {
      return { status: 304, ok: false, json: async () => ({}), headers };
    }
    return { status: 200, ok: true, json: async () => entry.body, headers };
  });
  return get;
}

const ORIGIN = 'https://acme.zendesk.com';

describe('createConditionalJsonGet', () => {
  it('revalidates with If-None-Match and keeps the body of a 304', async () => {
    const bodies = { '/t.json': { etag: 'W/"1"', body: { status: 'open' } } };
    const get = server(bodies);
    const getJson = createConditionalJsonGet(get, ORIGIN);
    expect(await getJson('/t.json')).toEqual({ status: 'open' });
    expect(await getJson('/t.json')).toEqual({ status: 'open' });
    expect(get.mock.calls[1]![1].headers['If-None-Match']).toBe('W/"1"');

    bodies['/t.json'] = { etag: 'W/"2"', body: { status: 'solved' } };
    expect(await getJson('/t.json')).toEqual({ status: 'solved' });
    expect(get.mock.calls[2]![1]).toMatchObject({ credentials: 'same-origin', cache: 'no-store' });
  });

  it('sends no condition for an answer without an ETag, and names a failed status', async () => {
    const get = server({ '/u.json': { body: { id: 1 } } });
    const getJson = createConditionalJsonGet(get, ORIGIN);
    await getJson('/u.json');
    await getJson('/u.json');
    expect(get.mock.calls[1]![1].headers['If-None-Match']).toBeUndefined();
    await expect(getJson('/missing.json')).rejects.toThrow('HTTP 404');
  });

  it('asks no other origin, whatever an adapter path looks like', async () => {
    const get = server({});
    const getJson = createConditionalJsonGet(get, ORIGIN);
    for (const path of [
      '//evil.example/c?e=ada%40example.com',
      '/\\evil.example/c',
      'https://evil.example/',
    ]) {
      await expect(getJson(path), path).rejects.toThrow('not on https://acme.zendesk.com');
    }
    expect(get).not.toHaveBeenCalled();
  });
});
