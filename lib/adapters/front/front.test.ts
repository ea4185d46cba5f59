// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { front } from '.';
import { matchRecordUrl } from '../read-record';
import { describeAdapterFixtures } from '../../../tests/adapter-fixtures';

describeAdapterFixtures(front);

describe('Front conversations', () => {
  it('finds the conversation from a shared link or from inside an inbox', () => {
    expect(matchRecordUrl(front, 'https://app.frontapp.com/open/cnv_5k2j9x1')).toMatchObject({
      type: 'conversation',
      recordId: 'cnv_5k2j9x1',
    });
    expect(
      matchRecordUrl(
        front,
        'https://app.frontapp.com/inboxes/teams/folders/123/unassigned/cnv_5k2j9x1',
      )?.recordId,
    ).toBe('cnv_5k2j9x1');
  });

  it('ignores other Front ids (messages, contacts) that look similar', () => {
    expect(matchRecordUrl(front, 'https://app.frontapp.com/open/msg_8v3q2')).toBeNull();
    expect(matchRecordUrl(front, 'https://app.frontapp.com/contacts/crd_1a2b3c')).toBeNull();
  });
});
