import { readFileSync, writeFileSync } from 'node:fs';
import { withAdapterReference } from './adapter-doc';

// docs/admin.md's adapter reference is generated from lib/adapters/definition.ts; a unit test
// fails when it is stale.
const file = 'docs/admin.md';
writeFileSync(file, withAdapterReference(readFileSync(file, 'utf8')));
console.log(`updated the adapter reference in ${file}`);
