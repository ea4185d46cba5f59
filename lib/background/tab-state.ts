import type { KeyValueStore } from './key-value';

/** `url`: where the record was read, for a last look at it after the page has left it. */
export type TabRecord = { recordKey: string; app: string; appName: string; url?: string };

/**
 * Per-tab state that must survive the service worker being stopped: the sidebar token handed to
 * the tab's content script, and the record in front. Kept in `storage.session` (cleared with the
 * browser session, like tab ids themselves). One key per item, so no read-modify-write races.
 */
export function createTabState(
  session: KeyValueStore,
  newToken: () => string = () => crypto.randomUUID(),
) {
  const tokenKey = (token: string) => `sidebar-token:${token}`;
  const tokenOfTabKey = (tabId: number) => `sidebar-token-of:${tabId}`;
  const recordKey = (tabId: number) => `tab-record:${tabId}`;

  return {
    /** A fresh token for the tab's sidebar frame; replaces the previous one. */
    async issueSidebarToken(tabId: number): Promise<string> {
      const previous = await session.get<string>(tokenOfTabKey(tabId));
      const token = newToken();
      // One round trip for all three: the frame of the page that asked waits for this answer.
      await Promise.all([
        previous ? session.remove(tokenKey(previous)) : undefined,
        session.set(tokenKey(token), tabId),
        session.set(tokenOfTabKey(tabId), token),
      ]);
      return token;
    },
    /** Whether `token` was issued to `tabId`: a frame must sit in the tab its token belongs to. */
    async tokenBelongsTo(token: string, tabId: number | undefined): Promise<boolean> {
      if (tabId === undefined) return false;
      return (await session.get<number>(tokenKey(token))) === tabId;
    },
    async setRecord(tabId: number, record: TabRecord | null) {
      if (record) await session.set(recordKey(tabId), record);
      else await session.remove(recordKey(tabId));
    },
    async getRecord(tabId: number): Promise<TabRecord | undefined> {
      return session.get<TabRecord>(recordKey(tabId));
    },
    async forgetTab(tabId: number) {
      const token = await session.get<string>(tokenOfTabKey(tabId));
      if (token) await session.remove(tokenKey(token));
      await session.remove(tokenOfTabKey(tabId));
      await session.remove(recordKey(tabId));
    },
  };
}
export type TabState = ReturnType<typeof createTabState>;
