import { describe, expect, it } from 'vitest';
import { agentIdSchema, hostPatternSchema } from './ids';

const problemOf = (value: string) => {
  const result = agentIdSchema.safeParse(value);
  return result.success ? null : result.error.issues.map((issue) => issue.message).join('; ');
};

describe('agentIdSchema', () => {
  it.each(['alice', 'a.smith@acme.com', 'Zoë Müller', '田中', 'agent 7'])('takes %j', (id) => {
    expect(problemOf(id)).toBeNull();
  });

  it.each([
    ['a tab', 'alice\tbob'],
    ['a line break', 'alice\nbob'],
    ['a terminal escape', '\u001b[2Jalice'],
    ['DEL', 'alice\u007f'],
    ['a C1 control', 'alice\u0085'],
    ['a right-to-left override', '\u202Eecila'],
    ['a direction isolate', 'alice\u2066bob\u2069'],
  ])('refuses %s, saying so', (_, id) => {
    expect(problemOf(id)).toContain('must not contain control characters');
  });

  it('refuses a space at either end, which would make a second agent', () => {
    expect(problemOf('alice ')).toBe('must not start or end with a space');
    expect(problemOf(' alice')).toBe('must not start or end with a space');
  });

  it('refuses the empty id and one over 100 characters', () => {
    expect(problemOf('')).not.toBeNull();
    expect(problemOf('a'.repeat(101))).not.toBeNull();
    expect(problemOf('a'.repeat(100))).toBeNull();
  });
});

describe('hostPatternSchema', () => {
  it.each([
    [' HTTPS://Help.Acme.com/Cases/* ', 'https://help.acme.com/Cases/*'],
    ['https://wiki.acme.com:443/*', 'https://wiki.acme.com/*'],
    ['http://wiki.acme.com:80/*', 'http://wiki.acme.com/*'],
    ['http://wiki.acme.com:443/*', 'http://wiki.acme.com:443/*'],
    ['https://help.acme.com:8443/*', 'https://help.acme.com:8443/*'],
    ['https://a.acme.com:4430/*', 'https://a.acme.com:4430/*'],
    ['*://*.acme.com/*', '*://*.acme.com/*'],
  ])('reads %s as %s', (pattern, normalised) => {
    expect(hostPatternSchema.parse(pattern)).toBe(normalised);
  });

  it.each(['https://intranet.acme.com./*', 'https://intranet.acme.com.:8443/*'])(
    'refuses %s, whose host ends with a dot, saying so',
    (pattern) => {
      const parsed = hostPatternSchema.safeParse(pattern);
      expect(parsed.error?.issues.map((issue) => issue.message)).toEqual([
        expect.stringContaining('must not end its host with a dot'),
      ]);
    },
  );
});
