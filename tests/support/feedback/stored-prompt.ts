import type { StoredPrompt } from '../../../lib/storage/db';

/**
 * An effort prompt as IndexedDB keeps it: about a Zendesk interaction on `recordKey` closed at
 * `createdAt`, in the state `outcome` gives.
 */
export function storedPrompt(
  id: string,
  recordKey: string,
  createdAt: number,
  outcome: Pick<StoredPrompt, 'state' | 'final' | 'dueAt'>,
): StoredPrompt {
  return {
    id,
    recordKey,
    app: 'zendesk',
    trigger: 'closed',
    interaction: {
      type: 'interaction.ended',
      recordKey,
      app: 'zendesk',
      start: createdAt - 5 * 60_000,
      end: createdAt,
      endReason: 'closed',
      handleMs: 4 * 60_000,
      awayMs: 60_000,
      outsideMs: 0,
      switchCount: 2,
      inAppTabSwitches: 0,
      returns: 1,
      distinctApps: 2,
      appsUsed: ['zendesk', 'gmail'],
    },
    createdAt,
    ...outcome,
  };
}
