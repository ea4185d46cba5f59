import type { z } from 'zod';

// The fields of a contract schema, read from the zod schema itself (zod 4's `_zod.def`), so that
// a fuzzer built on them covers a field the day it is added to contract/ (issue #13, item 7).

/** One step into a value: an object key, the first element of an array, or a record entry. */
export type FieldStep = string | { element: true } | { entry: true };

export type ContractField = {
  path: FieldStep[];
  /** `record-key`: the key of a record entry (`byType`'s event types), a string like any other. */
  kind: 'number' | 'string' | 'enum' | 'literal' | 'boolean' | 'object' | 'array' | 'record-key';
  nullable: boolean;
  /** Numbers: the bounds the schema declares (±Infinity when it declares none). */
  min?: number;
  max?: number;
  int?: boolean;
  /** Strings and arrays: the longest the schema allows. */
  maxLength?: number;
};

type AnySchema = z.core.$ZodType;
type Def = {
  type: string;
  shape?: Record<string, AnySchema>;
  element?: AnySchema;
  keyType?: AnySchema;
  valueType?: AnySchema;
  innerType?: AnySchema;
  options?: AnySchema[];
  checks?: { _zod: { def: { check: string; maximum?: number } } }[];
};

const defOf = (schema: AnySchema) => (schema as unknown as { _zod: { def: Def } })._zod.def;

function maxLengthOf(schema: AnySchema): number | undefined {
  const declared = (schema as { maxLength?: number | null }).maxLength;
  if (typeof declared === 'number') return declared;
  const check = defOf(schema).checks?.find(({ _zod }) => _zod.def.check === 'max_length');
  return check?._zod.def.maximum;
}

/**
 * Every field of `schema`, depth first, with its kind and bounds. A union (the outbox event's
 * `type` discriminator) is not walked into: list each option on its own.
 */
export function contractFields(
  schema: AnySchema,
  path: FieldStep[] = [],
  nullable = false,
): ContractField[] {
  const def = defOf(schema);
  switch (def.type) {
    case 'nullable':
    case 'optional':
      return contractFields(def.innerType!, path, true);
    case 'object': {
      const own: ContractField[] = path.length > 0 ? [{ path, kind: 'object', nullable }] : [];
      return [
        ...own,
        ...Object.entries(def.shape!).flatMap(([key, child]) =>
          contractFields(child, [...path, key]),
        ),
      ];
    }
    case 'array':
      return [
        { path, kind: 'array', nullable, maxLength: maxLengthOf(schema) },
        ...contractFields(def.element!, [...path, { element: true }]),
      ];
    case 'record':
      return [
        { path, kind: 'object', nullable },
        {
          path: [...path, { entry: true }],
          kind: 'record-key',
          nullable: false,
          maxLength: maxLengthOf(def.keyType!),
        },
        ...contractFields(def.valueType!, [...path, { entry: true }]),
      ];
    case 'number': {
      const number = schema as unknown as { minValue: number | null; maxValue: number | null };
      return [
        {
          path,
          kind: 'number',
          nullable,
          min: number.minValue ?? -Infinity,
          max: number.maxValue ?? Infinity,
          int: (schema as unknown as { isInt: boolean }).isInt,
        },
      ];
    }
    case 'string':
      return [{ path, kind: 'string', nullable, maxLength: maxLengthOf(schema) }];
    case 'enum':
      return [{ path, kind: 'enum', nullable }];
    case 'literal':
      return [{ path, kind: 'literal', nullable }];
    case 'boolean':
      return [{ path, kind: 'boolean', nullable }];
    case 'unknown':
    case 'any':
      // Checked elsewhere (the envelope's `events` are checked one by one).
      return [];
    default:
      throw new Error(`contractFields: no rule for a ${def.type} at ${describePath(path)}`);
  }
}

/** The options of a discriminated union such as `outboxEventSchema`. */
export const unionOptions = (schema: AnySchema): AnySchema[] => defOf(schema).options ?? [];

export const describePath = (path: readonly FieldStep[]) =>
  path
    .map((step) => (typeof step === 'string' ? step : 'element' in step ? '[0]' : '{key}'))
    .join('.') || '(root)';

type Container = Record<string, unknown> | unknown[];

/** The container holding the field and the key to it, creating a first element or entry when none. */
function locate(root: Container, path: readonly FieldStep[]): [Container, string | number] {
  let node: Container = root;
  for (let at = 0; at < path.length; at++) {
    const step = path[at]!;
    const key: string | number =
      typeof step === 'string'
        ? step
        : 'element' in step
          ? 0
          : (Object.keys(node)[0] ?? 'app.hourly');
    if (at === path.length - 1) return [node, key];
    const next = (node as Record<string | number, unknown>)[key];
    if (next === null || typeof next !== 'object') {
      throw new Error(`no value at ${describePath(path.slice(0, at + 1))} to step into`);
    }
    node = next as Container;
  }
  throw new Error('the root is not a field');
}

/** A deep copy of `root` with the field at `path` set to `value` (a record key: renamed to it). */
export function withField<T>(root: T, field: ContractField, value: unknown): T {
  const copy = structuredClone(root) as Container;
  const [parent, key] = locate(copy, field.path);
  const record = parent as Record<string | number, unknown>;
  if (field.kind === 'record-key') {
    const existing = Object.keys(record)[0];
    const entry = existing === undefined ? 1 : record[existing];
    if (existing !== undefined) delete record[existing];
    record[value as string] = entry;
  } else record[key] = value;
  return copy as T;
}

/** A deep copy of `root` without the field at `path` (an object key). */
export function withoutField<T>(root: T, field: ContractField): T {
  const copy = structuredClone(root) as Container;
  const [parent, key] = locate(copy, field.path);
  delete (parent as Record<string | number, unknown>)[key];
  return copy as T;
}

/** The value at the field, or undefined where the sample has none (an empty array). */
export function fieldValue(root: unknown, field: ContractField): unknown {
  const [parent, key] = locate(structuredClone(root) as Container, field.path);
  return field.kind === 'record-key'
    ? Object.keys(parent)[0]
    : (parent as Record<string | number, unknown>)[key];
}
