import type { AdapterDefinition } from '../adapters/definition';
import type { TabRecord } from './tab-state';
import { parseRecordKey } from '../../contract/record-fields';

/**
 * The record a page load left, when only a last look at its page can tell how it ended: its app
 * renders its pages on the server (`rereadOnLeave`), reads a status from them (no API to ask),
 * and the tab now shows another address of it.
 */
export function lastLookAfterLoad(
  previous: TabRecord | undefined,
  adapter: AdapterDefinition,
  url: string,
): { url: string; pageKey: string } | null {
  if (!previous?.url || previous.app !== adapter.id || previous.url === url) return null;
  if (!adapter.rereadOnLeave || adapter.api.length > 0 || !adapter.fields.status) return null;
  return { url: previous.url, pageKey: parseRecordKey(previous.recordKey).pageKey };
}
