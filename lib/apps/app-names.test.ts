import { describe, expect, it } from 'vitest';
import { BUILTIN_APP_NAMES, collectAppNames } from './app-names';

describe('app names', () => {
  it('names built-in CRMs and catalogue tools as their makers do', () => {
    expect(BUILTIN_APP_NAMES).toMatchObject({
      zendesk: 'Zendesk',
      salesforce: 'Salesforce',
      'zoho-desk': 'Zoho Desk',
      teams: 'Microsoft Teams',
    });
  });

  it("adds the admin's adapters and in-house tools, which win over a built-in name", () => {
    const names = collectAppNames(
      [{ id: 'demo-crm', name: 'Demo CRM' }],
      [
        { id: 'wiki-intern', name: 'Firmenwiki' },
        { id: 'slack', name: 'Slack (EU)' },
      ],
    );
    expect(names).toMatchObject({
      'demo-crm': 'Demo CRM',
      'wiki-intern': 'Firmenwiki',
      slack: 'Slack (EU)',
      zendesk: 'Zendesk',
    });
  });
});
