// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { gorgias } from '.';
import { matchRecordUrl } from '../read-record';
import { describeAdapterFixtures } from '../../../tests/adapter-fixtures';

describeAdapterFixtures(gorgias);

describe('Gorgias records', () => {
  it('tells a ticket from a customer profile', () => {
    expect(matchRecordUrl(gorgias, 'https://acme.gorgias.com/app/ticket/31337')).toMatchObject({
      type: 'ticket',
      recordId: '31337',
    });
    expect(
      matchRecordUrl(gorgias, 'https://acme.gorgias.com/app/customer/5150?tab=orders'),
    ).toMatchObject({ type: 'contact', recordId: '5150' });
  });

  it('does not take a ticket view (a list) for a ticket', () => {
    expect(matchRecordUrl(gorgias, 'https://acme.gorgias.com/app/tickets/4242/open')).toBeNull();
  });

  it('reads a ticket opened from a view, /app/views/{viewId}/{ticketId}', () => {
    expect(
      matchRecordUrl(gorgias, 'https://acme.gorgias.com/app/views/1384557/202493877'),
    ).toMatchObject({ type: 'ticket', recordId: '202493877' });
    expect(matchRecordUrl(gorgias, 'https://acme.gorgias.com/app/views/1384557')).toBeNull();
  });
});
