/**
 * A read after a change of the page waits until the page is idle, at most this long: the read,
 * its report and what the background and the sidebar's frame do with it then follow the page's
 * own rendering of the change instead of competing with it for the CPU (two cores: the page, the
 * worker and the frame's process). A page that never idles is read after this long.
 */
export const IDLE_TIMEOUT_MS = 200;

/** The page's window, as far as waiting for it goes (Firefox and Chromium have idle callbacks). */
export type IdleWindow = {
  setTimeout(callback: () => void, ms: number): number;
  clearTimeout(handle: number): void;
  requestIdleCallback?(callback: () => void, options: { timeout: number }): number;
  cancelIdleCallback?(handle: number): void;
};

/** Runs `callback` in a task of its own once `view` is idle; returns a function that cancels it. */
export function whenIdle(view: IdleWindow, callback: () => void): () => void {
  if (view.requestIdleCallback && view.cancelIdleCallback) {
    const handle = view.requestIdleCallback(() => callback(), { timeout: IDLE_TIMEOUT_MS });
    return () => view.cancelIdleCallback!(handle);
  }
  const handle = view.setTimeout(callback, 0);
  return () => view.clearTimeout(handle);
}
