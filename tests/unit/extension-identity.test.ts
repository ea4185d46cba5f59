import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TEST_EXTENSION_ID, TEST_EXTENSION_KEY } from '../e2e/extension-identity';

describe('test build identity', () => {
  it('derives the fixed extension id that managed policy is addressed to from the manifest key', () => {
    const hex = createHash('sha256')
      .update(Buffer.from(TEST_EXTENSION_KEY, 'base64'))
      .digest('hex')
      .slice(0, 32);
    const id = [...hex].map((digit) => String.fromCharCode(97 + parseInt(digit, 16))).join('');
    expect(id).toBe(TEST_EXTENSION_ID);
  });
});
