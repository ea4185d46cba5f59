import { z } from 'zod';

/**
 * Requests only e2e builds (`wxt build --mode e2e`) answer. A function, not a constant, so that a
 * store build, where nothing calls it, carries neither these schemas nor their names (issue #12;
 * `npm run check:store` looks for `debug.` in the built files).
 */
export function debugRequests() {
  return {
    /**
     * Queues `count` valid `app.hourly` events, `spacingMs` (default 1) apart from `startAt`
     * (default now), through the normal outbox path.
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
}
export type DebugRequests = ReturnType<typeof debugRequests>;
