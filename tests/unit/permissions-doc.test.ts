import { describe, expect, it } from 'vitest';
import {
  comparePermissions,
  documentedPermissions,
  requestedPermissions,
} from '../../scripts/permissions-doc';

const DOC = `
Intro | \`not-this\` |
<!-- permissions:start -->
| Permission | Why |
| --- | --- |
| \`storage\` | settings |
| \`https://*.zendesk.com/*\` | Zendesk pages |
<!-- permissions:end -->
`;

describe('permission list check', () => {
  it('collects API permissions, host permissions and content-script hosts', () => {
    expect(
      requestedPermissions({
        permissions: ['storage'],
        optional_host_permissions: ['https://*/*'],
        content_scripts: [{ matches: ['https://*.zendesk.com/*'] }],
      }),
    ).toEqual(new Set(['storage', 'https://*/*', 'https://*.zendesk.com/*']));
  });

  it('reads the first cell of each row between the markers only', () => {
    expect(documentedPermissions(DOC)).toEqual(new Set(['storage', 'https://*.zendesk.com/*']));
  });

  it('names permissions missing from the docs and docs for permissions no longer requested', () => {
    expect(
      comparePermissions(new Set(['storage', 'tabs']), new Set(['storage', 'history'])),
    ).toEqual({ undocumented: ['tabs'], notRequested: ['history'] });
  });
});
