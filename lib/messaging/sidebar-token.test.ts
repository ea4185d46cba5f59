import { describe, expect, it } from 'vitest';
import { newSidebarToken, SIDEBAR_TOKEN_PATTERN } from './sidebar-token';

describe('newSidebarToken', () => {
  it('makes 128 random bits as 32 hex digits, a new one each time', () => {
    const tokens = new Set(Array.from({ length: 50 }, () => newSidebarToken(crypto)));
    expect(tokens.size).toBe(50);
    for (const token of tokens) expect(token).toMatch(SIDEBAR_TOKEN_PATTERN);
  });

  it('writes each byte as two digits, leading zeros kept', () => {
    const fixed = { getRandomValues: <T extends ArrayBufferView | null>(array: T) => array };
    expect(newSidebarToken(fixed as Pick<Crypto, 'getRandomValues'>)).toBe('0'.repeat(32));
  });
});
