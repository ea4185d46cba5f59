import { readFileSync, writeFileSync } from 'node:fs';
import { withSettingsReference } from './settings-doc';

// docs/admin.md's settings reference is generated from lib/settings/definitions.ts; a unit test
// fails when it is stale.
const file = 'docs/admin.md';
writeFileSync(file, withSettingsReference(readFileSync(file, 'utf8')));
console.log(`updated the settings reference in ${file}`);
