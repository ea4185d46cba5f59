import type { AdapterDefinition } from '../adapters/definition';
import { readRecord } from '../adapters/read-record';
import type { RecordContext } from '../context/record-context';
import { pageRecordKeyOf } from '../../contract/record-fields';

/** Fetches a page of the CRM's own origin as the agent's session sees it (null: not answered). */
export type FetchPage = (url: string) => Promise<string | null>;

/**
 * The record a page showed, read once more from its address: a server-rendered helpdesk leaves
 * the ticket the moment it is closed (osTicket sends the agent to the queue, ServiceNow's Update
 * back to the list), so the page never shows the new status. The page's HTML is parsed, never run.
 * Null when it does not answer within `timeoutMs`, or shows no status of that record.
 */
export async function lookBack(
  adapter: AdapterDefinition,
  record: { url: string; key: string },
  fetchPage: FetchPage,
  options: { now: number; timeoutMs: number },
): Promise<RecordContext | null> {
  const html = await Promise.race([
    fetchPage(record.url).catch(() => null),
    new Promise<null>((resolve) => setTimeout(resolve, options.timeoutMs, null)),
  ]);
  if (!html) return null;
  const document = new DOMParser().parseFromString(html, 'text/html');
  const result = readRecord(adapter, { url: record.url, document }, options.now);
  if (!result.ok || pageRecordKeyOf(result.context) !== record.key) return null;
  return result.context.status ? result.context : null;
}

/** `fetch` for a page of this origin only, with the agent's session; null for anything else. */
export function sameOriginPageFetch(origin: string, fetchImpl: typeof fetch): FetchPage {
  return async (url) => {
    if (new URL(url).origin !== origin) return null;
    const response = await fetchImpl(url, { credentials: 'same-origin' });
    return response.ok ? response.text() : null;
  };
}
