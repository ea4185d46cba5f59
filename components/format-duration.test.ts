import { describe, expect, it } from 'vitest';
import { formatDuration } from './format-duration';

describe('formatDuration', () => {
  it.each([
    [0, '0 s'],
    [40_000, '40 s'],
    [12 * 60_000, '12 min'],
    [65 * 60_000, '1 h 05 min'],
    [-5, '0 s'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
