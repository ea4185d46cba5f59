import { describe, expect, it } from 'vitest';
import { recordTitle } from './record-names';

describe('recordTitle', () => {
  it('names a record by the number agents know, then its subject', () => {
    expect(
      recordTitle({
        appName: 'ServiceNow',
        recordType: 'incident',
        recordId: '9d385017c611228701d22104cc95c371',
        recordNumber: 'INC0010042',
        subject: 'VPN drops every hour',
      }),
    ).toBe('ServiceNow INC0010042 · VPN drops every hour');
  });

  it('keeps the kind of record for a bare ticket number', () => {
    expect(
      recordTitle({
        appName: 'Zendesk',
        recordType: 'ticket',
        recordId: '42',
        recordNumber: '#42',
      }),
    ).toBe('Zendesk ticket #42');
  });

  it('keeps the kind of record for a number of digits only', () => {
    expect(
      recordTitle({
        appName: 'Salesforce',
        recordType: 'case',
        recordId: '500000000001026',
        recordNumber: '00001026',
        subject: 'Replacement part never shipped',
      }),
    ).toBe('Salesforce case 00001026 · Replacement part never shipped');
  });

  it('falls back to the id when the page shows no number', () => {
    expect(recordTitle({ appName: 'HubSpot', recordType: 'contact', recordId: '51' })).toBe(
      'HubSpot contact 51',
    );
  });

  it('keeps a long subject to the start that fits a heading', () => {
    const title = recordTitle({
      appName: 'ServiceNow',
      recordType: 'incident',
      recordId: '9d385017c611228701d22104cc95c371',
      recordNumber: 'INC0010042',
      subject: `VPN drops every hour ${'and then reconnects '.repeat(25)}`,
    });
    expect(title.startsWith('ServiceNow INC0010042 · VPN drops every hour and then')).toBe(true);
    expect(title.endsWith('…')).toBe(true);
    expect(title.length).toBeLessThan(110);
  });
});
