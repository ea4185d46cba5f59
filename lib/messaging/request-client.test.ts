import { describe, expect, it } from 'vitest';
import { BACKGROUND_REQUESTS } from './protocol';
import { sendRequest } from './request-client';
import { SIDEBAR_REQUESTS } from './sidebar-requests';

describe('sendRequest', () => {
  it('returns the validated answer', async () => {
    const send = async () => ({ ok: true, data: { relayed: false } });
    await expect(
      sendRequest(send, BACKGROUND_REQUESTS, 'sidebar.command', { action: 'toggle' }),
    ).resolves.toEqual({ relayed: false });
  });

  it('throws the background’s error, and rejects answers of the wrong shape', async () => {
    const toggle = (send: () => Promise<unknown>) =>
      sendRequest(send, SIDEBAR_REQUESTS, 'sidebar.command', { action: 'toggle' });
    await expect(toggle(async () => ({ ok: false, error: 'nope' }))).rejects.toThrow('nope');
    await expect(toggle(async () => undefined)).rejects.toThrow('malformed reply');
    await expect(toggle(async () => ({ ok: true, data: { relayed: 'yes' } }))).rejects.toThrow(
      'sidebar.command: invalid response',
    );
  });

  it('checks a part of the protocol against the same schemas as the whole', () => {
    for (const [type, spec] of Object.entries(SIDEBAR_REQUESTS)) {
      expect(BACKGROUND_REQUESTS[type as keyof typeof BACKGROUND_REQUESTS]).toBe(spec);
    }
  });
});
