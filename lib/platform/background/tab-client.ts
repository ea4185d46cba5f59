import { browser } from 'wxt/browser';
import type { z } from 'zod';
import { CONTENT_REQUESTS, type ContentRequestType } from '../../messaging/protocol';

type Spec<K extends ContentRequestType> = (typeof CONTENT_REQUESTS)[K];

/**
 * The one way the background asks a tab's content script (top frame only): the answer is checked
 * against lib/messaging/protocol.ts. Null when the tab has no content script or answers otherwise.
 */
export async function requestTab<K extends ContentRequestType>(
  tabId: number,
  type: K,
  payload: z.infer<Spec<K>['request']>,
): Promise<z.infer<Spec<K>['response']> | null> {
  try {
    const reply: unknown = await browser.tabs.sendMessage(tabId, { type, payload }, { frameId: 0 });
    const parsed = CONTENT_REQUESTS[type].response.safeParse(reply);
    return parsed.success ? (parsed.data as z.infer<Spec<K>['response']>) : null;
  } catch {
    return null; // no content script in that tab
  }
}
