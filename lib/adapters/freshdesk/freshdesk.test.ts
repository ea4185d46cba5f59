// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { freshdesk } from '.';
import { adaptersForUrl, combineAdapters } from '../adapter-set';
import { matchRecordUrl } from '../read-record';
import {
  describeAdapterFixtures,
  extractFixturePage,
  readFixtureHtml,
} from '../../../tests/adapter-fixtures';

describeAdapterFixtures(freshdesk);

describe('Freshdesk requester widget', () => {
  it('reads the value, not the row label', async () => {
    const result = await extractFixturePage(
      freshdesk,
      'https://acme.freshdesk.com/a/tickets/1001',
      readFixtureHtml('freshdesk', 'ticket-1001.html'),
      {},
    );
    if (!result.ok) throw new Error(result.reason);
    expect(result.context.customerEmail).not.toContain('Email');
    expect(result.context.matchedBy.customerEmail).toBe(
      'selector:[data-test-id="requester-info-contact-email"] .info-details-content',
    );
  });

  it('recognises contact and company pages by URL', () => {
    expect(matchRecordUrl(freshdesk, 'https://acme.freshdesk.com/a/contacts/77')).toMatchObject({
      type: 'contact',
      recordId: '77',
    });
    expect(
      matchRecordUrl(freshdesk, 'https://acme.freshdesk.com/a/companies/12/tickets')?.type,
    ).toBe('company');
    expect(matchRecordUrl(freshdesk, 'https://acme.freshdesk.com/support/tickets/1001')).toBeNull();
  });

  it('reads a ticket at the older /helpdesk/tickets/{id} address notification links use', () => {
    expect(
      matchRecordUrl(freshdesk, 'https://acme.freshdesk.com/helpdesk/tickets/1001'),
    ).toMatchObject({ type: 'ticket', recordId: '1001', number: '1001' });
    for (const url of [
      'https://acme.freshdesk.com/helpdesk/tickets/view/123456789',
      'https://acme.freshdesk.com/helpdesk/tickets/new',
      'https://acme.freshdesk.com/helpdesk/tickets',
    ]) {
      expect(matchRecordUrl(freshdesk, url), url).toBeNull();
    }
  });

  it('reads a help desk at its own domain once the admin names it (adapterHosts)', () => {
    const url = 'https://support.acme.example/a/tickets/1001';
    const [adapter] = adaptersForUrl(
      combineAdapters([], { freshdesk: ['https://support.acme.example/*'] }),
      url,
    );
    expect(adapter?.id).toBe('freshdesk');
    expect(matchRecordUrl(adapter!, url)).toMatchObject({ type: 'ticket', recordId: '1001' });
  });
});
