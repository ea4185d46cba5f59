import { browser } from 'wxt/browser';
import { createBackgroundHandlers, type BackgroundDeps } from '../../background/handlers';
import { createDebugHandlers } from '../../background/debug-handlers';
import { debugRequests } from '../../messaging/debug-requests';
import {
  backgroundRoutes,
  handleRequest,
  joinRoutes,
  type Routes,
  type SelfIdentity,
} from '../../messaging/router';
import type { TouchpointDb } from '../../storage/db';

export type MessageDeps = BackgroundDeps & {
  self: SelfIdentity;
  db: TouchpointDb;
  newId: (now: number) => string;
};

/**
 * Answers every request of lib/messaging/protocol.ts, checked by the router (envelope, sender,
 * schemas). E2E builds (`--mode e2e`) also answer the debug requests; in every other build Vite
 * replaces the mode with a constant and drops them, names and schemas included (issue #12).
 */
export function createMessageService(deps: MessageDeps) {
  let routes: Routes = backgroundRoutes(createBackgroundHandlers(deps));
  if (import.meta.env.MODE === 'e2e') {
    routes = joinRoutes(routes, debugRequests(), createDebugHandlers({ ...deps, now: Date.now }));
  }
  browser.runtime.onMessage.addListener((message, sender) =>
    handleRequest(routes, message, sender, deps.self),
  );
}
