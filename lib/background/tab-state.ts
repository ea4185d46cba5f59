import type { KeyValueStore } from './key-value';

export type TabRecord = { recordKey: string; app: string; appName: string };

/**
 * Per-tab state that must survive the service worker being stopped: the token of the tab's sidebar
 * frame, and the record in front. Kept in `storage.session` (cleared with the browser session, like
 * tab ids themselves). One key per item, so no read-modify-write races. Tokens are also kept in
 * memory for this worker's life: a frame may connect while its tab's token is still being written.
 */
export function createTabState(session: KeyValueStore) {
  const tokenKey = (token: string) => `sidebar-token:${token}`;
  const tokenOfTabKey = (tabId: number) => `sidebar-token-of:${tabId}`;
  const recordKey = (tabId: number) => `tab-record:${tabId}`;
  const tabOfToken = new Map<string, number>();
  const tokenOfTab = new Map<number, string>();
  const waiting = new Map<string, Set<() => void>>();

  async function tabOf(token: string): Promise<number | undefined> {
    return tabOfToken.get(token) ?? (await session.get<number>(tokenKey(token)));
  }

  return {
    /**
     * Ties the token of the tab's sidebar frame (made by its content script) to the tab; replaces
     * the tab's previous token. Known at once to `tokenBelongsTo`, stored for a restarted worker.
     */
    async registerSidebarToken(tabId: number, token: string): Promise<void> {
      // In memory before anything is awaited: the frame's port may be checked meanwhile.
      const remembered = tokenOfTab.get(tabId);
      if (remembered !== undefined && remembered !== token) tabOfToken.delete(remembered);
      tabOfToken.set(token, tabId);
      tokenOfTab.set(tabId, token);
      for (const wake of waiting.get(token) ?? []) wake();
      const previous = remembered ?? (await session.get<string>(tokenOfTabKey(tabId)));
      // One round trip for all three: the tab's frame may be waiting to connect.
      await Promise.all([
        previous !== undefined && previous !== token
          ? session.remove(tokenKey(previous))
          : undefined,
        session.set(tokenKey(token), tabId),
        session.set(tokenOfTabKey(tabId), token),
      ]);
    },
    /**
     * Whether `token` belongs to `tabId`: a frame must sit in the tab its token belongs to. A token
     * not known yet is waited for up to `waitMs`: the frame starts before its page's hello has been
     * handled, and may connect first.
     */
    async tokenBelongsTo(token: string, tabId: number | undefined, waitMs = 0): Promise<boolean> {
      if (tabId === undefined) return false;
      const known = await tabOf(token);
      if (known !== undefined || waitMs <= 0) return known === tabId;
      await new Promise<void>((resolve) => {
        const wakers = waiting.get(token) ?? new Set();
        const wake = () => {
          clearTimeout(timer);
          wakers.delete(wake);
          if (wakers.size === 0) waiting.delete(token);
          resolve();
        };
        const timer = setTimeout(wake, waitMs);
        wakers.add(wake);
        waiting.set(token, wakers);
      });
      return (await tabOf(token)) === tabId;
    },
    async setRecord(tabId: number, record: TabRecord | null) {
      if (record) await session.set(recordKey(tabId), record);
      else await session.remove(recordKey(tabId));
    },
    async getRecord(tabId: number): Promise<TabRecord | undefined> {
      return session.get<TabRecord>(recordKey(tabId));
    },
    async forgetTab(tabId: number) {
      const token = tokenOfTab.get(tabId) ?? (await session.get<string>(tokenOfTabKey(tabId)));
      tokenOfTab.delete(tabId);
      if (token) {
        tabOfToken.delete(token);
        await session.remove(tokenKey(token));
      }
      await session.remove(tokenOfTabKey(tabId));
      await session.remove(recordKey(tabId));
    },
  };
}
export type TabState = ReturnType<typeof createTabState>;
