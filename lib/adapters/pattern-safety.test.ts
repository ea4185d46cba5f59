import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { backtracksExponentially, backtracksPolynomially } from '../../contract/regex-safety';
import { BUILTIN_ADAPTERS } from './registry';

describe('the patterns Touchpoint ships and documents', () => {
  it('lets every pattern of the built-in adapters and the admin guide pass', () => {
    const builtIn = JSON.stringify(BUILTIN_ADAPTERS);
    const guide = readFileSync(new URL('../../docs/admin.md', import.meta.url), 'utf8');
    const sources = [
      ...[...builtIn.matchAll(/"(?:pattern|url)":("(?:[^"\\]|\\.)*")/g)],
      ...[...guide.matchAll(/"(?:pattern|url)": ("(?:[^"\\]|\\.)*")/g)],
    ].map((match) => JSON.parse(match[1]!) as string);
    expect(sources.length).toBeGreaterThan(20);
    expect(sources.filter(backtracksPolynomially)).toEqual([]);
    expect(sources.filter(backtracksExponentially)).toEqual([]);
  });
});
