import { z } from 'zod';

// Strings that cross the wire must be storable as they are: PostgreSQL refuses U+0000 in text and
// jsonb, and a lone UTF-16 surrogate is not valid Unicode, so JSON text holding one cannot be
// read back (issue #13). Refusing them here keeps one bad value from failing a whole batch.

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be stored, or null when it can. */
export function unstorableText(value: string): string | null {
  if (value.includes('\u0000')) return 'must not contain the NUL character (U+0000)';
  if (LONE_SURROGATE.test(value)) return 'must not contain an unpaired UTF-16 surrogate';
  return null;
}

/** The check of `storableText`, for a string schema whose other checks come first (a trim). */
export function refineStorable(value: string, ctx: z.RefinementCtx): void {
  const problem = unstorableText(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
}

/** A string of at most `max` characters that PostgreSQL and JSON can store unchanged. */
export const storableText = (max: number) => z.string().max(max).superRefine(refineStorable);

/**
 * Control characters (C0, DEL, C1) and the bidirectional controls that reorder what follows them:
 * a character class, for names that are printed in terminals or shown to people.
 */
export const UNPRINTABLE_CLASS = '[\\p{Cc}\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069]';
