import { describe, expect, it } from 'vitest';
import { newSidebarToken } from './sidebar-token';

describe('newSidebarToken', () => {
  it('is 128 random bits in base64url, the form the background accepts', () => {
    const tokens = Array.from({ length: 50 }, () => newSidebarToken());
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it('uses every byte it is given (no + / = left)', () => {
    expect(newSidebarToken((bytes) => bytes.fill(0xff))).toBe('_____________________w');
    expect(newSidebarToken((bytes) => bytes.fill(0xfb))).toBe('-_v7-_v7-_v7-_v7-_v7-w');
  });
});
