// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { helpscout } from '.';
import { matchRecordUrl } from '../read-record';
import { describeAdapterFixtures, extractFixturePage } from '../../../tests/adapter-fixtures';

describeAdapterFixtures(helpscout);

const CONVERSATION_URL = 'https://secure.helpscout.net/conversation/2468013579/1482/';

describe('Help Scout conversations', () => {
  it('keys a conversation by its id and names it by the number the agent sees', async () => {
    const result = await extractFixturePage(helpscout, CONVERSATION_URL, '<html></html>', {});
    if (!result.ok) throw new Error(result.reason);
    expect(result.context).toMatchObject({ recordId: '2468013579', recordNumber: '#1482' });
  });

  it("keeps two accounts' conversations with the same number apart", () => {
    // Each account numbers its own conversations, on the one host all accounts share.
    const first = matchRecordUrl(helpscout, CONVERSATION_URL);
    const second = matchRecordUrl(
      helpscout,
      'https://secure.helpscout.net/conversation/913572468/1482/',
    );
    expect(first?.number).toBe(second?.number);
    expect(first?.recordId).not.toBe(second?.recordId);
  });

  it('reads the subject while it is being edited in place', async () => {
    const html =
      '<html><body><input aria-label="Conversation Subject" value="Cannot export my invoices (CSV)"></body></html>';
    const result = await extractFixturePage(helpscout, CONVERSATION_URL, html, {});
    if (!result.ok) throw new Error(result.reason);
    expect(result.context.subject).toBe('Cannot export my invoices (CSV)');
  });
});

describe('Help Scout customers', () => {
  it('reads a customer profile, /customer/{id}/{mailboxId or 0}/, as a contact', () => {
    expect(
      matchRecordUrl(helpscout, 'https://secure.helpscout.net/customer/123456789/0/'),
    ).toMatchObject({ type: 'contact', recordId: '123456789' });
    expect(matchRecordUrl(helpscout, 'https://secure.helpscout.net/customers/')).toBeNull();
  });
});
