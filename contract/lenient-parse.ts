import { z } from 'zod';
import { describeIssueSummary, summarizeIssues, type IssueSummary } from './validation';

// One mistake in a policy should cost that one value, not its neighbours (issue #15): a
// `prompts.maxPerDay` of 250 falls back for `maxPerDay` only, a broken catalogue entry is dropped
// on its own. Objects are read field by field, lists entry by entry, records key by key; whatever
// is left is checked once more as a whole, so cross-field rules and list limits still hold.

export type LenientResult<T> = {
  /** The value with every bad part left out (and the schema's defaults in their place). */
  value: T | undefined;
  /** One line per part left out, naming its path: "maxPerDay: Too big: …; using the default". */
  problems: string[];
};

/** One part left out, as data (issue #17: pages say it in the reader's language). */
export type LenientProblem = {
  /** Below the parsed value: "maxPerDay", "[1]", "quietHours[1].start"; '' for the whole value. */
  path: string;
  reason: { kind: 'unknownField' } | ({ kind: 'invalid' } & IssueSummary);
  /** What took its place; absent when the whole value was refused. */
  outcome?: LenientOutcome;
};
export type LenientOutcome = 'default' | 'entryIgnored' | 'ignored';

const OUTCOME_TEXT = {
  default: 'using the default',
  entryIgnored: 'entry ignored',
  ignored: 'ignored',
} as const satisfies Record<LenientOutcome, string>;

/** A problem as one English line: "maxPerDay: Too big: …; using the default". */
export function describeLenientProblem({ path, reason, outcome }: LenientProblem): string {
  const what = reason.kind === 'unknownField' ? 'unknown field' : describeIssueSummary(reason);
  const line = path ? `${path}: ${what}` : what;
  return outcome ? `${line}; ${OUTCOME_TEXT[outcome]}` : line;
}

type AnySchema = z.ZodType;

const unwrap = (schema: AnySchema): AnySchema => {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) {
    return unwrap(schema.unwrap() as AnySchema);
  }
  if (schema instanceof z.ZodDefault) return unwrap(schema.unwrap() as AnySchema);
  return schema;
};

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const at = (path: string, key: string | number) =>
  typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;

/** Returned for a part refused whole, its reasons already recorded. */
const REFUSED = Symbol('refused');

/** Whether a missing value is fine for `schema` (optional, or it has a default). */
const acceptsMissing = (schema: AnySchema) => schema.safeParse(undefined).success;

/** The option of a union with the same shape as `raw` (a list, an object), if there is one. */
function optionShapedLike(union: z.ZodUnion, raw: unknown): AnySchema | undefined {
  return (union.options as AnySchema[]).find((option) => {
    const inner = unwrap(option);
    if (Array.isArray(raw)) return inner instanceof z.ZodArray;
    return isPlainObject(raw) && (inner instanceof z.ZodObject || inner instanceof z.ZodRecord);
  });
}

/**
 * Strips the parts of `raw` that `schema` refuses, recording why; returns what is left, or
 * `REFUSED` when a required part is wrong, so the whole is refused (its reasons named once, at
 * the part that is wrong). `refusal` is what then becomes of the whole: a list entry is left out,
 * a field with a default falls back.
 */
function prune(
  schema: AnySchema,
  raw: unknown,
  path: string,
  problems: LenientProblem[],
  refusal: LenientOutcome | undefined,
): unknown {
  const inner = unwrap(schema);
  if (inner instanceof z.ZodUnion) {
    // `'all' | string[]`: a list is pruned entry by entry like any list, so one bad app id is
    // left out instead of the whole list falling back to 'all' (measuring every app).
    const option = optionShapedLike(inner, raw);
    return option ? prune(option, raw, path, problems, refusal) : raw;
  }
  if (inner instanceof z.ZodObject && isPlainObject(raw)) {
    const shape = inner.shape as Record<string, AnySchema>;
    const kept: Record<string, unknown> = {};
    let refused = false;
    for (const [key, value] of Object.entries(raw)) {
      if (!Object.hasOwn(shape, key)) {
        problems.push({
          path: at(path, key),
          reason: { kind: 'unknownField' },
          outcome: 'ignored',
        });
        continue;
      }
      const field = shape[key]!;
      const outcome = acceptsMissing(field) ? 'default' : refusal;
      const pruned = prune(field, value, at(path, key), problems, outcome);
      const parsed = pruned === REFUSED ? undefined : field.safeParse(pruned);
      if (parsed?.success) kept[key] = pruned;
      else {
        if (parsed) problems.push(invalid(at(path, key), parsed.error, outcome));
        if (outcome !== 'default') refused = true;
      }
    }
    return refused ? REFUSED : kept;
  }
  if (inner instanceof z.ZodArray && Array.isArray(raw)) {
    const element = inner.element as AnySchema;
    const kept: unknown[] = [];
    raw.forEach((entry, index) => {
      const pruned = prune(element, entry, at(path, index), problems, 'entryIgnored');
      if (pruned === REFUSED) return;
      const parsed = element.safeParse(pruned);
      if (parsed.success) kept.push(pruned);
      else problems.push(invalid(at(path, index), parsed.error, 'entryIgnored'));
    });
    return kept;
  }
  if (inner instanceof z.ZodRecord && isPlainObject(raw)) {
    const keySchema = inner.keyType as AnySchema;
    const valueSchema = inner.valueType as AnySchema;
    const kept: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(raw)) {
      const keyParsed = keySchema.safeParse(key);
      if (!keyParsed.success) {
        problems.push(invalid(at(path, key), keyParsed.error, 'entryIgnored'));
        continue;
      }
      const pruned = prune(valueSchema, value, at(path, key), problems, 'entryIgnored');
      if (pruned === REFUSED) continue;
      const valueParsed = valueSchema.safeParse(pruned);
      if (valueParsed.success) kept[key] = pruned;
      else problems.push(invalid(at(path, key), valueParsed.error, 'entryIgnored'));
    }
    return kept;
  }
  return raw;
}

const invalid = (
  path: string,
  error: z.ZodError,
  outcome: LenientOutcome | undefined,
): LenientProblem => ({
  path,
  reason: { kind: 'invalid', ...summarizeIssues(error) },
  ...(outcome && { outcome }),
});

/** `parseLeniently` with each problem as data (`LenientProblem`) rather than a line. */
export function parseLenientlyInDetail<T extends AnySchema>(
  schema: T,
  raw: unknown,
): { value: z.infer<T> | undefined; problems: LenientProblem[] } {
  const problems: LenientProblem[] = [];
  const pruned = prune(schema, raw, '', problems, undefined);
  const whole = schema.safeParse(raw);
  // Valid as a whole: the only problems are unknown fields, which zod drops without a word.
  if (whole.success) return { value: whole.data, problems };
  // A required part is wrong: the whole is refused, for the reasons named at that part.
  if (pruned === REFUSED) return { value: undefined, problems };
  const retried = schema.safeParse(pruned);
  if (retried.success && problems.length > 0) return { value: retried.data, problems };
  return {
    value: undefined,
    problems: [{ path: '', reason: { kind: 'invalid', ...summarizeIssues(whole.error) } }],
  };
}

/**
 * Parses `raw` with `schema`, leaving out only the parts that are wrong. When even the pruned
 * value fails (a rule across fields, a list over its limit), the whole value is refused.
 */
export function parseLeniently<T extends AnySchema>(
  schema: T,
  raw: unknown,
): LenientResult<z.infer<T>> {
  const { value, problems } = parseLenientlyInDetail(schema, raw);
  return { value, problems: problems.map(describeLenientProblem) };
}
