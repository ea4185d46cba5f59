import { describe, expect, it } from 'vitest';
import { checkDefinitionsDraft, withFieldOverride } from './definitions-draft';

describe('the console’s adapter definitions draft (issue #16)', () => {
  it('accepts valid definitions with the defaults filled in', () => {
    const check = checkDefinitionsDraft(
      JSON.stringify({
        overrides: [{ id: 'zendesk', fields: { subject: [{ selector: 'h1.title' }] } }],
        custom: [],
      }),
    );
    expect(check).toEqual({
      ok: true,
      definitions: {
        overrides: [
          {
            id: 'zendesk',
            fields: { subject: [{ selector: 'h1.title', read: 'text', deep: false }] },
            hosts: [],
            records: [],
          },
        ],
        custom: [],
      },
    });
  });

  it('names a JSON error, and each bad path of invalid definitions', () => {
    expect(checkDefinitionsDraft('{"overrides": [')).toEqual({
      ok: false,
      json: expect.stringMatching(/JSON/),
      problems: [],
    });
    const check = checkDefinitionsDraft(
      JSON.stringify({
        overrides: [{ id: 'zendesk', fields: { subject: [{ selector: '' }] } }],
        custom: [{ id: 'x' }],
      }),
    );
    expect(check.ok).toBe(false);
    const problems = check.ok ? [] : check.problems;
    expect(problems.some((problem) => problem.startsWith('overrides.0.fields.subject.0'))).toBe(
      true,
    );
    expect(problems.some((problem) => problem.startsWith('custom.0.id'))).toBe(true);
  });

  it('adds an override of a flagged field from its current extractors, keeping the others', () => {
    const start = {
      overrides: [{ id: 'zendesk', fields: { subject: [{ selector: 'h1' }] } }],
      custom: [],
    };
    const next = withFieldOverride(start, 'zendesk', 'customerName', [
      { selector: '.name', read: 'text', deep: false },
    ]);
    expect(next.overrides?.[0]?.fields).toEqual({
      subject: [{ selector: 'h1' }],
      customerName: [{ selector: '.name', read: 'text', deep: false }],
    });
    const other = withFieldOverride(start, 'hubspot', 'subject', []);
    expect(other.overrides?.map((override) => override.id)).toEqual(['zendesk', 'hubspot']);
    expect(other.overrides?.[1]?.fields).toEqual({ subject: [{ selector: '' }] });
  });
});
