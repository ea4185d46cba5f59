import { z } from 'zod';

/**
 * What a page needs from one zod issue to say it in the reader's language (issue #17): where, which
 * rule, its limits or allowed values, and zod's English `message` (our schemas' own words live
 * there). JSON-safe, so it crosses the message protocol.
 */
export const issueFactsSchema = z.object({
  /** The issue's path below the value checked, joined with dots ("hosts.0"); '' for the value. */
  path: z.string(),
  code: z.string(),
  message: z.string(),
  expected: z.string().optional(),
  /** invalid_type only: nothing was given (zod says "received undefined"). */
  missing: z.boolean().optional(),
  minimum: z.number().optional(),
  maximum: z.number().optional(),
  inclusive: z.boolean().optional(),
  origin: z.string().optional(),
  /** invalid_value: the allowed values. */
  values: z.array(z.string()).optional(),
  format: z.string().optional(),
  /** unrecognized_keys: the keys. */
  keys: z.array(z.string()).optional(),
});
export type IssueFacts = z.infer<typeof issueFactsSchema>;

/** The issues a one-line explanation names (the first `limit`) and how many it leaves out. */
export const issueSummarySchema = z.object({
  issues: z.array(issueFactsSchema),
  more: z.number().int().nonnegative(),
});
export type IssueSummary = z.infer<typeof issueSummarySchema>;

const optionalNumber = (value: unknown) =>
  typeof value === 'number' || typeof value === 'bigint' ? Number(value) : undefined;

/** The facts of one zod issue (see `issueFactsSchema`). */
export function issueFacts(issue: z.core.$ZodIssue): IssueFacts {
  const facts: IssueFacts = {
    path: issue.path.map(String).join('.'),
    code: issue.code,
    message: issue.message,
  };
  const raw = issue as unknown as Record<string, unknown>;
  if (typeof raw.expected === 'string') facts.expected = raw.expected;
  // zod 4 drops the input from issues; its English message still says what arrived.
  if (issue.code === 'invalid_type' && / received undefined$/.test(issue.message))
    facts.missing = true;
  const minimum = optionalNumber(raw.minimum);
  const maximum = optionalNumber(raw.maximum);
  if (minimum !== undefined) facts.minimum = minimum;
  if (maximum !== undefined) facts.maximum = maximum;
  if (typeof raw.inclusive === 'boolean') facts.inclusive = raw.inclusive;
  if (typeof raw.origin === 'string') facts.origin = raw.origin;
  if (Array.isArray(raw.values)) facts.values = raw.values.map(String);
  if (typeof raw.format === 'string') facts.format = raw.format;
  if (Array.isArray(raw.keys)) facts.keys = raw.keys.map(String);
  return facts;
}

/** The first `limit` issues of `error` as facts, and how many more there were. */
export function summarizeIssues(error: z.ZodError, limit = 3): IssueSummary {
  return {
    issues: error.issues.slice(0, limit).map(issueFacts),
    more: Math.max(0, error.issues.length - limit),
  };
}

/** `describeIssues` for a summary: "context.url: Invalid URL; … (+2 more)". */
export function describeIssueSummary({ issues, more }: IssueSummary): string {
  const parts = issues.map(({ path, message }) => (path ? `${path}: ${message}` : message));
  return parts.join('; ') + (more > 0 ? ` (+${more} more)` : '');
}

/** A one-line explanation of what was wrong, naming the fields: "context.url: Invalid URL". */
export function describeIssues(error: z.ZodError, limit = 3): string {
  return describeIssueSummary(summarizeIssues(error, limit));
}
