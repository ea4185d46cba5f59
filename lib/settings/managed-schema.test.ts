import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildManagedSchema } from './managed-schema';

describe('managed_schema.json', () => {
  it('is the one generated from the zod schema (run `npm run generate:managed-schema`)', () => {
    const committed = JSON.parse(readFileSync('public/managed_schema.json', 'utf8')) as unknown;
    expect(committed).toEqual(buildManagedSchema());
  });

  it('declares every field of a custom adapter, or Chrome would drop it from the policy', () => {
    const schema = buildManagedSchema() as {
      properties: { customAdapters: { items: { properties: Record<string, unknown> } } };
    };
    const adapter = schema.properties.customAdapters.items.properties;
    expect(Object.keys(adapter)).toEqual(
      expect.arrayContaining([
        'id',
        'name',
        'hosts',
        'records',
        'fields',
        'scope',
        'api',
        'search',
      ]),
    );
  });
});
