import { z } from 'zod';
import { isPlainObject } from '../../contract/lenient-parse';

// An admin's managed policy is typed by hand (Firefox's policies.json is not checked against any
// schema; Chrome's schema checks types only, and some MDMs send every value as text). Read
// strictly, `"trackingEnabled": "false"`, `"identityMode": "Anonymous"` or `"trackedApps":
// "zendesk"` fell back to defaults that collect more than the admin meant (tracking on, a stable
// per-browser id, every app by name). These spellings are read as what they plainly say, for the
// managed policy only: the team policy the collector keeps stays strict (contract/team-policy.ts).

type AnySchema = z.ZodType;

/** A list or object given as JSON text that is not JSON (the whole setting, not a part of it). */
export type SpellingProblem = { kind: 'notJson'; detail: string };

const unwrap = (schema: AnySchema): AnySchema => {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) {
    return unwrap(schema.unwrap() as AnySchema);
  }
  if (schema instanceof z.ZodDefault) return unwrap(schema.unwrap() as AnySchema);
  if (schema instanceof z.ZodPipe) return unwrap(schema.in as AnySchema);
  return schema;
};

const PLAIN_DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/** The option of `options` that `raw` names, ignoring case and surrounding spaces. */
function optionNamed(options: readonly unknown[], raw: string): unknown {
  const wanted = raw.trim().toLowerCase();
  return options.find((option) => typeof option === 'string' && option.toLowerCase() === wanted);
}

const isStringLike = (schema: AnySchema) => {
  const inner = unwrap(schema);
  return inner instanceof z.ZodString || inner instanceof z.ZodEnum;
};

type Json = { value: unknown } | { error: SpellingProblem };

/** `text` parsed as JSON when it looks like the list or object `opening` starts. */
function jsonText(text: string, opening: '[' | '{'): Json | undefined {
  if (!text.trim().startsWith(opening)) return undefined;
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    return { error: { kind: 'notJson', detail: error instanceof Error ? error.message : '' } };
  }
}

/**
 * `raw` with the lenient spellings of a managed value read as `schema` expects, recursively:
 * "true"/"false" (any case, trimmed) and 0/1 for a boolean, a plain decimal string for a number,
 * an enum or literal choice in any case with spaces around, a list or object as JSON text, and
 * one string for a list of strings (`"zendesk"` for `["zendesk"]`; a list's special value such
 * as "all" stays itself). Anything else is returned as it was, for the schema to refuse by name.
 * `problem`: the whole value was JSON text that does not parse.
 */
export function readAdminSpelling(
  schema: AnySchema,
  raw: unknown,
): { value: unknown; problem?: SpellingProblem } {
  const problems: SpellingProblem[] = [];
  const value = spell(schema, raw, problems, true);
  return problems[0] ? { value, problem: problems[0] } : { value };
}

function spell(
  schema: AnySchema,
  raw: unknown,
  problems: SpellingProblem[],
  top: boolean,
): unknown {
  const inner = unwrap(schema);
  if (inner instanceof z.ZodBoolean) {
    if (raw === 0 || raw === 1) return raw === 1;
    if (typeof raw === 'string') {
      const word = raw.trim().toLowerCase();
      if (word === 'true' || word === 'false') return word === 'true';
    }
    return raw;
  }
  if (inner instanceof z.ZodNumber) {
    return typeof raw === 'string' && PLAIN_DECIMAL.test(raw.trim()) ? Number(raw.trim()) : raw;
  }
  if (inner instanceof z.ZodEnum || inner instanceof z.ZodLiteral) {
    if (typeof raw !== 'string') return raw;
    const options = inner instanceof z.ZodEnum ? inner.options : [...inner.values];
    return optionNamed(options, raw) ?? raw;
  }
  if (inner instanceof z.ZodUnion) {
    const options = inner.options as AnySchema[];
    // `trackedApps: "All"` is the special value; any other text is read as a list.
    const special = options.find((option) => {
      const literal = unwrap(option);
      return (
        typeof raw === 'string' &&
        literal instanceof z.ZodLiteral &&
        optionNamed([...literal.values], raw) !== undefined
      );
    });
    if (special) return spell(special, raw, problems, top);
    const list = options.find((option) => unwrap(option) instanceof z.ZodArray);
    return list && (typeof raw === 'string' || Array.isArray(raw))
      ? spell(list, raw, problems, top)
      : raw;
  }
  if (inner instanceof z.ZodArray) {
    let list = raw;
    if (typeof raw === 'string') {
      const parsed = jsonText(raw, '[');
      if (parsed && 'error' in parsed) {
        if (top) problems.push(parsed.error);
        return raw;
      }
      if (parsed) list = parsed.value;
      else if (isStringLike(inner.element as AnySchema)) list = [raw];
    }
    return Array.isArray(list)
      ? list.map((entry) => spell(inner.element as AnySchema, entry, problems, false))
      : list;
  }
  if (inner instanceof z.ZodObject || inner instanceof z.ZodRecord) {
    let object = raw;
    if (typeof raw === 'string') {
      const parsed = jsonText(raw, '{');
      if (parsed && 'error' in parsed) {
        if (top) problems.push(parsed.error);
        return raw;
      }
      if (parsed) object = parsed.value;
    }
    if (!isPlainObject(object)) return object;
    const shape = inner instanceof z.ZodObject ? (inner.shape as Record<string, AnySchema>) : {};
    const field = (key: string): AnySchema | undefined =>
      inner instanceof z.ZodRecord
        ? (inner.valueType as AnySchema)
        : Object.hasOwn(shape, key)
          ? shape[key]
          : undefined;
    return Object.fromEntries(
      Object.entries(object).map(([key, part]) => {
        const partSchema = field(key);
        return [key, partSchema ? spell(partSchema, part, problems, false) : part];
      }),
    );
  }
  return raw;
}
