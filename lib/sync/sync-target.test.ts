import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../background/key-value';
import { defaultSettings } from '../settings/definitions';
import { resolveSyncTarget } from './sync-target';

const configured = {
  ...defaultSettings(),
  collectorUrl: 'https://collector.example.com',
  collectorToken: 'tok_abcdefghijklmnopqrstuvwxyz',
};

describe('sync target and agent identity', () => {
  it('is not configured without a collector URL or token', async () => {
    const store = createMemoryStore();
    expect(await resolveSyncTarget(defaultSettings(), store)).toEqual({
      ok: false,
      problem: 'not-configured',
    });
    expect(
      await resolveSyncTarget({ ...configured, collectorToken: undefined }, store),
    ).toMatchObject({ ok: false });
  });

  it('pseudonymous (the default): one random id, made once and kept', async () => {
    const store = createMemoryStore();
    let made = 0;
    const newId = () => `random-${++made}`;
    const first = await resolveSyncTarget(configured, store, newId);
    const second = await resolveSyncTarget(configured, store, newId);
    expect(first).toMatchObject({ ok: true, agentId: 'random-1' });
    expect(second).toMatchObject({ ok: true, agentId: 'random-1' });
  });

  it('identified: the admin-assigned id; without one nothing is sent', async () => {
    const store = createMemoryStore();
    const identified = { ...configured, identityMode: 'identified' as const };
    expect(await resolveSyncTarget({ ...identified, agentId: 'anna.k' }, store)).toMatchObject({
      ok: true,
      agentId: 'anna.k',
    });
    expect(await resolveSyncTarget(identified, store)).toEqual({
      ok: false,
      problem: 'agent-id-missing',
    });
  });

  it('anonymous: no agent id at all', async () => {
    const target = await resolveSyncTarget(
      { ...configured, identityMode: 'anonymous' },
      createMemoryStore(),
    );
    expect(target).toMatchObject({ ok: true, agentId: null });
  });

  it('a changed token changes the fingerprint the auth block is kept under, without containing it', async () => {
    const store = createMemoryStore();
    const a = await resolveSyncTarget(configured, store);
    const b = await resolveSyncTarget(
      { ...configured, collectorToken: 'tok_zyxwvutsrqponmlkjihgfedcba' },
      store,
    );
    expect(a.ok && b.ok && a.fingerprint !== b.fingerprint).toBe(true);
    expect(a.ok && a.fingerprint).not.toContain('tok_');
  });
});
