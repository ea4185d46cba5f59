import { z } from 'zod';
import { syncStatusSchema } from '../sync/sync-state';

// Issue #5: upstream sync. All privileged: only extension pages (popup, options, tests on an
// extension page) may send them.

const idsSchema = z.object({ ids: z.array(z.string().max(100)).min(1).max(10_000) });

export const SYNC_REQUESTS = {
  /** Pending events, last success, last problem, backoff and auth block. */
  'sync.status': {
    from: 'extension',
    request: z.object({}),
    response: syncStatusSchema,
  },
  /** "Sync now": runs at once (ignoring backoff, not an auth block) and answers when it ends. */
  'sync.now': {
    from: 'extension',
    request: z.object({}),
    response: syncStatusSchema,
  },
  /** Options page: dead-lettered events go back to the outbox. */
  'sync.retryDeadLetters': {
    from: 'extension',
    request: idsSchema,
    response: z.object({ moved: z.number().int().nonnegative() }),
  },
  /** Options page, after a confirm: dead-lettered events are deleted for good. */
  'sync.deleteDeadLetters': {
    from: 'extension',
    request: idsSchema,
    response: z.object({ deleted: z.number().int().nonnegative() }),
  },
} as const;
