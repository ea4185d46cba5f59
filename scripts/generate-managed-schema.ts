import { writeFileSync } from 'node:fs';
import { buildManagedSchema } from './managed-schema';

// public/managed_schema.json is generated from the zod schema; a unit test fails when it is stale.
writeFileSync('public/managed_schema.json', `${JSON.stringify(buildManagedSchema(), null, 2)}\n`);
console.log('wrote public/managed_schema.json');
