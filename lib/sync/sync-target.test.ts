import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../settings/definitions';
import { resolveSyncTarget } from './sync-target';

const configured = {
  ...defaultSettings(),
  collectorUrl: 'https://collector.example.com',
  collectorToken: 'tok_abcdefghijklmnopqrstuvwxyz',
};

describe('sync target and agent identity', () => {
  it('is not configured without a collector URL or token', async () => {
    // The identity in force is known all the same: events queued meanwhile are recorded under it.
    expect(await resolveSyncTarget(defaultSettings())).toEqual({
      ok: false,
      problem: 'not-configured',
      identityMode: 'pseudonymous',
      agentId: null,
    });
    expect(await resolveSyncTarget({ ...configured, collectorToken: undefined })).toMatchObject({
      ok: false,
    });
  });

  it('pseudonymous (the default): names no agent; the collector gives the install its pseudonym', async () => {
    expect(await resolveSyncTarget(configured)).toMatchObject({
      ok: true,
      identityMode: 'pseudonymous',
      agentId: null,
    });
  });

  it('identified: the admin-assigned id; without one nothing is sent', async () => {
    const identified = { ...configured, identityMode: 'identified' as const };
    expect(await resolveSyncTarget({ ...identified, agentId: 'anna.k' })).toMatchObject({
      ok: true,
      agentId: 'anna.k',
    });
    expect(await resolveSyncTarget(identified)).toEqual({
      ok: false,
      problem: 'agent-id-missing',
      identityMode: 'identified',
      agentId: null,
    });
  });

  it('anonymous: no agent id, even when policy holds one', async () => {
    const target = await resolveSyncTarget({
      ...configured,
      identityMode: 'anonymous',
      agentId: 'anna.k',
    });
    expect(target).toMatchObject({ ok: true, identityMode: 'anonymous', agentId: null });
  });

  it('a changed token, mode or agent id changes the fingerprint (enrol again), which never contains the token', async () => {
    const fingerprints = await Promise.all(
      [
        configured,
        { ...configured, collectorToken: 'tok_zyxwvutsrqponmlkjihgfedcba' },
        { ...configured, identityMode: 'anonymous' as const },
        { ...configured, identityMode: 'identified' as const, agentId: 'anna.k' },
        { ...configured, identityMode: 'identified' as const, agentId: 'ben.l' },
      ].map(async (settings) => {
        const target = await resolveSyncTarget(settings);
        return target.ok ? target.fingerprint : 'not ok';
      }),
    );
    expect(new Set(fingerprints).size).toBe(5);
    expect(fingerprints.join()).not.toContain('tok_');
  });
});
