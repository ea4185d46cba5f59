import type { DebugRequests } from '../messaging/debug-requests';
import type { HandlersFor } from '../messaging/router';
import type { TouchpointDb } from '../storage/db';
import { enqueueSyntheticEvents } from '../sync/synthetic-events';

/** Handlers of the e2e-only requests (lib/messaging/debug-requests.ts). */
export function createDebugHandlers(deps: {
  db: TouchpointDb;
  newId: (now: number) => string;
  now: () => number;
}): HandlersFor<DebugRequests> {
  return {
    async 'debug.enqueueSyntheticEvents'({ count, startAt, spacingMs }) {
      const ids = await enqueueSyntheticEvents(
        deps.db,
        count,
        startAt ?? deps.now(),
        deps.newId,
        spacingMs,
      );
      return { ids };
    },
  };
}
