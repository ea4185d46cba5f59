/**
 * Waits between tries of the first request to the background. Right after a browser start the
 * service worker may not listen yet when the first CRM tab's script runs ("Receiving end does not
 * exist"); the card must still come without a reload (issue #17 item 6). About 6 s in all.
 */
export const HELLO_RETRY_DELAYS_MS = [50, 100, 200, 400, 800, 1600, 3200] as const;

/** `attempt()` until it resolves, waiting `delays[i]` after the i-th failure; the last error otherwise. */
export async function withRetries<T>(
  attempt: () => Promise<T>,
  delays: readonly number[] = HELLO_RETRY_DELAYS_MS,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<T> {
  for (let index = 0; ; index += 1) {
    try {
      return await attempt();
    } catch (error) {
      const delay = delays[index];
      if (delay === undefined) throw error;
      await sleep(delay);
    }
  }
}
