import { useEffect } from 'react';
import { browser } from 'wxt/browser';

/**
 * Calls `load` now and again whenever browser storage or the extension's host permissions change:
 * the managed policy (storage.managed), the cached team policy, the agent's choices and granted
 * hosts all land there, so a page showing settings or their problems follows a change within
 * seconds without a reload (issue #15). The short delay lets the service worker re-resolve the
 * same change first.
 */
export function useReloadOnChange(load: () => void, delayMs = 100): void {
  useEffect(() => {
    load();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const reload = () => {
      clearTimeout(timer);
      timer = setTimeout(load, delayMs);
    };
    browser.storage.onChanged.addListener(reload);
    browser.permissions.onAdded.addListener(reload);
    browser.permissions.onRemoved.addListener(reload);
    return () => {
      clearTimeout(timer);
      browser.storage.onChanged.removeListener(reload);
      browser.permissions.onAdded.removeListener(reload);
      browser.permissions.onRemoved.removeListener(reload);
    };
  }, [load, delayMs]);
}
