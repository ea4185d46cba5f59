/**
 * UI text made of prose and code: code is what a person types or copies as it is (a policy key, a
 * value, a parser's message) and is shown in `<code>`, never translated.
 */
export type TextSegment = { text: string } | { code: string };

export const prose = (text: string): TextSegment => ({ text });
export const code = (text: string): TextSegment => ({ code: text });

/** The segments as one plain string (logs, tests, places without markup). */
export const plainText = (segments: readonly TextSegment[]): string =>
  segments.map((segment) => ('text' in segment ? segment.text : segment.code)).join('');
