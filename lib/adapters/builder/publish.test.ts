import { describe, expect, it } from 'vitest';
import { defineAdapter, type AdapterDefinition } from '../definition';
import { createAdapterPublisher } from './publish';
import type { FetchLike } from '../../settings/collector-client';

const COLLECTOR = 'https://collector.acme.test';
const TOKEN = 'tp_admin-token-0123456789abcdef';

const adapter = (id: string, name: string): AdapterDefinition =>
  defineAdapter({
    id,
    name,
    hosts: [`https://${id}.acme.test/*`],
    records: [{ type: 'ticket', url: '/requests/(\\d+)' }],
    fields: { customerName: [{ selector: '[data-testid="requester-name"]' }] },
  });

const override = {
  id: 'zendesk',
  fields: { status: [{ selector: '.status', read: 'text', deep: false }] },
  hosts: [],
  records: [],
};

type Call = { method: string; url: string; auth: string | null; body: unknown };

/** A collector that holds `definitions` at `version` and answers like the contract says. */
function fakeCollector(
  state: { version: number; custom: AdapterDefinition[] },
  respond?: Partial<Record<'GET' | 'PUT', () => Response>>,
) {
  const calls: Call[] = [];
  const fetch: FetchLike = async (url, init = {}) => {
    const method = init.method ?? 'GET';
    const headers = init.headers as Record<string, string>;
    const body = init.body ? (JSON.parse(init.body as string) as Record<string, unknown>) : null;
    calls.push({ method, url, auth: headers.authorization ?? null, body });
    const custom = respond?.[method as 'GET' | 'PUT'];
    if (custom) return custom();
    const document = () => ({
      version: state.version,
      definitions: { overrides: [override], custom: state.custom },
      updatedAt: '2026-12-05T14:00:00.000Z',
      updatedBy: 'admin',
    });
    if (method === 'PUT') {
      const put = body as { baseVersion: number; definitions: { custom: AdapterDefinition[] } };
      if (put.baseVersion !== state.version) {
        return Response.json({ error: 'stale_version', message: 'changed since' }, { status: 409 });
      }
      state.version += 1;
      state.custom = put.definitions.custom;
    }
    return Response.json(document());
  };
  return { fetch, calls };
}

describe('createAdapterPublisher', () => {
  it('appends a new custom adapter with the version it read, keeping overrides and the others', async () => {
    const state = { version: 3, custom: [adapter('billing', 'Billing')] };
    const { fetch, calls } = fakeCollector(state);
    const result = await createAdapterPublisher({ url: COLLECTOR, token: TOKEN }, fetch).publish(
      adapter('tools', 'Acme Tools'),
    );
    expect(result).toEqual({ status: 'published', version: 4, replaced: false });
    expect(calls.map((call) => [call.method, call.url, call.auth])).toEqual([
      ['GET', `${COLLECTOR}/v1/adapters`, `Bearer ${TOKEN}`],
      ['PUT', `${COLLECTOR}/v1/adapters`, `Bearer ${TOKEN}`],
    ]);
    expect(calls[1]!.body).toEqual({
      baseVersion: 3,
      definitions: {
        overrides: [override],
        custom: [adapter('billing', 'Billing'), adapter('tools', 'Acme Tools')],
      },
    });
  });

  it('replaces the custom adapter with the same id in place', async () => {
    const state = {
      version: 7,
      custom: [adapter('tools', 'Old name'), adapter('billing', 'Billing')],
    };
    const { fetch } = fakeCollector(state);
    const result = await createAdapterPublisher({ url: COLLECTOR, token: TOKEN }, fetch).publish(
      adapter('tools', 'Acme Tools'),
    );
    expect(result).toEqual({ status: 'published', version: 8, replaced: true });
    expect(state.custom.map((entry) => entry.name)).toEqual(['Acme Tools', 'Billing']);
  });

  it('says the definitions were stale when someone published in between', async () => {
    const state = { version: 3, custom: [] };
    const { fetch } = fakeCollector(state, {
      PUT: () =>
        Response.json({ error: 'stale_version', message: 'version 4 exists' }, { status: 409 }),
    });
    const publisher = createAdapterPublisher({ url: COLLECTOR, token: TOKEN }, fetch);
    expect(await publisher.publish(adapter('tools', 'Acme Tools'))).toEqual({ status: 'stale' });
  });

  it('names a refused token and an answer that does not fit the contract, never the token', async () => {
    const refused = fakeCollector(
      { version: 1, custom: [] },
      {
        GET: () =>
          Response.json({ error: 'forbidden', message: 'admin role required' }, { status: 403 }),
      },
    );
    await expect(
      createAdapterPublisher({ url: COLLECTOR, token: TOKEN }, refused.fetch).publish(
        adapter('tools', 'T'),
      ),
    ).rejects.toThrow('/v1/adapters: HTTP 403 forbidden: admin role required');

    const odd = fakeCollector(
      { version: 1, custom: [] },
      {
        GET: () => Response.json({ version: 'one', definitions: { overrides: [], custom: [] } }),
      },
    );
    const error = await createAdapterPublisher({ url: COLLECTOR, token: TOKEN }, odd.fetch)
      .read()
      .catch((caught: Error) => caught);
    expect(String(error)).toMatch(/\/v1\/adapters: unexpected answer: version: .*expected number/);
    expect(String(error)).not.toContain(TOKEN);
  });

  it('says when the collector cannot be reached', async () => {
    const down: FetchLike = () => Promise.reject(new TypeError('Failed to fetch'));
    await expect(
      createAdapterPublisher({ url: COLLECTOR, token: TOKEN }, down).read(),
    ).rejects.toThrow(`cannot reach ${COLLECTOR}: Failed to fetch`);
  });
});
