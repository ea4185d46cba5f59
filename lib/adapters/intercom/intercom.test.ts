// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { intercom } from '.';
import { adapterCoversUrl, matchRecordUrl } from '../read-record';
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

  it('reads conversations in the EU and Australian regions', () => {
    for (const url of [
      'https://app.eu.intercom.com/a/inbox/zah460bv/inbox/conversation/215560824562362',
      'https://app.eu.intercom.com/a/inbox/grcvqyws/inbox/shared/all/conversation/4137#part_id=comment-4137-23555',
      'https://app.au.intercom.com/a/inbox/abc123/inbox/conversation/987',
    ]) {
      expect(adapterCoversUrl(intercom, url), url).toBe(true);
      expect(matchRecordUrl(intercom, url)?.type, url).toBe('conversation');
    }
    expect(
      matchRecordUrl(intercom, 'https://app.eu.intercom.com/a/inbox/zah460bv/inbox'),
    ).toBeNull();
  });

  it('reads the /a/apps/ conversation links integrations build', () => {
    for (const path of [
      '/inbox/inbox/all/conversations/215470000012345',
      '/conversations/215470000012345',
      '/inbox/conversation/215470000012345',
    ]) {
      const url = `https://app.intercom.com/a/apps/abc123de${path}`;
      expect(matchRecordUrl(intercom, url), url).toMatchObject({
        type: 'conversation',
        recordId: '215470000012345',
      });
    }
    for (const path of [
      '/articles/articles/123/show',
      '/inbox/inbox/all/conversations',
      '/users/segments/all',
    ]) {
      expect(
        matchRecordUrl(intercom, `https://app.intercom.com/a/apps/abc123de${path}`),
        path,
      ).toBeNull();
    }
  });
});
