import { describe, expect, it } from 'vitest';
import { diffPolicy, etagMatches, policyEtag, stableJson } from './policy-diff';

describe('team policy changes', () => {
  it('lists each added, removed and changed setting once, ignoring key order inside values', () => {
    const current = {
      trackingEnabled: true,
      prompts: { enabled: true, scale: '1-5' },
      minGroupSize: 5,
    };
    const next = {
      prompts: { scale: '1-5', enabled: true },
      minGroupSize: 8,
      allowPause: false,
    };
    expect(diffPolicy(current, next)).toEqual([
      { setting: 'allowPause', oldValue: null, newValue: false },
      { setting: 'minGroupSize', oldValue: 5, newValue: 8 },
      { setting: 'trackingEnabled', oldValue: true, newValue: null },
    ]);
    expect(diffPolicy(next, next)).toEqual([]);
  });

  it('writes equal values as equal text', () => {
    expect(stableJson({ b: [1, { d: 2, c: 3 }], a: 'x' })).toBe(
      stableJson({ a: 'x', b: [1, { c: 3, d: 2 }] }),
    );
  });

  it('matches ETags as HTTP does: lists, weak tags and *', () => {
    const etag = policyEtag({ version: 3, policy: { allowPause: true } });
    expect(etagMatches(etag, etag)).toBe(true);
    expect(etagMatches(`"v1", W/${etag}`, etag)).toBe(true);
    expect(etagMatches('*', etag)).toBe(true);
    expect(etagMatches('"v2"', etag)).toBe(false);
    expect(etagMatches('"v3"', etag)).toBe(false);
    expect(etagMatches(undefined, etag)).toBe(false);
  });

  it('names a policy by its version and its content, not by the order of its keys', () => {
    const policy = { minGroupSize: 6, prompts: { enabled: true, scale: '1-5' } };
    const etag = policyEtag({ version: 3, policy });
    expect(etag).toMatch(/^"v3-[0-9a-f]{16}"$/);
    expect(
      policyEtag({
        version: 3,
        policy: { prompts: { scale: '1-5', enabled: true }, minGroupSize: 6 },
      }),
    ).toBe(etag);
    // The same version with other content, as a restored backup may hold, is another ETag.
    expect(policyEtag({ version: 3, policy: { ...policy, minGroupSize: 7 } })).not.toBe(etag);
    expect(policyEtag({ version: 4, policy })).not.toBe(etag);
  });
});
