import type { z } from 'zod';
import { browser } from 'wxt/browser';
import { sendRequest } from '../../messaging/request-client';
import type { RequestTable } from '../../messaging/router';

/**
 * How an extension page asks the background: the request is checked by the background's router,
 * the answer here against its schema in `table`. Rejects with the background's error message.
 */
export function requesterFor<T extends RequestTable>(table: T) {
  return <K extends keyof T & string>(
    type: K,
    payload: z.infer<T[K]['request']>,
  ): Promise<z.infer<T[K]['response']>> =>
    sendRequest((message) => browser.runtime.sendMessage(message), table, type, payload);
}
