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
  /**
   * E2E builds only (refused otherwise): queues `count` valid `app.hourly` events, `spacingMs`
   * (default 1) apart from `startAt` (default now), through the normal outbox path.
   */
  'debug.enqueueSyntheticEvents': {
    from: 'extension',
    request: z.object({
      count: z.number().int().min(1).max(100_000),
      startAt: z.number().int().nonnegative().optional(),
      spacingMs: z.number().int().min(1).max(3_600_000).optional(),
    }),
    response: z.object({ ids: z.array(z.string()) }),
  },
} as const;
