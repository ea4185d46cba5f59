// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { intercom } from '.';
import { matchRecordUrl } from '../read-record';
import { describeAdapterFixtures } from '../../../tests/adapter-fixtures';

describeAdapterFixtures(intercom);

describe('Intercom conversations', () => {
  it('finds the conversation id whichever inbox view it is opened from', () => {
    const inbox = 'https://app.intercom.com/a/inbox/abc123de/inbox';
    for (const view of ['shared/all', 'admin/4242', 'search', 'view/987']) {
      expect(
        matchRecordUrl(intercom, `${inbox}/${view}/conversation/215470000012345`),
        view,
      ).toMatchObject({ type: 'conversation', recordId: '215470000012345' });
    }
    expect(
      matchRecordUrl(intercom, `${inbox}/shared/all/conversation/215470000012345?view=List`)
        ?.recordId,
    ).toBe('215470000012345');
  });

  it('does not take the workspace id or a help-centre page for a conversation', () => {
    expect(
      matchRecordUrl(intercom, 'https://app.intercom.com/a/inbox/abc123de/inbox/admin/4242'),
    ).toBeNull();
    expect(
      matchRecordUrl(intercom, 'https://app.intercom.com/a/apps/abc123de/articles/123'),
    ).toBeNull();
  });
});
