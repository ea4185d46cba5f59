/** The part of a JSON Schema (as `z.toJSONSchema` writes it) the reference tables read. */
export type JsonSchema = {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  additionalProperties?: JsonSchema | boolean;
  propertyNames?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
};

/** One part of a value: its path (`[]` an item of a list, `{}` the value under any key). */
export type SchemaRow = {
  path: string;
  type: string;
  required: boolean;
  default: string;
  limits: string;
};

function typeOf(node: JsonSchema): string {
  if (node.const !== undefined) return `\`${JSON.stringify(node.const)}\``;
  if (node.enum) return `one of ${node.enum.map((value) => `\`${String(value)}\``).join(', ')}`;
  if (node.anyOf) return node.anyOf.map(typeOf).join(' or ');
  if (node.type === 'array') return 'list';
  if (node.type === 'object') return 'object';
  return node.type ?? 'any';
}

function limitsOf(node: JsonSchema): string {
  if (node.anyOf) return node.anyOf.map(limitsOf).filter(Boolean).join('; ');
  const limits: string[] = [];
  if (node.minItems !== undefined && node.minItems > 0) limits.push(`at least ${node.minItems}`);
  if (node.maxItems !== undefined) limits.push(`at most ${node.maxItems}`);
  if (node.minLength !== undefined && node.minLength > 1)
    limits.push(`${node.minLength}+ characters`);
  if (node.maxLength !== undefined) limits.push(`≤ ${node.maxLength} characters`);
  if (node.minimum !== undefined) limits.push(`≥ ${node.minimum}`);
  if (node.maximum !== undefined) limits.push(`≤ ${node.maximum}`);
  if (node.pattern !== undefined) limits.push(`matches \`${node.pattern.replace(/\|/g, '\\|')}\``);
  if (node.propertyNames?.enum) limits.push('keys: field names');
  else if (node.propertyNames?.pattern) limits.push(`keys match \`${node.propertyNames.pattern}\``);
  return limits.join('; ');
}

/**
 * Every part of `schema` with its type, default and limits, depth first. Alternatives (`anyOf`)
 * that `nameAlternative` names are listed apart (`fields{}[] (title)`); the others share one
 * row, and their parts are listed under it.
 */
export function schemaRows(
  schema: JsonSchema,
  nameAlternative: (alternative: JsonSchema) => string | undefined = () => undefined,
  root = '',
): SchemaRow[] {
  const rows: SchemaRow[] = [];
  const walk = (node: JsonSchema, path: string, required: boolean) => {
    const named = node.anyOf?.every((alternative) => nameAlternative(alternative) !== undefined);
    if (node.anyOf && named) {
      for (const alternative of node.anyOf) {
        walk(alternative, `${path} (${nameAlternative(alternative)!})`, required);
      }
      return;
    }
    if (path !== '') {
      rows.push({
        path,
        type: typeOf(node),
        required,
        default: node.default === undefined ? '' : `\`${JSON.stringify(node.default)}\``,
        limits: limitsOf(node),
      });
    }
    for (const part of node.anyOf ?? [node]) {
      for (const [name, child] of Object.entries(part.properties ?? {})) {
        walk(child, path === '' ? name : `${path}.${name}`, part.required?.includes(name) ?? false);
      }
      if (part.items) walk(part.items, `${path}[]`, true);
      if (typeof part.additionalProperties === 'object') {
        walk(part.additionalProperties, `${path}{}`, true);
      }
    }
  };
  walk(schema, root, true);
  return rows;
}
