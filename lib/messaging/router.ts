import { z } from 'zod';
import { BACKGROUND_REQUESTS } from './protocol';
import { describeIssues } from '../../contract/validation';

type Requests = typeof BACKGROUND_REQUESTS;
export type RequestType = keyof Requests;
export type RequestOf<K extends RequestType> = z.infer<Requests[K]['request']>;
export type ResponseOf<K extends RequestType> = z.infer<Requests[K]['response']>;

/** A table of requests like `BACKGROUND_REQUESTS`: who may send each, and its two schemas. */
export type RequestTable = Record<
  string,
  { from: 'content' | 'extension'; request: z.ZodType; response: z.ZodType }
>;

export type Reply<T> = { ok: true; data: T } | { ok: false; error: string };

/** The fields of `runtime.MessageSender` the checks use. */
export type MessageSenderInfo = {
  id?: string;
  url?: string;
  frameId?: number;
  tab?: { id?: number; url?: string };
  /** Chromium's: `prerender` while the browser prepares a page the agent has not opened. */
  documentLifecycle?: string;
};

/** A sender after the checks: content requests always come with their tab. */
export type VerifiedSender = { tabId: number | undefined; url: string | undefined };

/** One handler per request of `T`, typed by its schemas. */
export type HandlersFor<T extends RequestTable> = {
  -readonly [K in keyof T]: (
    payload: z.infer<T[K]['request']>,
    sender: VerifiedSender,
  ) => Promise<z.infer<T[K]['response']>>;
};
export type Handlers = HandlersFor<Requests>;

/** Requests with their handlers: what the background's message listener answers. */
export type Routes = { requests: RequestTable; handlers: Record<string, unknown> };

export type SelfIdentity = { runtimeId: string; extensionOrigin: string };

const envelopeSchema = z.object({ type: z.string(), payload: z.unknown() });

/** Why a sender may not send this request, or null when it may. */
export function rejectSender(
  from: 'content' | 'extension',
  sender: MessageSenderInfo,
  self: SelfIdentity,
): string | null {
  if (sender.id !== self.runtimeId) return 'sender is not this extension';
  if (from === 'content') {
    if (sender.tab?.id === undefined) return 'content request without a tab';
    if (sender.frameId !== 0) return 'content request from a sub-frame';
    // A prerendered page (the omnibox's guess, a page's speculation rules) carries the tab of the
    // page in front: its record, its sidebar token, would take that page's place.
    if (sender.documentLifecycle === 'prerender')
      return 'content request from a page the browser prerenders, not yet opened';
    if (sender.url?.startsWith(self.extensionOrigin))
      return 'content request from an extension page';
    return null;
  }
  if (!sender.url?.startsWith(self.extensionOrigin))
    return 'request must come from an extension page';
  return null;
}

/** The background's requests (lib/messaging/protocol.ts) with their handlers. */
export const backgroundRoutes = (handlers: Handlers): Routes => ({
  requests: BACKGROUND_REQUESTS,
  handlers,
});

/** Two sets of routes as one (e2e builds add the debug requests to the background's). */
export const joinRoutes = <T extends RequestTable>(
  routes: Routes,
  requests: T,
  handlers: HandlersFor<T>,
): Routes => ({
  requests: { ...routes.requests, ...requests },
  handlers: { ...routes.handlers, ...handlers },
});

/**
 * Validates one incoming message (envelope, sender, payload), runs its handler and validates the
 * answer. Never throws: every failure becomes `{ ok: false, error }` naming what was wrong.
 */
export async function handleRequest(
  routes: Routes,
  message: unknown,
  sender: MessageSenderInfo,
  self: SelfIdentity,
): Promise<Reply<unknown>> {
  const envelope = envelopeSchema.safeParse(message);
  if (!envelope.success)
    return { ok: false, error: `malformed message: ${describeIssues(envelope.error)}` };
  const { type, payload } = envelope.data;
  const spec = Object.hasOwn(routes.requests, type) ? routes.requests[type] : undefined;
  if (!spec) return { ok: false, error: `unknown message type "${type}"` };
  const refused = rejectSender(spec.from, sender, self);
  if (refused) return { ok: false, error: `${type}: ${refused}` };
  const request = spec.request.safeParse(payload);
  if (!request.success) return { ok: false, error: `${type}: ${describeIssues(request.error)}` };
  try {
    const handler = routes.handlers[type] as (p: unknown, s: VerifiedSender) => Promise<unknown>;
    const result = await handler(request.data, { tabId: sender.tab?.id, url: sender.url });
    const response = spec.response.safeParse(result);
    if (!response.success)
      return { ok: false, error: `${type}: bad response: ${describeIssues(response.error)}` };
    return { ok: true, data: response.data };
  } catch (error) {
    return {
      ok: false,
      error: `${type}: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}
