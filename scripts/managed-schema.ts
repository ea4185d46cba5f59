import { z } from 'zod';
import { SETTINGS } from '../lib/settings/definitions';
import { LOCKED_SETTINGS_KEY } from '../lib/settings/policy';

/**
 * What an admin may put in managed policy: every setting, each optional, and `lockedSettings`,
 * the settings neither the team policy nor the agent may change (see effective.ts).
 */
export const managedPolicySchema = z
  .object({
    ...(Object.fromEntries(
      Object.entries(SETTINGS).map(([name, { schema }]) => [name, schema]),
    ) as { [K in keyof typeof SETTINGS]: (typeof SETTINGS)[K]['schema'] }),
    // Names are checked by readManagedValues, which names an unknown one (Chrome would drop it).
    [LOCKED_SETTINGS_KEY]: z.array(z.string()),
  })
  .partial();

type JsonSchema = Record<string, unknown>;
const CHROME_TYPES = new Set(['object', 'array', 'string', 'integer', 'number', 'boolean']);

/**
 * Chrome accepts only a subset of JSON Schema for `managed_schema` and silently drops object
 * properties it does not declare, so the schema must describe every nested field. Unions of
 * objects become one object with all their properties; a union of a string and something else
 * keeps the other (`trackedApps: 'all' | string[]` is declared as a list; 'all' is the default).
 *
 * Chrome refuses a whole top-level value for any part it finds invalid, so the schema declares
 * no more than types: every other rule is zod's, which refuses only the part that breaks it and
 * names it on the options page. A value outside a list of choices (`prompts.scale` "1-7", one
 * unknown reason) or a decimal where a whole number belongs (`prompts.maxPerDay` 6.5) must not
 * cost every other prompt setting (issue #15): no `enum`, and numbers rather than integers.
 */
export function toChromeSchema(node: JsonSchema): JsonSchema {
  const alternatives = (node.anyOf ?? node.oneOf) as JsonSchema[] | undefined;
  if (alternatives) {
    const typed = alternatives.filter((alt) => alt.type !== 'null');
    if (typed.every((alt) => alt.type === 'object')) {
      const properties: Record<string, JsonSchema> = {};
      for (const alt of typed) Object.assign(properties, alt.properties as object);
      return toChromeSchema({ type: 'object', properties });
    }
    const structured = typed.find((alt) => alt.type === 'array' || alt.type === 'object');
    return toChromeSchema(structured ?? typed[0] ?? { type: 'string' });
  }
  const declared = String(node.type);
  if (!CHROME_TYPES.has(declared)) throw new Error(`managed schema: unsupported type ${declared}`);
  const type = declared === 'integer' ? 'number' : declared;
  const out: JsonSchema = { type };
  if (type === 'object') {
    const properties = (node.properties ?? {}) as Record<string, JsonSchema>;
    out.properties = Object.fromEntries(
      Object.entries(properties).map(([name, child]) => [name, toChromeSchema(child)]),
    );
    if (node.additionalProperties && typeof node.additionalProperties === 'object') {
      out.additionalProperties = toChromeSchema(node.additionalProperties as JsonSchema);
    }
  }
  if (type === 'array' && node.items) out.items = toChromeSchema(node.items as JsonSchema);
  return out;
}

/**
 * Chrome refuses a whole policy value when any part has the wrong type (SchemaMap::FilterBundle
 * normalises each top-level value with SCHEMA_ALLOW_UNKNOWN), so one adapter with `hosts` as a
 * string used to drop every custom adapter. Each adapter is therefore declared as JSON text,
 * which Chrome passes through and policy.ts validates adapter by adapter (issue #15).
 */
const CUSTOM_ADAPTERS_AS_TEXT: JsonSchema = { type: 'array', items: { type: 'string' } };

/** The `managed_schema.json` Chrome validates admin policy against (public/managed_schema.json). */
export function buildManagedSchema(): JsonSchema {
  const schema = toChromeSchema(z.toJSONSchema(managedPolicySchema, { io: 'input' }) as JsonSchema);
  const properties = schema.properties as Record<string, JsonSchema>;
  return { ...schema, properties: { ...properties, customAdapters: CUSTOM_ADAPTERS_AS_TEXT } };
}
