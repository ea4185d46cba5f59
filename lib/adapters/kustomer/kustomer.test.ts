// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { kustomer } from '.';
import { matchRecordUrl } from '../read-record';
import { describeAdapterFixtures } from '../../../tests/adapter-fixtures';

describeAdapterFixtures(kustomer);

const CUSTOMER = 'https://acme.kustomerapp.com/app/customers/5f1a2b3c4d5e6f7a8b9c0d1e';

describe('Kustomer records', () => {
  it('uses the conversation, not the customer, when a conversation is open', () => {
    expect(matchRecordUrl(kustomer, `${CUSTOMER}/event/60aa11bb22cc33dd44ee55ff`)).toMatchObject({
      type: 'conversation',
      recordId: '60aa11bb22cc33dd44ee55ff',
    });
  });

  it('falls back to the customer when only the timeline is open', () => {
    expect(matchRecordUrl(kustomer, CUSTOMER)).toMatchObject({
      type: 'contact',
      recordId: '5f1a2b3c4d5e6f7a8b9c0d1e',
    });
    expect(matchRecordUrl(kustomer, `${CUSTOMER}/settings`)).toBeNull();
  });
});
