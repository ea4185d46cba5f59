import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildManagedSchema } from '../../scripts/managed-schema';
import { resolveSettings } from '../../lib/settings/effective';
import { DEFAULT_PROMPT_SETTINGS } from '../../contract/prompt-settings';

type ChromeSchema = {
  type: string;
  properties?: Record<string, ChromeSchema>;
  additionalProperties?: ChromeSchema;
  items?: ChromeSchema;
  enum?: unknown[];
};

/**
 * What Chrome keeps of one top-level policy value (components/policy/core/common/schema.cc,
 * `Normalize` with SCHEMA_ALLOW_UNKNOWN, as `SchemaMap::FilterBundle` calls it): undeclared object
 * properties are removed; any other part that does not fit its type or `enum` drops the whole
 * value. Whole numbers fit `number`.
 */
function chromeKeeps(schema: ChromeSchema, value: unknown): boolean {
  const kind = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
  const fits = schema.type === kind || (schema.type === 'integer' && Number.isInteger(value));
  if (!fits) return false;
  if (schema.enum && !schema.enum.includes(value)) return false;
  if (Array.isArray(value)) return value.every((item) => chromeKeeps(schema.items!, item));
  if (kind !== 'object') return true;
  return Object.entries(value as Record<string, unknown>).every(([key, part]) => {
    const declared = schema.properties?.[key] ?? schema.additionalProperties;
    return !declared || chromeKeeps(declared, part);
  });
}

describe('managed_schema.json', () => {
  const schema = buildManagedSchema() as { properties: Record<string, ChromeSchema> };

  it('is the one generated from the zod schema (run `npm run generate:managed-schema`)', () => {
    const committed = JSON.parse(readFileSync('public/managed_schema.json', 'utf8')) as unknown;
    expect(committed).toEqual(buildManagedSchema());
  });

  it('declares each custom adapter as JSON text, so Chrome never drops the list for one bad entry', () => {
    expect(schema.properties.customAdapters).toEqual({ type: 'array', items: { type: 'string' } });
  });

  it('lets a wrong choice or a decimal through to Touchpoint, which refuses that key alone', () => {
    const prompts = { scale: '1-7', maxPerDay: 6.5, reasons: ['policy', 'slow'], maxPerHour: 3 };
    expect(chromeKeeps(schema.properties.prompts!, prompts)).toBe(true);
    expect(chromeKeeps(schema.properties.identityMode!, 'Pseudonymous')).toBe(true);
    expect(chromeKeeps(schema.properties.catalogueAdditions!, [{ category: 'wikis' }])).toBe(true);

    const { settings, diagnostics } = resolveSettings({ managed: { prompts } });
    expect(settings.prompts.maxPerHour).toBe(3);
    expect(settings.prompts.scale).toBe(DEFAULT_PROMPT_SETTINGS.scale);
    expect(settings.prompts.maxPerDay).toBe(DEFAULT_PROMPT_SETTINGS.maxPerDay);
    expect(settings.prompts.reasons).toEqual(['policy']);
    expect(diagnostics).toEqual([
      expect.stringContaining('scale'),
      expect.stringContaining('maxPerDay'),
      expect.stringContaining('reasons[1]'),
    ]);
  });

  it('still drops a value whose JSON type is wrong: Chrome checks types before Touchpoint sees it', () => {
    expect(chromeKeeps(schema.properties.prompts!, { maxPerDay: '6' })).toBe(false);
    expect(
      chromeKeeps(schema.properties.adapterHosts!, { osticket: 'https://help.acme.test/*' }),
    ).toBe(false);
  });
});
