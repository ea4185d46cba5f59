import { describe, expect, it } from 'vitest';
import { recordHashCheckOf } from '../../contract/record-hash';
import { recordHashSecretState } from './record-hash-check';

const TEAM_SECRET = 'hT3v9Qk1w8ZxLmN0pR5sT7uV2yB4cD6e';

describe('recordHashSecretState', () => {
  it('matches the secret the collector’s team holds', async () => {
    const check = await recordHashCheckOf(TEAM_SECRET);
    expect(await recordHashSecretState(TEAM_SECRET, check)).toBe('matches');
  });

  it.each([
    ['a character typed wrong', 'hT3v9Qk1w8ZxLmN0pR5sT7uV2yB4cD6E'],
    ['a space pasted at its end', `${TEAM_SECRET} `],
    ['another team’s secret', 'Zq8r2Lm4Nx6Pv0Tb3Kc5Wd7Yf9Hg1Js2'],
  ])('differs with %s', async (_, secret) => {
    const check = await recordHashCheckOf(TEAM_SECRET);
    expect(await recordHashSecretState(secret, check)).toBe('differs');
  });

  it('says when no secret is set, and when the collector gave nothing to compare with', async () => {
    expect(await recordHashSecretState(undefined, await recordHashCheckOf(TEAM_SECRET))).toBe(
      'notSet',
    );
    expect(await recordHashSecretState(TEAM_SECRET, null)).toBe('unchecked');
  });
});
