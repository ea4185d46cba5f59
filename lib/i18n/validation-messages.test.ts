import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeIssuesInWords } from './validation-messages';

const words = (schema: z.ZodType, value: unknown, hint?: 'validationCallingCode') => {
  const parsed = schema.safeParse(value);
  if (parsed.success) throw new Error('expected a failure');
  return describeIssuesInWords(parsed.error, hint);
};

describe('describeIssuesInWords', () => {
  it('says what is wrong in the catalogue’s words, never zod’s', () => {
    expect(words(z.number().int().min(15).max(3600), 5)).toBe('Must be at least 15.');
    expect(words(z.number().int().min(15).max(3600), 4000)).toBe('Must be at most 3,600.');
    expect(words(z.number().int(), 1.5)).toBe('Must be a whole number.');
    expect(words(z.number(), 'ten')).toBe('Must be a number.');
    expect(words(z.string().max(3), 'abcd')).toBe('Must have at most 3 characters.');
    expect(words(z.enum(['1-5', 'ces-7']), 'x')).toBe('Must be one of: 1-5, ces-7.');
    expect(words(z.url(), 'not a url')).toBe('Must be a web address such as https://example.com.');
    expect(words(z.string().regex(/^\d+$/, 'digits only'), 'x')).toBe(
      'Not in the expected format.',
    );
  });

  it("uses a setting's own words for its format", () => {
    const code = z.string().regex(/^[1-9]\d{0,2}$/, 'must be a country calling code such as 49');
    expect(words(code, '0049', 'validationCallingCode')).toBe(
      'Must be a country calling code of 1 to 3 digits, such as 49.',
    );
  });
});
