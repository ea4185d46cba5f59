import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../background/key-value';
import { enrolRequestSchema } from '../../contract/api';
import { createEnrolment, ENROLMENT_KEY, INSTALL_ID_KEY } from './enrolment';
import type { ReadyTarget } from './sync-target';

const URL_ = 'https://collector.example.com';
const INSTALL = '0193a1b2-0000-7000-8000-000000000001';
const target = (overrides: Partial<ReadyTarget> = {}): ReadyTarget => ({
  ok: true,
  url: URL_,
  token: 'tp_enrolment_token_000000000000',
  identityMode: 'identified',
  agentId: 'anna.k',
  fingerprint: 'fp-1',
  ...overrides,
});

type Reply = { status: number; body?: unknown; headers?: Record<string, string> } | 'network';

/** A collector's enrol endpoint answering by script; it records every request it got. */
function fakeEnrol(reply: (call: number) => Reply) {
  const requests: { url: string; auth: string | null; body: unknown }[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    const body = JSON.parse(init.body as string) as unknown;
    requests.push({ url, auth: new Headers(init.headers).get('authorization'), body });
    const answer = reply(requests.length);
    if (answer === 'network') throw new TypeError('Failed to fetch');
    return new Response(answer.body === undefined ? '' : JSON.stringify(answer.body), {
      status: answer.status,
      headers: answer.headers,
    });
  }) as typeof globalThis.fetch;
  return { fetch, requests };
}

const enrolled = (credential: string, agentId: string | null, identityMode = 'identified') => ({
  status: 201,
  body: { installId: INSTALL, identityMode, agentId, credential },
});

function enrolmentWith(fetch: typeof globalThis.fetch, store = createMemoryStore()) {
  return {
    store,
    enrolment: createEnrolment({
      store,
      fetch,
      now: () => 1_000,
      newInstallId: () => INSTALL,
      timeoutMs: 1_000,
    }),
  };
}

describe('install enrolment', () => {
  it('enrols once with the enrolment token, then sends as the credential it got', async () => {
    const collector = fakeEnrol(() => enrolled('tp_install_credential_00000', 'anna.k'));
    const { enrolment, store } = enrolmentWith(collector.fetch);
    const first = await enrolment.senderFor(target());
    const second = await enrolment.senderFor(target());
    expect(first).toEqual({
      ok: true,
      sender: { credential: 'tp_install_credential_00000', agentId: 'anna.k' },
    });
    expect(second).toEqual(first);
    expect(collector.requests).toHaveLength(1);
    expect(collector.requests[0]).toMatchObject({
      url: `${URL_}/v1/enrol`,
      auth: 'Bearer tp_enrolment_token_000000000000',
    });
    expect(enrolRequestSchema.parse(collector.requests[0]!.body)).toEqual({
      installId: INSTALL,
      identityMode: 'identified',
      agentId: 'anna.k',
    });
    expect(await store.get(INSTALL_ID_KEY)).toBe(INSTALL);
  });

  it('asks for no agent in pseudonymous mode and sends as the pseudonym the collector made', async () => {
    const collector = fakeEnrol(() =>
      enrolled('tp_install_credential_00000', 'made-by-the-collector', 'pseudonymous'),
    );
    const { enrolment } = enrolmentWith(collector.fetch);
    const outcome = await enrolment.senderFor(
      target({ identityMode: 'pseudonymous', agentId: null }),
    );
    expect(collector.requests[0]!.body).toEqual({
      installId: INSTALL,
      identityMode: 'pseudonymous',
    });
    expect(outcome).toMatchObject({ ok: true, sender: { agentId: 'made-by-the-collector' } });
  });

  it('enrols again, as the same install, when the token, mode or agent changes or after forget()', async () => {
    let call = 0;
    const collector = fakeEnrol(() => enrolled(`tp_install_credential_${++call}0000`, 'anna.k'));
    const { enrolment } = enrolmentWith(collector.fetch);
    await enrolment.senderFor(target());
    await enrolment.senderFor(target({ fingerprint: 'fp-2' }));
    await enrolment.forget();
    const last = await enrolment.senderFor(target({ fingerprint: 'fp-2' }));
    expect(collector.requests).toHaveLength(3);
    expect(
      new Set(collector.requests.map((r) => (r.body as { installId: string }).installId)),
    ).toEqual(new Set([INSTALL]));
    expect(last).toMatchObject({ sender: { credential: 'tp_install_credential_30000' } });
  });

  it('tells which identity the kept enrolment is for: the agent id, never a pseudonym', async () => {
    const identified = enrolmentWith(
      fakeEnrol(() => enrolled('tp_install_credential_00000', 'anna.k')).fetch,
    ).enrolment;
    expect(await identified.enrolledAs!()).toBeNull();
    await identified.senderFor(target());
    expect(await identified.enrolledAs!()).toEqual({ mode: 'identified', agentId: 'anna.k' });
    await identified.forget();
    expect(await identified.enrolledAs!()).toBeNull();
    const pseudonymous = enrolmentWith(
      fakeEnrol(() => enrolled('tp_install_credential_00000', 'pseudo-9', 'pseudonymous')).fetch,
    ).enrolment;
    await pseudonymous.senderFor(target({ identityMode: 'pseudonymous', agentId: null }));
    expect(await pseudonymous.enrolledAs!()).toEqual({ mode: 'pseudonymous', agentId: null });
  });

  it('blocks on a refused enrolment token and retries what may pass, storing nothing', async () => {
    const cases: [Reply, object][] = [
      [{ status: 401 }, { problem: 'unauthorised', status: 401, block: true }],
      [{ status: 403 }, { problem: 'unauthorised', status: 403, block: true }],
      [
        { status: 429, headers: { 'retry-after': '30' } },
        { problem: 'rate-limited', retryAfterMs: 30_000, block: false },
      ],
      [{ status: 503 }, { problem: 'server', block: false }],
      ['network', { problem: 'network', status: null, block: false }],
      [
        { status: 201, body: { credential: 'short' } },
        { problem: 'invalid-response', block: false },
      ],
      [{ status: 404 }, { problem: 'unexpected-status', status: 404, block: false }],
    ];
    for (const [reply, expected] of cases) {
      const { enrolment, store } = enrolmentWith(fakeEnrol(() => reply).fetch);
      expect(await enrolment.senderFor(target())).toMatchObject({ ok: false, ...expected });
      expect(await store.get(ENROLMENT_KEY)).toBeUndefined();
    }
  });
});
