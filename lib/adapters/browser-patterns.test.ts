import { describe, expect, it } from 'vitest';
import { browserMatchPattern } from './browser-patterns';

describe('browserMatchPattern', () => {
  it('keeps a port where the browser takes one (Chrome, Edge)', () => {
    expect(browserMatchPattern('https://help.acme.com:8443/*', true)).toBe(
      'https://help.acme.com:8443/*',
    );
  });

  it('leaves the port out for Firefox, whose match patterns refuse one', () => {
    expect(browserMatchPattern('https://help.acme.com:8443/*', false)).toBe(
      'https://help.acme.com/*',
    );
    expect(browserMatchPattern('*://*.acme.com:*/desk/*', false)).toBe('*://*.acme.com/desk/*');
    expect(browserMatchPattern('http://127.0.0.1:5302/*', false)).toBe('http://127.0.0.1/*');
  });

  it('changes nothing in a pattern without a port, or a port-like path', () => {
    for (const pattern of ['https://help.acme.com/*', 'https://acme.com/a:8443/*', '<all_urls>']) {
      expect(browserMatchPattern(pattern, false)).toBe(pattern);
    }
  });
});
