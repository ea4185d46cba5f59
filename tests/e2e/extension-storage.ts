import type { BrowserContext } from '@playwright/test';

/**
 * Every IndexedDB database of the extension's origin, store by store, read from one of its own
 * pages after the tracker wrote its open span (`tracking.flush`).
 */
export async function readExtensionDatabases(context: BrowserContext, extensionId: string) {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await page.evaluate(() => chrome.runtime.sendMessage({ type: 'tracking.flush', payload: {} }));
  const dump = await page.evaluate(async () => {
    const result: Record<string, Record<string, unknown[]>> = {};
    for (const { name } of await indexedDB.databases()) {
      if (!name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      result[name] = {};
      for (const store of Array.from(db.objectStoreNames)) {
        result[name][store] = await new Promise<unknown[]>((resolve) => {
          const request = db.transaction(store).objectStore(store).getAll();
          request.onsuccess = () => resolve(request.result as unknown[]);
        });
      }
      db.close();
    }
    return result;
  });
  await page.close();
  return dump;
}
