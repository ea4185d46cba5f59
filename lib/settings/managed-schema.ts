import { z } from 'zod';
import { adapterDefinitionSchema, hostPatternSchema } from '../adapters/definition';
import { appIdSchema } from '../context/record-context';

/**
 * What an admin may put in managed policy (Chrome `3rdparty` / Firefox `3rdparty.Extensions`).
 * Every key is optional; each is validated on its own in policy.ts.
 */
export const managedPolicyFields = {
  retentionDays: z.number().int().min(1).max(90),
  defaultCallingCode: z
    .string()
    .regex(/^[1-9]\d{0,2}$/, 'must be a country calling code such as 49'),
  idLinks: z.array(
    z.array(z.string().regex(/^[a-z][a-z0-9-]+:.+$/, 'must look like app:id')).min(2),
  ),
  adapterHosts: z.record(appIdSchema, z.array(hostPatternSchema).max(20)),
  customAdapters: z.array(adapterDefinitionSchema),
} as const;

export const managedPolicySchema = z.object(managedPolicyFields).partial();

type JsonSchema = Record<string, unknown>;
const CHROME_TYPES = new Set(['object', 'array', 'string', 'integer', 'number', 'boolean']);

/**
 * Chrome accepts only a subset of JSON Schema for `managed_schema` and silently drops object
 * properties it does not declare, so the schema must describe every nested field. Unions of
 * objects become one object with all their properties; other keywords are left to zod.
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
    return toChromeSchema(typed[0] ?? { type: 'string' });
  }
  const type = String(node.type);
  if (!CHROME_TYPES.has(type)) throw new Error(`managed schema: unsupported type ${type}`);
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
  if (type === 'string' && Array.isArray(node.enum)) out.enum = node.enum;
  return out;
}

/** The `managed_schema.json` Chrome validates admin policy against (public/managed_schema.json). */
export function buildManagedSchema(): JsonSchema {
  return toChromeSchema(z.toJSONSchema(managedPolicySchema, { io: 'input' }) as JsonSchema);
}
