import { browser } from 'wxt/browser';
import {
  sendRequest,
  type RequestOf,
  type RequestType,
  type ResponseOf,
} from '../../messaging/router';

/**
 * The one way an extension page (options, popup, sidebar, console) asks the background: the
 * request is checked by the background's router, the answer here against the same protocol
 * schema (lib/messaging/protocol.ts). Rejects with the background's error message.
 */
export function request<K extends RequestType>(
  type: K,
  payload: RequestOf<K>,
): Promise<ResponseOf<K>> {
  return sendRequest((message) => browser.runtime.sendMessage(message), type, payload);
}
