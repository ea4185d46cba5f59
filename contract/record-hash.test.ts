import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createRecordHasher } from './record-hash';

describe('record hash', () => {
  it('is the HMAC-SHA-256 of app:recordId with the team secret, as the collector computes it', async () => {
    const hash = await createRecordHasher('team-secret-0123456789')('zendesk', '42');
    expect(hash).toBe(
      createHmac('sha256', 'team-secret-0123456789').update('zendesk:42').digest('hex'),
    );
  });

  it('gives no hash without a secret (the summary cannot be joined, and carries no id)', async () => {
    expect(await createRecordHasher(undefined)('zendesk', '42')).toBeNull();
  });
});
