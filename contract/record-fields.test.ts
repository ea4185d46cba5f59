import { describe, expect, it } from 'vitest';
import { instanceOf, parseRecordKey, recordKeyOf } from './record-fields';

const ticket = (url: string) => ({ app: 'zendesk', recordType: 'ticket', recordId: '42', url });

describe('record keys tell the instances of one app apart', () => {
  it('keys ticket 42 of two Zendesk accounts as two records', () => {
    expect(recordKeyOf(ticket('https://acme.zendesk.com/agent/tickets/42'))).toBe(
      'acme|zendesk:ticket:42',
    );
    expect(recordKeyOf(ticket('https://globex.zendesk.com/agent/tickets/42'))).toBe(
      'globex|zendesk:ticket:42',
    );
  });

  it('gives one instance the same label under each host it answers at', () => {
    expect(instanceOf('https://acme.lightning.force.com/lightning/r/Case/500/view')).toBe('acme');
    expect(instanceOf('https://acme.my.salesforce.com/500')).toBe('acme');
    expect(
      instanceOf('https://acme--uat.sandbox.lightning.force.com/lightning/r/Case/500/view'),
    ).toBe('acme--uat');
    expect(instanceOf('https://ACME.crm4.dynamics.com/main.aspx')).toBe('acme');
  });

  it('tells apart the accounts that share one host by the account in the path', () => {
    const contact = (url: string) =>
      recordKeyOf({ app: 'hubspot', recordType: 'contact', recordId: '51', url });
    expect(contact('https://app.hubspot.com/contacts/4412345/record/0-1/51')).toBe(
      'app/4412345|hubspot:contact:51',
    );
    expect(contact('https://app.hubspot.com/contacts/9900001/contact/51/')).toBe(
      'app/9900001|hubspot:contact:51',
    );
    expect(instanceOf('https://app-eu1.hubspot.com/help-desk/4412345/view/search/ticket/7')).toBe(
      'app-eu1/4412345',
    );
    expect(
      instanceOf('https://app.intercom.com/a/inbox/ab12cd34/inbox/shared/all/conversation/1'),
    ).toBe('app/ab12cd34');
    expect(instanceOf('https://app.eu.intercom.com/a/apps/ab12cd34/conversations/1')).toBe(
      'app/ab12cd34',
    );
    // A shared host whose path names no account keeps its label alone.
    expect(instanceOf('https://app.hubspot.com/reports-dashboard')).toBe('app');
  });

  it('keeps an IP address or a single-label host whole, with its port', () => {
    expect(instanceOf('http://127.0.0.1:5301/tickets/1')).toBe('127.0.0.1:5301');
    expect(instanceOf('http://[::1]:8080/scp/tickets.php?id=1')).toBe('[::1]:8080');
    expect(instanceOf('http://helpdesk/scp/tickets.php?id=1')).toBe('helpdesk');
  });

  it('keys ticket 1 of two self-hosted helpdesks, or two custom domains, as two records', () => {
    const osticket = (url: string) =>
      recordKeyOf({ app: 'osticket', recordType: 'ticket', recordId: '1', url });
    const installs = [
      'https://support.acme.com/scp/tickets.php?id=1',
      'https://support.globex.com/scp/tickets.php?id=1',
      'http://10.0.0.5:8080/scp/tickets.php?id=1',
      'http://10.0.0.5:8081/scp/tickets.php?id=1',
    ];
    expect(new Set(installs.map(osticket)).size).toBe(installs.length);
    expect(osticket(installs[0]!)).toBe('support.acme.com|osticket:ticket:1');
    // A Freshdesk account under its own domain as well as under freshdesk.com: two names, as
    // the browser sees two sites.
    expect(instanceOf('https://support.acme.com/a/tickets/7')).toBe('support.acme.com');
    expect(instanceOf('https://acme.freshdesk.com/a/tickets/7')).toBe('acme');
  });

  it('parses a key into its parts, and a key stored before instances were kept', () => {
    expect(parseRecordKey('acme|custom:ticket:a:b|c')).toEqual({
      instance: 'acme',
      app: 'custom',
      recordType: 'ticket',
      recordId: 'a:b|c',
      pageKey: 'custom:ticket:a:b|c',
    });
    expect(parseRecordKey('[::1]:8080|osticket:ticket:7')).toMatchObject({
      instance: '[::1]:8080',
      app: 'osticket',
      recordId: '7',
    });
    expect(parseRecordKey('10.0.0.5:8080|osticket:ticket:a|b')).toMatchObject({
      instance: '10.0.0.5:8080',
      recordId: 'a|b',
    });
    expect(parseRecordKey('custom:ticket:a|b')).toEqual({
      instance: '',
      app: 'custom',
      recordType: 'ticket',
      recordId: 'a|b',
      pageKey: 'custom:ticket:a|b',
    });
  });
});
