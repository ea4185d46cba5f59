import { readFileSync } from 'node:fs';
import { comparePermissions, documentedPermissions, requestedPermissions } from './permissions-doc';

// Run after the store builds (`npm run check:store`): compares the built manifests with the
// permission list in docs/admin.md and fails on any difference.
const MANIFESTS = ['.output/chrome-mv3/manifest.json', '.output/firefox-mv3/manifest.json'];

const requested = new Set(
  MANIFESTS.flatMap((file) => [
    ...requestedPermissions(JSON.parse(readFileSync(file, 'utf8')) as object),
  ]),
);
const { undocumented, notRequested } = comparePermissions(
  requested,
  documentedPermissions(readFileSync('docs/admin.md', 'utf8')),
);
if (undocumented.length > 0 || notRequested.length > 0) {
  if (undocumented.length > 0)
    console.error(
      `Requested by the manifest but not justified in docs/admin.md: ${undocumented.join(', ')}`,
    );
  if (notRequested.length > 0)
    console.error(
      `Listed in docs/admin.md but requested by no manifest: ${notRequested.join(', ')}`,
    );
  process.exit(1);
}
console.log(`docs/admin.md justifies all ${requested.size} permissions the manifests request`);
