import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildManagedSchema } from '../../scripts/managed-schema';

describe('managed_schema.json', () => {
  it('is the one generated from the zod schema (run `npm run generate:managed-schema`)', () => {
    const committed = JSON.parse(readFileSync('public/managed_schema.json', 'utf8')) as unknown;
    expect(committed).toEqual(buildManagedSchema());
  });

  it('declares each custom adapter as JSON text, so Chrome never drops the list for one bad entry', () => {
    const schema = buildManagedSchema() as { properties: Record<string, unknown> };
    expect(schema.properties.customAdapters).toEqual({ type: 'array', items: { type: 'string' } });
  });
});
