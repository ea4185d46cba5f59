import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { resolveSettings } from './effective';
import { describePolicyProblem, policyProblemSchema } from './policy-problems';

describe('policy problems as data', () => {
  const { problems, diagnostics } = resolveSettings({
    managed: {
      prompts: { maxPerDay: 250, maxPerHour: 3 },
      customAdapters: [JSON.stringify({ id: 'freescout', hosts: 'x' })],
    },
    team: { schemaVersion: 99, idleThresholdSeconds: 5 },
  });

  it('keep what a translation needs: where, the rule and its limit, what applies instead', () => {
    expect(problems[0]).toMatchObject({
      source: 'managed',
      path: 'prompts.maxPerDay',
      reason: { kind: 'invalid', issues: [{ code: 'too_big', maximum: 200, origin: 'number' }] },
      outcome: 'default',
    });
    expect(problems).toContainEqual(
      expect.objectContaining({
        path: 'customAdapters[0]',
        adapterId: 'freescout',
        outcome: 'adapterIgnored',
      }),
    );
    expect(problems).toContainEqual({
      source: 'team',
      path: '',
      reason: { kind: 'newerVersion', version: 99, current: 1 },
    });
  });

  it('are the English diagnostics, line for line', () => {
    expect(diagnostics).toEqual(problems.map(describePolicyProblem));
    expect(diagnostics[0]).toBe(
      'prompts.maxPerDay: Too big: expected number to be <=200; using the default',
    );
  });

  it('cross the message protocol unchanged (JSON-safe, valid by its schema)', () => {
    const sent = JSON.parse(JSON.stringify(problems)) as unknown;
    expect(z.array(policyProblemSchema).parse(sent)).toEqual(problems);
  });
});
